package ai.asterai.client.fetch;

/** Told how a download advances: bytes of one part of a release received so far, out of its size. */
@FunctionalInterface
public interface DownloadProgress {
    DownloadProgress NONE = (subject, part, done, total) -> {
    };

    /**
     * @param subject the release, {@code ns:name@version}
     * @param part    {@code wasm}, {@code wit} or {@code manifest}
     */
    void update(String subject, String part, long done, long total);
}
