package ai.asterai.registry.tlog;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.tlog.Checkpoint;
import ai.asterai.protocol.tlog.Cosignature;
import ai.asterai.protocol.tlog.CosignerKey;
import ai.asterai.protocol.tlog.NoteSignature;
import ai.asterai.protocol.tlog.SignedNote;
import ai.asterai.protocol.tlog.TlogFormatException;
import ai.asterai.registry.config.RegistryConfig;
import ai.asterai.registry.failure.Conflict;
import ai.asterai.registry.failure.Forbidden;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The witnesses the registry accepts cosignatures from (asterai.tlog.witnesses) and the cosignatures
 * they sent (docs/transparency.md#witnesses). A witness posts the checkpoint it cosigned; the registry
 * keeps the newest valid cosignature per witness and serves it with the checkpoint while the tree has
 * that size.
 */
@ApplicationScoped
public class LogWitnesses {
    private static final Logger LOG = Logger.getLogger(LogWitnesses.class);
    /** Bounds the served checkpoint (one line per witness) and the work per cosignature. */
    public static final int MAX_WITNESSES = 16;
    /** Clocks differ; a cosignature from further in the future than this is refused. */
    static final long MAX_CLOCK_SKEW_SECONDS = 600;
    private final List<CosignerKey> witnesses;
    private final TlogStore store;
    private final Clock clock;

    @Inject
    public LogWitnesses(RegistryConfig config, TlogStore store) {
        this(parse(config.tlog().witnesses().orElse(List.of())), store, Clock.systemUTC());
    }

    LogWitnesses(List<CosignerKey> witnesses, TlogStore store, Clock clock) {
        this.witnesses = List.copyOf(witnesses);
        this.store = store;
        this.clock = clock;
        this.witnesses.forEach(w -> LOG.infof("transparency log witness: %s", w.text()));
    }

    static List<CosignerKey> parse(List<String> keys) {
        Set<CosignerKey> out = new LinkedHashSet<>();
        for (String k : keys) {
            if (k.isBlank()) {
                continue;
            }
            try {
                out.add(CosignerKey.parse(k));
            } catch (TlogFormatException e) {
                throw new IllegalArgumentException("asterai.tlog.witnesses: '" + k + "': " + e.getMessage());
            }
        }
        if (out.size() > MAX_WITNESSES) {
            throw new IllegalArgumentException("asterai.tlog.witnesses: at most " + MAX_WITNESSES + " witness keys");
        }
        return new ArrayList<>(out);
    }

    public List<CosignerKey> witnesses() {
        return witnesses;
    }

    /**
     * Checks a cosigned checkpoint against the current one and keeps each valid cosignature by a
     * configured witness. Garbage is 400, no configured witness 403, a checkpoint that is not the
     * current one 409 (an older tree: the witness should fetch again).
     */
    public int accept(byte[] body, Checkpoint current) {
        SignedNote note = SignedNote.parse(body);
        Checkpoint cp = Checkpoint.parse(note.text());
        if (!cp.origin().equals(current.origin())) {
            throw new InvalidInputException("checkpoint", "the checkpoint's origin is not this log's (" + current.origin() + ")");
        }
        if (cp.size() != current.size()) {
            throw new Conflict("the cosigned checkpoint has tree size " + cp.size() + ", the log's current one is " + current.size()
                    + ": fetch the checkpoint again");
        }
        if (!cp.text().equals(current.text())) {
            throw new InvalidInputException("checkpoint", "the cosigned checkpoint is not this log's checkpoint of size " + cp.size());
        }
        List<String[]> accepted = new ArrayList<>();
        for (CosignerKey w : witnesses) {
            for (NoteSignature s : note.signatures()) {
                if (!w.matches(s)) {
                    continue;
                }
                long time = w.verify(note.text(), s);
                if (time > clock.instant().getEpochSecond() + MAX_CLOCK_SKEW_SECONDS) {
                    throw new InvalidInputException("cosignature", "the cosignature by " + w.name() + " is dated in the future (" + time + ")");
                }
                accepted.add(new String[] {w.text(), Cosignature.of(s).noteSignature().line()});
                break;
            }
        }
        if (accepted.isEmpty()) {
            throw new Forbidden("the note carries no cosignature by a witness this registry accepts");
        }
        QuarkusTransaction.requiringNew().run(() -> accepted.forEach(a -> store.putCosignature(a[0], cp.size(), a[1])));
        return accepted.size();
    }

    /** The note with the kept cosignatures for its tree size appended (those of configured witnesses only). */
    public String cosigned(Checkpoint cp, String note) {
        if (witnesses.isEmpty()) {
            return note;
        }
        var lines = store.cosignatures(cp.size());
        StringBuilder b = new StringBuilder(note);
        for (CosignerKey w : witnesses) {
            String line = lines.get(w.text());
            if (line != null) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }
}
