package ai.asterai.client.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code ~/.asterai/config.toml} holds: the registries the user logged in to, each with its
 * token, and which one commands use when {@code --registry} is not given.
 */
public record ClientConfig(String defaultRegistry, List<Registry> registries) {
    public static final ClientConfig EMPTY = new ClientConfig(null, List.of());

    /** One registry and its API token. {@code toString} hides the token. */
    public record Registry(String url, String token) {
        @Override
        public String toString() {
            return "Registry[" + url + ", token=" + (token == null ? "none" : "***") + "]";
        }
    }

    public ClientConfig {
        registries = registries == null ? List.of() : List.copyOf(registries);
    }

    public Optional<Registry> find(RegistryUrl url) {
        return registries.stream().filter(r -> url.value().equals(r.url())).findFirst();
    }

    /** Adds or replaces the registry's token; the first registry becomes the default. */
    public ClientConfig withLogin(RegistryUrl url, String token, boolean makeDefault) {
        List<Registry> next = new ArrayList<>(registries.stream().filter(r -> !url.value().equals(r.url())).toList());
        next.add(new Registry(url.value(), token));
        String def = makeDefault || defaultRegistry == null ? url.value() : defaultRegistry;
        return new ClientConfig(def, next);
    }

    /** Forgets the registry's token; the default moves to another registry if there is one. */
    public ClientConfig withLogout(RegistryUrl url) {
        List<Registry> next = registries.stream().filter(r -> !url.value().equals(r.url())).toList();
        String def = url.value().equals(defaultRegistry) ? (next.isEmpty() ? null : next.get(0).url()) : defaultRegistry;
        return new ClientConfig(def, next);
    }
}
