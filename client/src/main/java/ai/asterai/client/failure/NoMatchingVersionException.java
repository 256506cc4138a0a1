package ai.asterai.client.failure;

import java.util.List;

/**
 * No published version of {@code name} satisfies {@code wanted} (an exact version or a range).
 * {@code published} lists the first versions the registry has, yanked ones marked.
 */
public final class NoMatchingVersionException extends ClientException {
    private final String name;
    private final String wanted;
    private final List<String> published;

    public NoMatchingVersionException(String name, String wanted, boolean exact, List<String> published, boolean more) {
        super((exact ? name + " has no version " + wanted : "no version of " + name + " matches '" + wanted + "'")
                + (published.isEmpty() ? "; it has no releases"
                : " (published: " + String.join(", ", published) + (more ? ", ..." : "") + ")"));
        this.name = name;
        this.wanted = wanted;
        this.published = List.copyOf(published);
    }

    public String name() {
        return name;
    }

    public String wanted() {
        return wanted;
    }

    public List<String> published() {
        return published;
    }
}
