package ai.asterai.registry.release;

/** Fired inside the transaction that adds {@code count} downloads of a release to the database. */
public record DownloadsCounted(long releaseId, long count) {
}
