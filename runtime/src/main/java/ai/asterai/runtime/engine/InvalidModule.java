package ai.asterai.runtime.engine;

/** The bytes are not a module this runtime can load (malformed, invalid, or not compilable). */
public class InvalidModule extends RuntimeException {
    public InvalidModule(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidModule(String message) {
        super(message);
    }
}
