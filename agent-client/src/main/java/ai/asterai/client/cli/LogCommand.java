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
import ai.asterai.client.trust.CheckpointPolicy;
import ai.asterai.protocol.tlog.CosignerKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "log", description = "Audit a registry's transparency log (docs/transparency.md).",
        subcommands = {LogCommand.Verify.class, LogCommand.Monitor.class, LogWitnessCommand.class})
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

        @Option(names = "--from", paramLabel = "N|last",
                description = "Verify only entries N onward (the tree before N from the hash tiles, bound by the signed root), or from the"
                        + " checkpoint kept by the last run ('last'); rules that need earlier entries are counted as unchecked")
        String from;

        @Option(names = "--witness", paramLabel = "COSIGNER_KEY",
                description = "A witness's cosignature key (<name>+<hash>+<base64 of 0x04 || key>); repeatable; replaces ~/.asterai/trust/witnesses.toml")
        List<String> witnesses;

        @Option(names = "--require-cosignatures", paramLabel = "N",
                description = "How many of the witnesses must have cosigned the checkpoint (default: the file's 'required', else 0)")
        Integer required;

        record Result(String registry, String origin, long size, String root, String verifierKey, boolean keyPinned, long from,
                      long unchecked, List<String> cosignedBy) {
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
            SignedNote signed;
            byte[] note = client.tlog("checkpoint");
            try {
                signed = SignedNote.parse(note);
                cp = Checkpoint.parse(signed.verifiedBy(verifier));
            } catch (TlogFormatException e) {
                throw new VerificationException(subject, "the checkpoint does not verify: " + e.getMessage());
            }
            List<CosignerKey> cosigners = policy().check(signed, subject);
            LogCheckpoints stored = new LogCheckpoints(ctx.home().trust().resolve("tlog"));
            Checkpoint previous = previous(stored, client, verifier, subject);
            if (previous != null && previous.size() > cp.size()) {
                throw new VerificationException(subject, "the log went back from " + previous.size() + " entries (verified before) to "
                        + cp.size() + ": a rollback");
            }
            if (!cp.origin().equals(verifier.name())) {
                throw new VerificationException(subject, "the checkpoint's origin '" + cp.origin() + "' is not the key's name '" + verifier.name() + "'");
            }
            long start = start(previous, cp.size(), subject);
            LogAudit audit = start == 0 ? new LogAudit() : LogAudit.resume(start, prefix(client, start, cp.size(), subject));
            Hash rootThen = previous == null ? null : previous.size() == 0 ? Merkle.emptyRoot()
                    : previous.size() == start ? audit.root() : null;
            if (previous != null && previous.size() < start) {
                throw new VerificationException(subject, "--from " + start + " is past the checkpoint verified before (" + previous.size()
                        + " entries): verify from at most there, so the log is proven to have only grown");
            }
            for (long n = start / Tile.WIDTH; n * Tile.WIDTH < cp.size(); n++) {
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
                for (int i = (int) Math.max(0, start - n * Tile.WIDTH); i < entries.size(); i++) {
                    byte[] e = entries.get(i);
                    audit.add(e);
                    if (previous != null && audit.size() == previous.size()) {
                        rootThen = audit.root();
                    }
                }
            }
            if (!audit.root().equals(cp.root())) {
                throw new VerificationException(subject, "the entries do not hash to the signed checkpoint's root (size " + cp.size()
                        + "): the log was rewritten" + LogTrust.firstChanged(client::tlog, cp.size()));
            }
            if (previous != null && !previous.root().equals(rootThen)) {
                throw new VerificationException(subject, "the first " + previous.size() + " entries no longer hash to the root of the"
                        + " checkpoint verified before: the log forked or was rewritten since");
            }
            if (audit.problem().isPresent()) {
                throw new VerificationException(subject, audit.problem().get().getMessage());
            }
            stored.save(client.url(), note);
            List<String> by = cosigners.stream().map(CosignerKey::name).toList();
            if (json.enabled) {
                ctx.printJson(new Result(client.url().value(), cp.origin(), cp.size(), cp.root().base64(), verifier.text(), key != null,
                        start, audit.unchecked(), by));
            } else {
                ctx.out().println("Verified the transparency log of " + client.url() + ": " + cp.size() + " entries"
                        + (start > 0 ? " (entries " + start + " on; " + audit.unchecked() + " need earlier entries to check their rules)" : "")
                        + ", root " + cp.root().base64() + ", checkpoint signed by " + verifier.text()
                        + (key == null ? " (the pinned key)" : "")
                        + (by.isEmpty() ? "" : ", cosigned by " + String.join(", ", by)));
            }
            return ExitCodes.OK;
        }

        /** The witness policy: --witness/--require-cosignatures, else ~/.asterai/trust/witnesses.toml. */
        private CheckpointPolicy policy() {
            if (witnesses == null && required == null) {
                return CheckpointPolicy.load(CheckpointPolicy.file(ctx.home().trust()));
            }
            CheckpointPolicy file = witnesses == null ? CheckpointPolicy.load(CheckpointPolicy.file(ctx.home().trust())) : null;
            try {
                return witnesses == null ? new CheckpointPolicy(file.witnesses(), required, file.maxAge())
                        : CheckpointPolicy.of(witnesses, required == null ? witnesses.size() : required);
            } catch (IllegalArgumentException e) {
                throw new UserException("--witness/--require-cosignatures: " + e.getMessage());
            }
        }

        /** The first entry to verify: 0, the --from index, or the size of the checkpoint kept ('last'). */
        private long start(Checkpoint previous, long size, String subject) {
            if (from == null) {
                return 0;
            }
            long n;
            if (from.equals("last")) {
                if (previous == null) {
                    throw new UserException("--from last: no checkpoint of this registry was verified before; run without --from first");
                }
                n = previous.size();
            } else {
                try {
                    n = Checkpoint.parseSize("--from", from);
                } catch (TlogFormatException e) {
                    throw new UserException("--from takes an entry index or 'last'");
                }
            }
            if (n > size) {
                throw new VerificationException(subject, "--from " + n + " is beyond the log's " + size + " entries");
            }
            return n;
        }

        /**
         * The hashes of the complete subtrees of the first {@code start} entries, largest first, from the
         * hash tiles of the tree of {@code size}. Not trusted on their own: the root recomputed from them
         * and the later entries must equal the signed checkpoint's.
         */
        private static List<Hash> prefix(RegistryClient client, long start, long size, String subject) {
            List<Hash> out = new ArrayList<>();
            long offset = 0;
            for (int level = 63; level >= 0; level--) {
                if ((start & (1L << level)) == 0) {
                    continue;
                }
                long node = offset >> level; // the subtree's index at its level
                int tileLevel = level / Tile.HEIGHT;
                int below = level % Tile.HEIGHT; // its hash folds 2^below hashes of the tile's bottom level
                long first = node << below;
                long last = first + (1L << below) - 1;
                long tileIndex = first / Tile.WIDTH;
                long available = size >> (tileLevel * Tile.HEIGHT);
                int width = (int) Math.min(Tile.WIDTH, available - tileIndex * Tile.WIDTH);
                byte[] tile;
                try {
                    tile = client.tlog(new Tile(tileLevel, tileIndex, width).path());
                } catch (TlogFormatException e) {
                    throw new VerificationException(subject, "hash tile: " + e.getMessage());
                }
                int from = (int) (first - tileIndex * Tile.WIDTH);
                int count = (int) (last - first + 1);
                if (tile.length != width * Hash.SIZE || from + count > width) {
                    throw new VerificationException(subject, "hash tile " + tileLevel + "/" + tileIndex + " has " + tile.length + " bytes, not "
                            + width * Hash.SIZE);
                }
                List<Hash> hashes = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    hashes.add(Hash.of(tile, (from + i) * Hash.SIZE));
                }
                while (hashes.size() > 1) {
                    List<Hash> up = new ArrayList<>(hashes.size() / 2);
                    for (int i = 0; i < hashes.size(); i += 2) {
                        up.add(Merkle.nodeHash(hashes.get(i), hashes.get(i + 1)));
                    }
                    hashes = up;
                }
                out.add(hashes.get(0));
                offset += 1L << level;
            }
            return out;
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
