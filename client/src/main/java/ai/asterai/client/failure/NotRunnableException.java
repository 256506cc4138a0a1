package ai.asterai.client.failure;

/** What was named to run is not a component: an interface package, or a folder without asterai.toml. */
public final class NotRunnableException extends ClientException {
    private final String subject;

    public NotRunnableException(String subject, String message) {
        super(message);
        this.subject = subject;
    }

    /** The reference or folder named. */
    public String subject() {
        return subject;
    }
}
