package ai.asterai.registry.release;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded, least-recently-used memory of facts that can never change once they exist: the id
 * behind a package name, the parts of a published release, what a release's WIT exports and
 * imports (nothing is renamed, edited or deleted). An entry is therefore never stale, on any
 * replica. A lookup that fails (a 404 thrown by the loader) is not remembered, so a package or
 * version that appears later is found.
 */
final class ImmutableFacts<K, V> {
    private final Map<K, V> entries;

    ImmutableFacts(int maxEntries) {
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
        V v = load.apply(key); // outside the lock: it queries the database
        if (v != null) {
            synchronized (entries) {
                entries.put(key, v);
            }
        }
        return v;
    }
}
