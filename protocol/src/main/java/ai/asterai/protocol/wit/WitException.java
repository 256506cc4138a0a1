package ai.asterai.protocol.wit;

/**
 * Any WIT error (lexing, parsing or resolving), located in its source. {@link #getMessage()} is
 * {@code file:line:column: reason}; lines and columns start at 1, columns count characters.
 */
public final class WitException extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;
    private final String reason;

    public WitException(String file, int line, int column, String reason) {
        super(file + ":" + line + ":" + column + ": " + reason);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** The file name as given to the resolver (a path, or the name passed with the text). */
    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without its location. */
    public String reason() {
        return reason;
    }
}
