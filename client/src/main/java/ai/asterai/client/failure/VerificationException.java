package ai.asterai.client.failure;

/**
 * Something downloaded or cached does not prove to be what it claims: a digest, a signature, a key
 * that is not trusted or was revoked, a lock file that records other bytes. Nothing unverified is
 * kept or run.
 */
public class VerificationException extends ClientException {
    /**
     * What could make it verify, when something can: trusting the namespace's current keys afresh, or
     * checking a cached release against the registry's keys.
     */
    public enum Remedy { NONE, RESET_TRUST, VERIFY_ONLINE }

    private final String subject;
    private final Remedy remedy;
    private final String namespace;

    /** {@code subject} names what failed to verify, e.g. {@code acme:hello@1.0.0}. */
    public VerificationException(String subject, String reason) {
        this(subject, reason, Remedy.NONE, null);
    }

    public VerificationException(String subject, String reason, Remedy remedy, String namespace) {
        super(subject + ": " + reason);
        this.subject = subject;
        this.remedy = remedy;
        this.namespace = namespace;
    }

    public String subject() {
        return subject;
    }

    public Remedy remedy() {
        return remedy;
    }

    /** The namespace whose keys are in question, for {@link Remedy#RESET_TRUST} and {@link Remedy#VERIFY_ONLINE}. */
    public String namespace() {
        return namespace;
    }
}
