package ai.asterai.registry.auth;

import ai.asterai.protocol.InvalidInputException;
import java.util.Locale;

/** What a token may do in its namespaces. Reads need no token at all. */
public enum Scope {
    PUBLISH, YANK, KEYS;

    public static Scope parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InvalidInputException("scopes", "unknown scope '" + s + "' (publish, yank, keys)");
        }
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
