package ai.asterai.client.failure;

/**
 * Something downloaded or cached does not prove to be what it claims: a digest, a signature, a key
 * that is not trusted or was revoked, a lock file that records other bytes. Nothing unverified is
 * kept or run.
 */
public class VerificationException extends ClientException {
    private final String subject;

    /** {@code subject} names what failed to verify, e.g. {@code acme:hello@1.0.0}. */
    public VerificationException(String subject, String reason) {
        super(subject + ": " + reason);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
