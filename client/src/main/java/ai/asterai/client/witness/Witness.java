package ai.asterai.client.witness;

import ai.asterai.protocol.tlog.Checkpoint;
import ai.asterai.protocol.tlog.Cosignature;
import ai.asterai.protocol.tlog.Cosigner;
import ai.asterai.protocol.tlog.Hash;
import ai.asterai.protocol.tlog.Merkle;
import ai.asterai.protocol.tlog.NoteSignature;
import ai.asterai.protocol.tlog.NoteVerifier;
import ai.asterai.protocol.tlog.SignedNote;
import ai.asterai.protocol.tlog.TlogFormatException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A witness of one log (C2SP tlog-witness semantics, docs/transparency.md#witnesses): it cosigns a
 * checkpoint only after checking the log's signature and, from the last checkpoint it cosigned (its
 * {@link WitnessState}), a consistency proof. A smaller tree (rollback), another root at the same size
 * or a proof that fails (fork) is refused with a {@link WitnessException} and nothing is cosigned; the
 * state keeps the evidence.
 */
public final class Witness {
    /** Where the witness reads the log: the checkpoint as served, and consistency proofs. */
    public interface LogSource {
        byte[] checkpoint();

        List<Hash> consistencyProof(long from, long to);

        /** Hands the cosigned checkpoint to the log (it serves it to clients). */
        void submit(byte[] cosignedNote);
    }

    /** What one run did: the checkpoint cosigned, and the tree size cosigned before (0 if none). */
    public record Result(Checkpoint checkpoint, long previousSize, Cosignature cosignature, String cosignedNote) {
    }

    private final NoteVerifier logKey;
    private final Cosigner cosigner;
    private final WitnessState state;
    private final Clock clock;

    public Witness(NoteVerifier logKey, Cosigner cosigner, WitnessState state, Clock clock) {
        this.logKey = logKey;
        this.cosigner = cosigner;
        this.state = state;
        this.clock = clock;
    }

    /** Fetches the log's checkpoint, checks it grew consistently from the last one cosigned, cosigns, records and submits it. */
    public Result witness(LogSource log) {
        byte[] served = log.checkpoint();
        SignedNote note;
        Checkpoint cp;
        try {
            note = SignedNote.parse(served);
            cp = Checkpoint.parse(note.verifiedBy(logKey));
        } catch (TlogFormatException e) {
            throw new WitnessException("witness of " + logKey.name(), "the log's checkpoint does not verify with " + logKey.text() + ": " + e.getMessage());
        }
        if (!cp.origin().equals(logKey.name())) {
            throw new WitnessException("witness of " + logKey.name(), "the checkpoint's origin '" + cp.origin() + "' is not the log key's name '" + logKey.name() + "'");
        }
        Checkpoint previous = previous();
        if (previous != null) {
            if (cp.size() < previous.size()) {
                throw new WitnessException("witness of " + logKey.name(), "refusing to cosign: the log went back from " + previous.size() + " entries (cosigned before) to "
                        + cp.size() + ": a rollback");
            }
            if (cp.size() == previous.size() && !cp.root().equals(previous.root())) {
                throw new WitnessException("witness of " + logKey.name(), "refusing to cosign: two different roots for tree size " + cp.size() + ": the log forked");
            }
            if (cp.size() > previous.size() && previous.size() > 0) {
                List<Hash> proof = log.consistencyProof(previous.size(), cp.size());
                try {
                    Merkle.verifyConsistency(previous.size(), cp.size(), proof, previous.root(), cp.root());
                } catch (TlogFormatException e) {
                    throw new WitnessException("witness of " + logKey.name(), "refusing to cosign: tree " + cp.size() + " is not consistent with tree " + previous.size()
                            + " cosigned before (" + e.getMessage() + "): the log forked or was rewritten");
                }
            }
        }
        Cosignature cosignature = cosigner.cosign(cp, clock.instant().getEpochSecond());
        List<NoteSignature> lines = new ArrayList<>();
        for (NoteSignature s : note.signatures()) {
            if (logKey.name().equals(s.name()) && logKey.keyHash() == s.keyHash()) {
                lines.add(s); // the log's own signature, so the state file and the submission verify on their own
            }
        }
        lines.add(cosignature.noteSignature());
        String cosigned = new SignedNote(note.text(), lines).format();
        byte[] bytes = cosigned.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        state.save(bytes);
        log.submit(bytes);
        return new Result(cp, previous == null ? 0 : previous.size(), cosignature, cosigned);
    }

    private Checkpoint previous() {
        byte[] kept = state.load().orElse(null);
        if (kept == null) {
            return null;
        }
        try {
            Checkpoint c = Checkpoint.parse(SignedNote.parse(kept).verifiedBy(logKey));
            if (!c.origin().equals(logKey.name())) {
                throw new WitnessException("witness of " + logKey.name(), "the state file " + state.file() + " holds a checkpoint of another log (" + c.origin() + ")");
            }
            return c;
        } catch (TlogFormatException e) {
            throw new WitnessException("witness of " + logKey.name(), "the state file " + state.file() + " does not hold a checkpoint signed by " + logKey.text()
                    + ": " + e.getMessage());
        }
    }
}
