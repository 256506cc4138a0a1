package ai.asterai.registry.oci;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A least-recently-used memory of facts that never change once they exist (a release's artifacts, the
 * content a digest names in a repository): releases are immutable and never deleted, so an entry is
 * never stale on any replica. Misses (null) are not remembered, so content published later is found.
 */
final class BoundedCache<K, V> {
    private final Map<K, V> entries;

    BoundedCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    V get(K key, Function<K, V> load) {
        synchronized (entries) {
            V v = entries.get(key);
            if (v != null) {
                return v;
            }
        }
        V v = load.apply(key); // outside the lock: it may query the database
        if (v != null) {
            synchronized (entries) {
                entries.put(key, v);
            }
        }
        return v;
    }
}
