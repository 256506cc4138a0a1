package ai.asterai.client.failure;

/** The registry could not be reached, or its answer could not be read. */
public class NetworkException extends ClientException {
    private final String url;

    public NetworkException(String url, String message, Throwable cause) {
        super(message, cause);
        this.url = url;
    }

    public String url() {
        return url;
    }
}
