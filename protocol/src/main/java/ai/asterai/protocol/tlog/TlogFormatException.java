package ai.asterai.protocol.tlog;

import ai.asterai.protocol.InvalidInputException;

/**
 * Transparency-log data that does not follow its format (a checkpoint, signed note, verifier key,
 * tile path, entry bundle, entry or proof), or a proof that does not verify. The only exception the
 * package's parsers and verifiers throw for bad input.
 */
public class TlogFormatException extends InvalidInputException {
    public TlogFormatException(String field, String message) {
        super(field, message);
    }
}
