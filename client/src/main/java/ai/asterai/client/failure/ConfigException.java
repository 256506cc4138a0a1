package ai.asterai.client.failure;

/** The client's configuration or a registry URL given to it is not usable; {@code value} is what was read. */
public final class ConfigException extends ClientException {
    private final String value;

    public ConfigException(String value, String message) {
        super(message);
        this.value = value;
    }

    public String value() {
        return value;
    }
}
