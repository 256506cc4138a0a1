package ai.asterai.client.trust;

import ai.asterai.client.failure.VerificationException;
import ai.asterai.client.fs.AtomicFiles;
import ai.asterai.client.config.RegistryUrl;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.tlog.Checkpoint;
import ai.asterai.protocol.tlog.EntryBundle;
import ai.asterai.protocol.tlog.Hash;
import ai.asterai.protocol.tlog.LogAudit;
import ai.asterai.protocol.tlog.LogEntries;
import ai.asterai.protocol.tlog.LogEntry;
import ai.asterai.protocol.tlog.Merkle;
import ai.asterai.protocol.tlog.NoteVerifier;
import ai.asterai.protocol.tlog.SignedNote;
import ai.asterai.protocol.tlog.Tile;
import ai.asterai.protocol.tlog.TlogFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The client's side of the transparency log (docs/transparency.md, "Client checks"): the log's verifier
 * key pinned per registry on first use ({@code ~/.asterai/trust/tlog/<hash>.key}), the newest
 * verified checkpoint ({@link LogCheckpoints}), and a replay of the served entries against a checkpoint
 * signed by the pinned key that is consistent with the stored one.
 */
public final class LogTrust {
    private static final int MAX_KEY_BYTES = NoteVerifier.MAX_CHARS * 4;
    /** Larger local copies are ignored (EntryBundle bounds what a bundle may hold). */
    private static final long MAX_BUNDLE_BYTES = 64L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryUrl url;
    private final Function<String, byte[]> tlog;
    private final Path dir;
    private final LogCheckpoints checkpoints;
    /** The witness policy file ({@code witnesses.toml}): cosignatures a checkpoint must carry. */
    private final Path policy;

    /** {@code tlog} reads a log resource below the registry's {@code /tlog/} (key, checkpoint, tiles, proofs), as served. */
    public LogTrust(Path trustDir, RegistryUrl url, Function<String, byte[]> tlog) {
        this.url = url;
        this.tlog = tlog;
        this.dir = trustDir.resolve("tlog");
        this.policy = CheckpointPolicy.file(trustDir);
        this.checkpoints = new LogCheckpoints(dir);
    }

    public Path keyFile() {
        return dir.resolve(Digest.of(url.value().getBytes(StandardCharsets.UTF_8)).hex().substring(0, 32) + ".key");
    }

