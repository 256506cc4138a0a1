package ai.asterai.registry.problem;

import java.util.Map;

/** A failure the client caused or must know about, answered as an RFC 9457 problem body. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final String field;
    private final Map<String, String> headers;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, null, Map.of());
    }

    public ProblemException(int status, String title, String detail, String field, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
        this.headers = Map.copyOf(headers);
    }

    public int status() { return status; }
    public String title() { return title; }
    public String field() { return field; }
    public Map<String, String> headers() { return headers; }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(400, "Bad Request", detail, field, Map.of());
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }
}
