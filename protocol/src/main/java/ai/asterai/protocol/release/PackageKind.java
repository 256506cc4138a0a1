package ai.asterai.protocol.release;

import ai.asterai.protocol.InvalidInputException;
import java.util.Locale;

/** What a package holds: a component (a .wasm binary and its WIT) or an interface (WIT alone). */
public enum PackageKind {
    COMPONENT, INTERFACE;

    public static PackageKind parse(String text) {
        if (text != null) {
            switch (text) {
                case "component": return COMPONENT;
                case "interface": return INTERFACE;
                default: break;
            }
        }
        throw new InvalidInputException("kind", "kind must be 'component' or 'interface'");
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