    public Optional<NoteVerifier> pinnedKey() {
        try {
            byte[] b = Files.readAllBytes(keyFile());
            if (b.length > MAX_KEY_BYTES) {
                throw new VerificationException("transparency log of " + url, keyFile() + " is not a verifier key");
            }
            return Optional.of(NoteVerifier.parse(new String(b, StandardCharsets.UTF_8).strip()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TlogFormatException e) {
            throw new VerificationException("transparency log of " + url, "the pinned log key in " + keyFile() + " is malformed: " + e.getMessage());
        }
    }

    /** Pins {@code key} for this registry, replacing any pin (a key configured by hand). */
    public void pin(NoteVerifier key) {
        try {
            AtomicFiles.privateDirectories(dir);
            AtomicFiles.write(keyFile(), (key.text() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The pinned key, which the registry must still serve; on first use the served key, pinned now. A
     * changed key is refused: the log's history can only be trusted under the key it was verified with.
     */
    public NoteVerifier verifier() {
        String subject = "transparency log of " + url;
        NoteVerifier served;
        try {
            served = NoteVerifier.parse(new String(tlog.apply("key"), StandardCharsets.UTF_8).strip());
        } catch (TlogFormatException e) {
            throw new VerificationException(subject, "the registry serves a malformed log key: " + e.getMessage());
        }
        Optional<NoteVerifier> pinned = pinnedKey();
        if (pinned.isEmpty()) {
            pin(served);
            return served;
        }
        if (!pinned.get().equals(served)) {
            throw new VerificationException(subject, "the registry's log key changed from the pinned " + pinned.get().text() + " to "
                    + served.text() + " (pinned in " + keyFile() + "; delete it or run `asterai login --log-key` if the change is expected)");
        }
        return pinned.get();
    }

    /** An entry of the log and where it is. */
    public record Indexed(long index, LogEntry entry, byte[] bytes) {
    }

    /**
     * The log as verified: the signed note and its checkpoint, the roots at the sizes asked for, and the
     * entries of one namespace (every kind that names it), in log order.
     */
    public record Replay(byte[] note, Checkpoint checkpoint, List<Indexed> namespaceEntries) {
    }

    /**
     * Fetches the current checkpoint, checks its signature with {@code key}, that it does not go back
     * from the stored one and is consistent with it (a consistency proof from the registry, and the
     * entries themselves), downloads every entry bundle and recomputes the root. {@code receipt}, when
     * given, is a checkpoint the registry signed earlier (a release's receipt): it must be a prefix of
     * this tree too. Nothing is stored: call {@link #store} once the caller's own checks passed.
     */
    public Replay replay(String subject, NoteVerifier key, String namespace, Checkpoint receipt) {
        try {
            return replay(subject, key, namespace, receipt, true);
        } catch (VerificationException e) {
            if (!Files.isDirectory(bundleCache())) {
                throw e;
            }
            // a damaged local copy must not be blamed on the registry: check again from the served bundles only
            deleteBundleCache();
            return replay(subject, key, namespace, receipt, false);
        }
    }

    private Replay replay(String subject, NoteVerifier key, String namespace, Checkpoint receipt, boolean useCache) {
        byte[] note = tlog.apply("checkpoint");
        Checkpoint cp = verifiedCheckpoint(subject, note, key, "the registry's checkpoint");
        try {
            CheckpointPolicy.load(policy).check(SignedNote.parse(note), subject);
        } catch (TlogFormatException e) {
            throw new VerificationException(subject, "the registry's checkpoint: " + e.getMessage());
        }
        Checkpoint stored = storedCheckpoint(subject, key);
        if (stored != null) {
            if (stored.size() > cp.size()) {
                throw new VerificationException(subject, "the transparency log went back from " + stored.size()
                        + " entries (a checkpoint verified before) to " + cp.size() + ": a rollback");
            }
            if (stored.size() > 0 && stored.size() < cp.size()) {
                List<Hash> proof = proof(subject, "proof/consistency?from=" + stored.size() + "&to=" + cp.size());
                try {
                    Merkle.verifyConsistency(stored.size(), cp.size(), proof, stored.root(), cp.root());
                } catch (TlogFormatException e) {
                    throw new VerificationException(subject, "the transparency log's checkpoint of " + cp.size() + " entries is not consistent with"
                            + " the one of " + stored.size() + " entries verified before (" + e.getMessage() + "): the log forked or was rewritten");
                }
            } else if (stored.size() == cp.size() && !stored.root().equals(cp.root())) {
                throw new VerificationException(subject, "the transparency log has two different trees of " + cp.size()
                        + " entries (the one verified before and the one served now): the log forked");
            }
        }
        if (receipt != null && receipt.size() > cp.size()) {
            throw new VerificationException(subject, "the release's receipt names a tree of " + receipt.size()
                    + " entries but the registry's checkpoint has " + cp.size() + ": the log went back");
        }
        LogAudit tree = new LogAudit();
        List<Indexed> mine = new ArrayList<>();
        Hash storedRoot = stored == null || stored.size() > 0 ? null : Merkle.emptyRoot();
        Hash receiptRoot = null;
        java.util.Map<Long, byte[]> fetched = new java.util.LinkedHashMap<>();
        for (long n = 0; n * Tile.WIDTH < cp.size(); n++) {
            int width = (int) Math.min(Tile.WIDTH, cp.size() - n * Tile.WIDTH);
            List<byte[]> entries;
            try {
                entries = EntryBundle.decode(bundle(n, width, useCache, fetched));
            } catch (TlogFormatException e) {
                throw new VerificationException(subject, "transparency log entry bundle " + n + ": " + e.getMessage());
            }
            if (entries.size() != width) {
                throw new VerificationException(subject, "transparency log entry bundle " + n + " holds " + entries.size() + " entries, not " + width);
            }
            for (byte[] e : entries) {
                long index = tree.size();
                tree.add(e);
                LogEntry parsed = parse(e);
                if (parsed != null && namespace != null && namespace.equals(namespaceOf(parsed))) {
                    mine.add(new Indexed(index, parsed, e));
                }
                if (stored != null && tree.size() == stored.size()) {
                    storedRoot = tree.root();
                }
                if (receipt != null && tree.size() == receipt.size()) {
                    receiptRoot = tree.root();
                }
            }
        }
        if (!tree.root().equals(cp.root())) {
            throw new VerificationException(subject, "the transparency log's entries do not hash to its signed checkpoint's root (size "
                    + cp.size() + "): the log was rewritten" + firstChanged(cp.size()));
        }
        if (stored != null && !stored.root().equals(storedRoot)) {
            throw new VerificationException(subject, "the first " + stored.size() + " entries of the transparency log no longer hash to the"
                    + " checkpoint verified before: the log forked or was rewritten");
        }
        if (receipt != null && receipt.size() > 0 && !receipt.root().equals(receiptRoot)) {
            throw new VerificationException(subject, "the release's receipt checkpoint (" + receipt.size() + " entries) is not a prefix of"
                    + " the registry's current log: the log forked");
        }
        keepBundles(fetched);
        return new Replay(note, cp, List.copyOf(mine));
    }

    /**
     * Full entry bundles never change (tlog-tiles), so each is downloaded once and kept beside the pinned
     * key after a replay verified it against a signed root; every replay still re-hashes all entries, and
     * a replay that fails with local copies is repeated without them ({@link #replay}). Partial bundles
     * are always fetched.
     */
    private byte[] bundle(long n, int width, boolean useCache, java.util.Map<Long, byte[]> fetched) {
        Path file = bundleCache().resolve(Long.toString(n));
        if (useCache && width == Tile.WIDTH) {
            try {
                if (Files.size(file) <= MAX_BUNDLE_BYTES) {
                    return Files.readAllBytes(file);
                }
            } catch (NoSuchFileException e) {
                // not kept yet
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        byte[] b = tlog.apply(new Tile(Tile.ENTRIES, n, width).path());
        if (width == Tile.WIDTH) {
            fetched.put(n, b);
        }
        return b;
    }

    private void keepBundles(java.util.Map<Long, byte[]> fetched) {
        try {
            if (!fetched.isEmpty()) {
                AtomicFiles.privateDirectories(bundleCache());
            }
            for (var e : fetched.entrySet()) {
                AtomicFiles.write(bundleCache().resolve(Long.toString(e.getKey())), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path bundleCache() {
        return dir.resolve(keyFile().getFileName().toString().replace(".key", ".entries"));
    }

    private void deleteBundleCache() {
        try (var files = Files.list(bundleCache())) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(bundleCache());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps {@code replay}'s checkpoint as the newest verified for this registry. */
    public void store(Replay replay) {
        checkpoints.save(url, replay.note());
    }

    public Checkpoint verifiedCheckpoint(String subject, byte[] note, NoteVerifier key, String what) {
        Checkpoint cp;
        try {
            cp = Checkpoint.parse(SignedNote.parse(note).verifiedBy(key));
        } catch (TlogFormatException e) {
            throw new VerificationException(subject, what + " does not verify with the pinned log key " + key.text() + ": " + e.getMessage());
        }
        if (!cp.origin().equals(key.name())) {
            throw new VerificationException(subject, what + " names origin '" + cp.origin() + "', not the log key's '" + key.name() + "'");
        }
        return cp;
    }

    private Checkpoint storedCheckpoint(String subject, NoteVerifier key) {
        byte[] note = checkpoints.load(url).orElse(null);
        return note == null ? null : verifiedCheckpoint(subject, note, key, "the checkpoint verified before (" + checkpoints.file(url) + ")");
    }

    private List<Hash> proof(String subject, String path) {
        try {
            JsonNode node = JSON.readTree(tlog.apply(path));
            JsonNode hashes = node.get("hashes");
            if (hashes == null || !hashes.isArray() || hashes.size() > Merkle.MAX_PROOF_HASHES) {
                throw new VerificationException(subject, "the registry's " + path + " is not a proof");
            }
            List<Hash> out = new ArrayList<>();
            for (JsonNode h : hashes) {
                out.add(Hash.parseBase64("hashes", h.asText()));
            }
            return out;
        } catch (IOException e) {
            throw new VerificationException(subject, "the registry's " + path + " is not JSON");
        } catch (TlogFormatException e) {
            throw new VerificationException(subject, "the registry's " + path + ": " + e.getMessage());
        }
    }

    private String firstChanged(long size) {
        return firstChanged(tlog, size);
    }

    /**
     * Where the served entries first differ from the leaf hashes the log stored (its level-0 hash tiles),
     * if they say, as a hint for a message ({@code "; entry N differs ..."}, or empty); {@code tlog} reads
     * below {@code /tlog/} as in the constructor. Used by pulls and by {@code asterai log verify}.
     */
    public static String firstChanged(Function<String, byte[]> tlog, long size) {
        try {
            for (long n = 0; n * Tile.WIDTH < size; n++) {
                int width = (int) Math.min(Tile.WIDTH, size - n * Tile.WIDTH);
                byte[] hashes = tlog.apply(new Tile(0, n, width).path());
                List<byte[]> entries = EntryBundle.decode(tlog.apply(new Tile(Tile.ENTRIES, n, width).path()));
                for (int i = 0; i < entries.size() && (i + 1) * Hash.SIZE <= hashes.length; i++) {
                    if (!Merkle.leafHash(entries.get(i)).equals(Hash.of(hashes, i * Hash.SIZE))) {
                        return "; entry " + (n * Tile.WIDTH + i) + " differs from the leaf hash the log recorded";
                    }
                }
            }
        } catch (RuntimeException e) {
            return ""; // only a hint: the refusal stands on the root that did not match
        }
        return "";
    }

    private static LogEntry parse(byte[] e) {
        try {
            return LogEntries.parse(e);
        } catch (TlogFormatException x) {
            return null; // not canonical: the root check and `log verify` report it; it names no namespace here
        }
    }

    /** The namespace an entry is about. */
    public static String namespaceOf(LogEntry e) {
        if (e instanceof LogEntry.NamespaceCreated c) {
            return c.namespace();
        } else if (e instanceof LogEntry.KeyAdded k) {
            return k.namespace();
        } else if (e instanceof LogEntry.KeyRevoked r) {
            return r.namespace();
        } else if (e instanceof LogEntry.ReleasePublished p) {
            return p.envelope().pkg().namespace();
        } else if (e instanceof LogEntry.ReleaseYanked y) {
            return y.pkg().namespace();
        } else if (e instanceof LogEntry.ReleaseUnyanked u) {
            return u.pkg().namespace();
        }
        return null;
    }
}
