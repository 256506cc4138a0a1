package ai.asterai.client.trust;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** The keys pinned for one namespace. */
public record NamespacePins(String namespace, @JsonProperty("key") List<PinnedKey> keys) {
    public NamespacePins {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    public boolean contains(String keyId) {
        return keys.stream().anyMatch(k -> k.keyId().equals(keyId));
    }

    public NamespacePins plus(List<PinnedKey> more) {
        List<PinnedKey> all = new ArrayList<>(keys);
        for (PinnedKey k : more) {
            if (!contains(k.keyId())) {
                all.add(k);
            }
        }
        return new NamespacePins(namespace, all);
    }
}
