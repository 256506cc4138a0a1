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
                if (ns.values().stream().anyMatch(KeyState::active)) {
                    throw bad(index, "key " + id + " is added to '" + e.namespace() + "' without a vouch while it has active keys");
                }
            } else {
                KeyState signer = ns.get(e.signerKeyId());
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
            if (k == null || !k.active()) {
                throw bad(index, "key " + e.keyId() + " is revoked but is not an active key of '" + e.namespace() + "'");
            }
            ns.put(e.keyId(), new KeyState(k.key(), false));
        } else if (entry instanceof LogEntry.ReleasePublished e) {
            String ns = e.envelope().pkg().namespace();
            KeyState k = namespace(index, ns).get(e.keyId());
            String release = e.envelope().pkg() + "@" + e.envelope().version().withoutBuild();
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
            throw bad(index, "namespace '" + ns + "' was never created");
        }
        return m;
    }

    private void yank(long index, String release, boolean yanked) {
        Boolean now = releases.get(release);
        if (now == null) {
            throw bad(index, release + " is " + (yanked ? "yanked" : "unyanked") + " but was never published");
        }
        if (now == yanked) {
            throw bad(index, release + " is " + (yanked ? "yanked" : "unyanked") + " twice in a row");
        }
        releases.put(release, yanked);
    }
}
