package ai.asterai.protocol;

/**
 * Input that does not follow the wire format. Carries the offending field so that a server can
 * answer with a problem body naming it and a command line can print one clear line.
 */
public class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
