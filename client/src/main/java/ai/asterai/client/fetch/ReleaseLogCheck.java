package ai.asterai.client.fetch;

import ai.asterai.client.failure.VerificationException;
import ai.asterai.client.release.ListedKey;
import ai.asterai.client.release.LogReceipt;
import ai.asterai.client.release.ReleaseRecord;
import ai.asterai.client.trust.LogTrust;
import ai.asterai.protocol.release.ReleaseEnvelope;
import ai.asterai.protocol.tlog.Checkpoint;
import ai.asterai.protocol.tlog.Hash;
import ai.asterai.protocol.tlog.LogEntry;
import ai.asterai.protocol.tlog.Merkle;
import ai.asterai.protocol.tlog.NoteVerifier;
import ai.asterai.protocol.tlog.TlogFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A downloaded, signature-checked release is in the registry's transparency log (docs/transparency.md,
 * "Client checks"): its receipt's inclusion proof leads the entry the client rebuilds from what it
 * verified to a checkpoint signed by the pinned log key; the log as served hashes to the current signed
 * checkpoint, which extends the one stored before and the receipt's; the served entry at the receipt's
 * index is that entry; and the namespace's key history replayed from the log agrees with the
 * registry's key list and had the signing key active when the release was logged.
 */
final class ReleaseLogCheck {
    private ReleaseLogCheck() {
    }

    static LogTrust.Replay check(String subject, LogTrust log, LogReceipt receipt, ReleaseEnvelope envelope,
                                 ReleaseRecord.Signature signature, List<ListedKey> serverKeys) {
        if (receipt == null) {
            throw new VerificationException(subject, "the registry's metadata carries no transparency-log receipt");
        }
        NoteVerifier key = log.verifier();
        Checkpoint receiptCheckpoint = log.verifiedCheckpoint(subject, receipt.checkpoint() == null ? new byte[0]
                : receipt.checkpoint().getBytes(StandardCharsets.UTF_8), key, "the release's receipt checkpoint");
        byte[] expected = new LogEntry.ReleasePublished(envelope, signature.keyId(), signature.signature()).bytes();
        long index = receipt.index();
        try {
            List<Hash> proof = new ArrayList<>();
            for (String h : receipt.inclusion()) {
                proof.add(Hash.parseBase64("inclusion", h));
            }
            Merkle.verifyInclusion(Merkle.leafHash(expected), index, receiptCheckpoint.size(), proof, receiptCheckpoint.root());
        } catch (TlogFormatException e) {
            throw new VerificationException(subject, "its transparency-log receipt does not prove the release's entry at index " + index
                    + " in the signed checkpoint of " + receiptCheckpoint.size() + " entries: " + e.getMessage());
        }
        String namespace = envelope.pkg().namespace();
        LogTrust.Replay replay = log.replay(subject, key, namespace, receiptCheckpoint);
        LogTrust.Indexed served = replay.namespaceEntries().stream().filter(e -> e.index() == index).findFirst().orElse(null);
        if (served == null || !Arrays.equals(served.bytes(), expected)) {
            throw new VerificationException(subject, "the transparency log's entry " + index + " is not this release's entry");
        }
        checkKeyHistory(subject, namespace, replay.namespaceEntries(), index, signature.keyId(), serverKeys);
        return replay;
    }

    /** When each key of the namespace was added and revoked, by log index (absent: never). */
    private record History(Long added, Long revoked) {
    }

    private static void checkKeyHistory(String subject, String namespace, List<LogTrust.Indexed> entries, long releaseIndex,
                                        String signer, List<ListedKey> serverKeys) {
        Map<String, History> keys = new HashMap<>();
        for (LogTrust.Indexed e : entries) {
            if (e.entry() instanceof LogEntry.KeyAdded a) {
                keys.putIfAbsent(a.key().keyId(), new History(e.index(), null));
            } else if (e.entry() instanceof LogEntry.KeyRevoked r) {
                History h = keys.get(r.keyId());
                if (h != null && h.revoked() == null) {
                    keys.put(r.keyId(), new History(h.added(), e.index()));
                }
            }
        }
        History s = keys.get(signer);
        if (s == null || s.added() > releaseIndex) {
            throw new VerificationException(subject, "it was signed by key " + signer + ", which the transparency log does not show added to '"
                    + namespace + "' before the release's entry " + releaseIndex);
        }
        if (s.revoked() != null && s.revoked() < releaseIndex) {
            throw new VerificationException(subject, "it was signed by key " + signer + ", which the transparency log shows revoked at entry "
                    + s.revoked() + ", before the release's entry " + releaseIndex);
        }
        for (ListedKey k : serverKeys) {
            History h = keys.get(k.keyId());
            if (h == null) {
                throw new VerificationException(subject, "the registry lists key " + k.keyId() + " for '" + namespace
                        + "', which the transparency log never added");
            }
            if (h.revoked() != null && k.revokedAt() == null) {
                throw new VerificationException(subject, "the registry lists key " + k.keyId() + " of '" + namespace + "' as active, but the"
                        + " transparency log shows it revoked at entry " + h.revoked() + ": the registry hides a revocation");
            }
        }
        for (Map.Entry<String, History> e : keys.entrySet()) {
            if (serverKeys.stream().noneMatch(k -> k.keyId().equals(e.getKey()))) {
                throw new VerificationException(subject, "the transparency log added key " + e.getKey() + " to '" + namespace
                        + "' at entry " + e.getValue().added() + ", but the registry does not list it");
            }
        }
    }
}
