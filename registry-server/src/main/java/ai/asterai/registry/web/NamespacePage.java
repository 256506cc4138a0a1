package ai.asterai.registry.web;

import java.time.OffsetDateTime;
import java.util.List;

/** A namespace: its keys and its packages. */
public record NamespacePage(String name, OffsetDateTime createdAt, List<Key> keys, List<Entry> packages) {

    public record Key(String keyId, String label, OffsetDateTime createdAt, OffsetDateTime revokedAt, boolean active) {
    }

    /** {@code version} is the latest non-yanked one, null when every release is yanked. */
    public record Entry(String name, String kind, String version, String description, long downloads, OffsetDateTime updatedAt) {
    }
}
