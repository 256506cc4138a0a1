package ai.asterai.client.release;

/** A release's record with its transparency-log receipt ({@code null} when the registry sent none). */
public record LoggedRelease(ReleaseRecord record, LogReceipt receipt) {
}
