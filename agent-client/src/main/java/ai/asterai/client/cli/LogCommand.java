package ai.asterai.client.cli;

import ai.asterai.client.failure.VerificationException;
import ai.asterai.client.registry.RegistryClient;
import ai.asterai.client.trust.LogCheckpoints;
import ai.asterai.protocol.tlog.Checkpoint;
import ai.asterai.protocol.tlog.EntryBundle;
import ai.asterai.protocol.tlog.Hash;
import ai.asterai.protocol.tlog.LogAudit;
import ai.asterai.protocol.tlog.Merkle;
import ai.asterai.protocol.tlog.NoteVerifier;
import ai.asterai.protocol.tlog.SignedNote;
import ai.asterai.protocol.tlog.Tile;
import ai.asterai.protocol.tlog.TlogFormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "log", description = "Audit a registry's transparency log (docs/transparency.md).",
        subcommands = {LogCommand.Verify.class, LogWitnessCommand.class})
public final class LogCommand extends GroupCommand {

    @Command(name = "verify", description = "Download the whole log, recompute its tree against the signed checkpoint and check"
            + " every entry: canonical, namespaces and keys vouched for, releases signed by an active key. Reports the first bad entry.")
    public static final class Verify extends BaseCommand {
        @Mixin
        RegistryOption registry;

        @Mixin
        JsonOption json;

        @Option(names = "--key", paramLabel = "VERIFIER_KEY",
                description = "The log's verifier key (<origin>+<hash>+<key>) to check the checkpoint with; default: the one the registry serves")
        String key;

        record Result(String registry, String origin, long size, String root, String verifierKey, boolean keyPinned) {
        }

        @Override
        protected int run() {
            RegistryClient client = ctx.registry(registry.url);
            String subject = "transparency log of " + client.url();
            NoteVerifier verifier;
            try {
                String served = new String(client.tlog("key"), StandardCharsets.UTF_8);
                verifier = NoteVerifier.parse(key != null ? key : served);
                if (key != null && !NoteVerifier.parse(served).equals(verifier)) {
                    throw new VerificationException(subject, "the registry serves another log key (" + served.strip() + ") than --key");
                }
            } catch (TlogFormatException e) {
                throw new VerificationException(subject, "bad verifier key: " + e.getMessage());
            }
            Checkpoint cp;
            byte[] note = client.tlog("checkpoint");
            try {
                cp = Checkpoint.parse(SignedNote.parse(note).verifiedBy(verifier));
            } catch (TlogFormatException e) {
                throw new VerificationException(subject, "the checkpoint does not verify: " + e.getMessage());
            }
            LogCheckpoints stored = new LogCheckpoints(ctx.home().trust().resolve("tlog"));
            Checkpoint previous = previous(stored, client, verifier, subject);
            if (previous != null && previous.size() > cp.size()) {
                throw new VerificationException(subject, "the log went back from " + previous.size() + " entries (verified before) to "
                        + cp.size() + ": a rollback");
            }
            if (!cp.origin().equals(verifier.name())) {
                throw new VerificationException(subject, "the checkpoint's origin '" + cp.origin() + "' is not the key's name '" + verifier.name() + "'");
            }
            LogAudit audit = new LogAudit();
            Hash rootThen = previous == null || previous.size() > 0 ? null : Merkle.emptyRoot();
            for (long n = 0; n * Tile.WIDTH < cp.size(); n++) {
                int width = (int) Math.min(Tile.WIDTH, cp.size() - n * Tile.WIDTH);
                List<byte[]> entries;
                try {
                    entries = EntryBundle.decode(client.tlog(new Tile(Tile.ENTRIES, n, width).path()));
                } catch (TlogFormatException e) {
                    throw new VerificationException(subject, "entry bundle " + n + ": " + e.getMessage());
                }
                if (entries.size() != width) {
                    throw new VerificationException(subject, "entry bundle " + n + " holds " + entries.size() + " entries, not " + width);
                }
                for (byte[] e : entries) {
                    audit.add(e);
                    if (previous != null && audit.size() == previous.size()) {
                        rootThen = audit.root();
                    }
                }
            }
            if (!audit.root().equals(cp.root())) {
                throw new VerificationException(subject, "the entries do not hash to the signed checkpoint's root (size " + cp.size()
                        + "): the log was rewritten" + firstChanged(client, cp.size()));
            }
            if (previous != null && !previous.root().equals(rootThen)) {
                throw new VerificationException(subject, "the first " + previous.size() + " entries no longer hash to the root of the"
                        + " checkpoint verified before: the log forked or was rewritten since");
            }
            if (audit.problem().isPresent()) {
                throw new VerificationException(subject, audit.problem().get().getMessage());
            }
            stored.save(client.url(), note);
            if (json.enabled) {
                ctx.printJson(new Result(client.url().value(), cp.origin(), cp.size(), cp.root().base64(), verifier.text(), key != null));
            } else {
                ctx.out().println("Verified the transparency log of " + client.url() + ": " + cp.size() + " entries, root "
                        + cp.root().base64() + ", checkpoint signed by " + verifier.text() + (key == null ? " (the key the registry serves)" : ""));
            }
            return ExitCodes.OK;
        }

        /** The checkpoint verified last time for this registry, checked again with the log's key; null if none. */
        private static Checkpoint previous(LogCheckpoints stored, RegistryClient client, NoteVerifier verifier, String subject) {
            byte[] note = stored.load(client.url()).orElse(null);
            if (note == null) {
                return null;
            }
            try {
                return Checkpoint.parse(SignedNote.parse(note).verifiedBy(verifier));
            } catch (TlogFormatException e) {
                throw new VerificationException(subject, "the checkpoint verified before (" + stored.file(client.url())
                        + ") does not verify with the log's key: " + e.getMessage() + "; the log's key changed?");
            }
        }

        /** Where the served entries first differ from the leaf hashes the log stored, if the hash tiles say. */
        private static String firstChanged(RegistryClient client, long size) {
            try {
                for (long n = 0; n * Tile.WIDTH < size; n++) {
                    int width = (int) Math.min(Tile.WIDTH, size - n * Tile.WIDTH);
                    byte[] hashes = client.tlog(new Tile(0, n, width).path());
                    List<byte[]> entries = EntryBundle.decode(client.tlog(new Tile(Tile.ENTRIES, n, width).path()));
                    for (int i = 0; i < entries.size() && (i + 1) * Hash.SIZE <= hashes.length; i++) {
                        if (!Merkle.leafHash(entries.get(i)).equals(Hash.of(hashes, i * Hash.SIZE))) {
                            return "; entry " + (n * Tile.WIDTH + i) + " differs from the leaf hash the log recorded";
                        }
                    }
                }
            } catch (RuntimeException e) {
                return "";
            }
            return "";
        }
    }
}
