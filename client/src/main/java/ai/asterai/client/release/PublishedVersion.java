package ai.asterai.client.release;

/** One version of a package as the registry lists it, newest first; a yanked one is only taken when asked for exactly. */
public record PublishedVersion(String version, boolean yanked, String publishedAt) {
}
