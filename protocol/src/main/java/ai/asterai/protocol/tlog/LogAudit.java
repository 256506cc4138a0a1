package ai.asterai.protocol.tlog;

import ai.asterai.protocol.crypto.PublicKey;
import ai.asterai.protocol.crypto.SignatureVerifier;
import ai.asterai.protocol.release.KeyStatement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replays a log from its first entry, as {@code asterai log verify} does: recomputes the RFC 6962 root
 * and checks that every entry is canonical and follows the registry's rules. A namespace is created
 * once; its first key is added without a vouch only while it has no active key, every later key is
 * vouched for by an active key's signature over the key statement; a revoked key was active; a release
 * is signed by an active key of its namespace over its envelope, once per version; a yank or unyank
 * names a release and changes its state. The first entry that breaks one is a {@link TlogFormatException}
 * naming its index.
 *
 * <p>{@link #resume} starts at entry {@code n} from the hashes of the first {@code n} entries' complete
 * subtrees, without their state: a rule that needs an earlier entry (a key added before {@code n}, a
 * namespace created before it) cannot be checked then, and is counted in {@link #unchecked()} instead.
 */
public final class LogAudit {
    private final List<Hash> frontier = new ArrayList<>();
    private final List<Integer> levels = new ArrayList<>();
    private long size;
    private TlogFormatException problem;
    private final Set<String> namespaces = new HashSet<>();
    /** Namespace to key id to (key, active). */
    private final Map<String, Map<String, KeyState>> keys = new HashMap<>();
    /** {@code ns:name@version-without-build} to yanked. */
    private final Map<String, Boolean> releases = new HashMap<>();

    private record KeyState(PublicKey key, boolean active) {
    }

    /** Resumed without the state before the first entry: namespaces referenced but not created since. */
    private final boolean resumed;
    private final Set<String> unknownHistory = new HashSet<>();
    private long unchecked;

    public LogAudit() {
        this.resumed = false;
    }

    private LogAudit(long size, List<Hash> subtrees) {
        this.resumed = true;
        this.size = size;
        int expected = Long.bitCount(size);
        if (subtrees.size() != expected) {
            throw new TlogFormatException("proof", "a tree of " + size + " entries has " + expected + " complete subtrees, not " + subtrees.size());
        }
        int i = 0;
        for (int level = 63; level >= 0; level--) {
            if ((size & (1L << level)) != 0) {
                frontier.add(subtrees.get(i++));
                levels.add(level);
            }
        }
    }

    /**
     * An audit that continues after the first {@code size} entries, given the hashes of that prefix's
     * complete subtrees, largest (leftmost) first: one per set bit of {@code size}.
     */
    public static LogAudit resume(long size, List<Hash> subtrees) {
        if (size < 0) {
            throw new TlogFormatException("size", "a tree size is not negative");
        }
        return new LogAudit(size, subtrees);
    }

    /** Entries whose rules needed state from before the resumed start (0 for an audit from the first entry). */
    public long unchecked() {
        return unchecked;
    }

    public long size() {
        return size;
    }

    /** The root of the entries added so far. */
    public Hash root() {
        if (frontier.isEmpty()) {
            return Merkle.emptyRoot();
        }
        Hash h = frontier.get(frontier.size() - 1);
        for (int i = frontier.size() - 2; i >= 0; i--) {
            h = Merkle.nodeHash(frontier.get(i), h);
        }
        return h;
    }

    /**
     * Adds the next entry: hashes it into the tree, then checks it against the state so far. A broken
     * rule is kept as {@link #problem()} (the first one) rather than thrown, so the root of every
     * entry can still be compared with the checkpoint: a rewritten log is the graver finding.
     */
    public void add(byte[] bytes) {
        long index = size;
        Hash h = Merkle.leafHash(bytes);
        frontier.add(h);
        levels.add(0);
        while (levels.size() >= 2 && levels.get(levels.size() - 1).equals(levels.get(levels.size() - 2))) {
            int level = levels.remove(levels.size() - 1);
            Hash right = frontier.remove(frontier.size() - 1);
            Hash left = frontier.remove(frontier.size() - 1);
            frontier.add(Merkle.nodeHash(left, right));
            levels.set(levels.size() - 1, level + 1);
        }
        size++;
        if (problem != null) {
            return; // the state after a broken rule means nothing; the root is still worth having
        }
        try {
            LogEntry entry;
            try {
                entry = LogEntries.parse(bytes);
            } catch (TlogFormatException e) {
                throw bad(index, e.getMessage());
            }
            check(index, entry);
        } catch (TlogFormatException e) {
            problem = e;
        }
    }

    /** The first entry that broke a rule, naming its index; empty if none did. */
    public Optional<TlogFormatException> problem() {
        return Optional.ofNullable(problem);
    }

    private static TlogFormatException bad(long index, String reason) {
        return new TlogFormatException("entry", "entry " + index + ": " + reason);
    }

    private void check(long index, LogEntry entry) {
        if (entry instanceof LogEntry.NamespaceCreated e) {
            if (unknownHistory.contains(e.namespace())) {
                throw bad(index, "namespace '" + e.namespace() + "' is created after entries that use it");
            }
            if (!namespaces.add(e.namespace())) {
                throw bad(index, "namespace '" + e.namespace() + "' is created a second time");
            }
            keys.put(e.namespace(), new HashMap<>());
        } else if (entry instanceof LogEntry.KeyAdded e) {
            Map<String, KeyState> ns = namespace(index, e.namespace());
            String id = e.key().keyId();
            if (ns.containsKey(id)) {
                throw bad(index, "key " + id + " is added to '" + e.namespace() + "' a second time");
            }
            if (e.signerKeyId() == null) {
                if (unknowable(e.namespace())) {
                    ns.put(id, new KeyState(e.key(), true));
                    return;
                }
                if (ns.values().stream().anyMatch(KeyState::active)) {
                    throw bad(index, "key " + id + " is added to '" + e.namespace() + "' without a vouch while it has active keys");
                }
            } else {
                KeyState signer = ns.get(e.signerKeyId());
                if (signer == null && unknowable(e.namespace())) {
                    ns.put(id, new KeyState(e.key(), true));
                    return;
                }
                if (signer == null || !signer.active()) {
                    throw bad(index, "key " + id + " is vouched for by " + e.signerKeyId() + ", not an active key of '" + e.namespace() + "'");
                }
                byte[] statement = new KeyStatement(e.namespace(), e.key(), e.signerKeyId()).canonicalBytes();
                if (!SignatureVerifier.verify(signer.key(), statement, Base64.getDecoder().decode(e.signature()))) {
                    throw bad(index, "the vouching signature for key " + id + " by " + e.signerKeyId() + " does not verify");
                }
            }
            ns.put(id, new KeyState(e.key(), true));
        } else if (entry instanceof LogEntry.KeyRevoked e) {
            Map<String, KeyState> ns = namespace(index, e.namespace());
            KeyState k = ns.get(e.keyId());
            if (k == null && unknowable(e.namespace())) {
                return;
            }
            if (k == null || !k.active()) {
                throw bad(index, "key " + e.keyId() + " is revoked but is not an active key of '" + e.namespace() + "'");
            }
            ns.put(e.keyId(), new KeyState(k.key(), false));
        } else if (entry instanceof LogEntry.ReleasePublished e) {
            String ns = e.envelope().pkg().namespace();
            KeyState k = namespace(index, ns).get(e.keyId());
            String release = e.envelope().pkg() + "@" + e.envelope().version().withoutBuild();
            if (k == null && unknowable(ns)) {
                releases.putIfAbsent(release, false);
                return;
            }
            if (k == null || !k.active()) {
                throw bad(index, release + " is signed by " + e.keyId() + ", not an active key of '" + ns + "'");
            }
            if (!SignatureVerifier.verify(k.key(), e.envelope().canonicalBytes(), Base64.getDecoder().decode(e.signature()))) {
                throw bad(index, "the signature of " + release + " by " + e.keyId() + " does not verify");
            }
            if (releases.putIfAbsent(release, false) != null) {
                throw bad(index, release + " is published a second time");
            }
        } else if (entry instanceof LogEntry.ReleaseYanked e) {
            yank(index, e.pkg() + "@" + e.version().withoutBuild(), true);
        } else if (entry instanceof LogEntry.ReleaseUnyanked e) {
            yank(index, e.pkg() + "@" + e.version().withoutBuild(), false);
        }
    }

    private Map<String, KeyState> namespace(long index, String ns) {
        Map<String, KeyState> m = keys.get(ns);
        if (m == null) {
            if (!resumed) {
                throw bad(index, "namespace '" + ns + "' was never created");
            }
            m = new HashMap<>(); // created before the resumed start, or never: not knowable here
            keys.put(ns, m);
            unknownHistory.add(ns);
        }
        return m;
    }

    /** Whether a missing key or release may be explained by entries before the resumed start. */
    private boolean unknowable(String ns) {
        if (unknownHistory.contains(ns)) {
            unchecked++;
            return true;
        }
        return false;
    }

    private void yank(long index, String release, boolean yanked) {
        Boolean now = releases.get(release);
        if (now == null && resumed) {
            unchecked++; // published before the resumed start, or never
            releases.put(release, yanked);
            return;
        }
        if (now == null) {
            throw bad(index, release + " is " + (yanked ? "yanked" : "unyanked") + " but was never published");
        }
        if (now == yanked) {
            throw bad(index, release + " is " + (yanked ? "yanked" : "unyanked") + " twice in a row");
        }
        releases.put(release, yanked);
    }
}
