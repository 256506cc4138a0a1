package ai.asterai.client.cli;

import ai.asterai.client.failure.VerificationException;
import ai.asterai.client.registry.RegistryClient;
import ai.asterai.client.trust.LogCheckpoints;
import ai.asterai.client.trust.LogTrust;
import ai.asterai.protocol.tlog.LogEntry;
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
        subcommands = {LogCommand.Verify.class, LogCommand.Monitor.class})
public final class LogCommand extends GroupCommand {

    @Command(name = "verify", description = "Download the whole log, recompute its tree against the signed checkpoint and check"
            + " every entry: canonical, namespaces and keys vouched for, releases signed by an active key. Reports the first bad entry.")
    public static final class Verify extends BaseCommand {
        @Mixin
        RegistryOption registry;

        @Mixin
        JsonOption json;

        @Option(names = "--key", paramLabel = "VERIFIER_KEY",
                description = "The log's verifier key (<origin>+<hash>+<key>) to check the checkpoint with; default: the pinned one (asterai login)")
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
                // without --key: the pinned key (pinned now on first use; a changed one is refused)
                verifier = key != null ? NoteVerifier.parse(key) : new LogTrust(ctx.home().trust(), client.url(), client::tlog).verifier();
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
                        + cp.root().base64() + ", checkpoint signed by " + verifier.text() + (key == null ? " (the pinned key)" : ""));
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

    @Command(name = "monitor", description = "Show every entry of a namespace in the transparency log (keys added and revoked, releases"
            + " published, yanked, unyanked) since an index, checked against the checkpoint signed with the pinned log key.")
    public static final class Monitor extends BaseCommand {
        @picocli.CommandLine.Parameters(paramLabel = "NAMESPACE", description = "The namespace to watch.")
        String namespace;

        @Option(names = "--since", paramLabel = "N", description = "Show entries from index N on (default 0: all).")
        long since;

        @Mixin
        RegistryOption registry;

        @Mixin
        JsonOption json;

        record Entry(long index, String kind, String text) {
        }

        record Result(String registry, String namespace, long size, String root, List<Entry> entries) {
        }

        @Override
        protected int run() {
            ai.asterai.protocol.name.PackageName.requireLabel("namespace", namespace);
            if (since < 0) {
                throw new UserException("--since must be 0 or more");
            }
            RegistryClient client = ctx.registry(registry.url);
            LogTrust log = new LogTrust(ctx.home().trust(), client.url(), client::tlog);
            LogTrust.Replay replay = log.replay("transparency log of " + client.url(), log.verifier(), namespace, null);
            List<Entry> shown = replay.namespaceEntries().stream().filter(e -> e.index() >= since)
                    .map(e -> new Entry(e.index(), e.entry().kind(), e.entry().text())).toList();
            log.store(replay);
            if (json.enabled) {
                ctx.printJson(new Result(client.url().value(), namespace, replay.checkpoint().size(), replay.checkpoint().root().base64(), shown));
                return ExitCodes.OK;
            }
            for (LogTrust.Indexed e : replay.namespaceEntries()) {
                if (e.index() >= since) {
                    ctx.out().println(e.index() + " " + describe(e.entry()));
                }
            }
            ctx.out().println(shown.size() + " entries of '" + namespace + "' from index " + since + " in the log of "
                    + replay.checkpoint().size() + " entries (root " + replay.checkpoint().root().base64() + ", signed with the pinned key)");
            return ExitCodes.OK;
        }

        private static String describe(LogEntry e) {
            if (e instanceof LogEntry.KeyAdded a) {
                return "key-added " + a.key().keyId() + (a.signerKeyId() == null ? " (no vouch: first key)" : " vouched by " + a.signerKeyId());
            } else if (e instanceof LogEntry.KeyRevoked r) {
                return "key-revoked " + r.keyId();
            } else if (e instanceof LogEntry.ReleasePublished p) {
                return "release-published " + p.envelope().pkg() + "@" + p.envelope().version() + " signed by " + p.keyId();
            } else if (e instanceof LogEntry.ReleaseYanked y) {
                return "release-yanked " + y.pkg() + "@" + y.version();
            } else if (e instanceof LogEntry.ReleaseUnyanked u) {
                return "release-unyanked " + u.pkg() + "@" + u.version();
            } else if (e instanceof LogEntry.NamespaceCreated c) {
                return "namespace-created " + c.namespace();
            }
            return e.kind();
        }
    }
}
