package ai.asterai.client.witness;

import ai.asterai.client.failure.VerificationException;

/** The witness refuses to cosign: the log forked, went back, or sent what does not verify. */
public final class WitnessException extends VerificationException {
    public WitnessException(String subject, String reason) {
        super(subject, reason);
    }
}
