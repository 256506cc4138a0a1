package ai.asterai.client.release;

import java.util.List;

/**
 * A release's transparency-log receipt as the registry sent it (docs/api.md): its entry's index, the
 * signed checkpoint note and the inclusion proof's base64 hashes. Fetch decides whether it holds.
 */
public record LogReceipt(long index, String checkpoint, List<String> inclusion) {
    public LogReceipt {
        inclusion = inclusion == null ? List.of() : List.copyOf(inclusion);
    }
}
