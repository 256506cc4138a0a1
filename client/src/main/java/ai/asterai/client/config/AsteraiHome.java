package ai.asterai.client.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The folder that holds the user's configuration, keys, trust pins, cache and lock files: {@code $ASTERAI_HOME},
 * else {@code ~/.asterai}.
 */
public record AsteraiHome(Path root) {
    public static final String ENV = "ASTERAI_HOME";

    public static AsteraiHome from(Map<String, String> env) {
        String explicit = env.get(ENV);
        if (explicit != null && !explicit.isBlank()) {
            return new AsteraiHome(Path.of(explicit).toAbsolutePath());
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return new AsteraiHome(Path.of(home, ".asterai").toAbsolutePath());
    }

    public Path configFile() {
        return root.resolve("config.toml");
    }

    public Path keys() {
        return root.resolve("keys");
    }

    public Path trust() {
        return root.resolve("trust");
    }

    public Path cache() {
        return root.resolve("cache");
    }

    /** Lock files that serialise updates of a project's asterai.lock; outside the cache, which gc may delete. */
    public Path locks() {
        return root.resolve("locks");
    }
}
