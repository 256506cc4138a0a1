package ai.asterai.protocol.component;

import ai.asterai.protocol.name.Version;
import java.util.Locale;
import java.util.Optional;

/**
 * The lexical rules of import and export names (Explainer.md, "Import and Export Definitions"):
 * kebab labels, the {@code [constructor]}/{@code [method]}/{@code [static]} annotations, interface
 * names with an optional SemVer version, and the canonical form behind strong uniqueness.
 */
public final class ExternNames {
    private ExternNames() {
    }

    /** What a name is, once parsed. {@code resource} is set for annotated names. */
    public enum Kind { PLAIN, CONSTRUCTOR, METHOD, STATIC, INTERFACE }

    /** A parsed extern name: for annotated names, the resource label and the function label. */
    public record Parsed(Kind kind, String text, Optional<String> resource, String label) {
    }

    /** {@code [a-z][0-9a-z]*} or {@code [A-Z][0-9A-Z]*} first, then {@code -} and words or acronyms. */
    public static boolean isLabel(String s) {
        if (s.isEmpty()) {
            return false;
        }
        String[] parts = s.split("-", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                return false;
            }
            boolean lower = true;
            boolean upper = true;
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                boolean digit = c >= '0' && c <= '9';
                lower &= digit || (c >= 'a' && c <= 'z');
                upper &= digit || (c >= 'A' && c <= 'Z');
            }
            if (!lower && !upper) {
                return false;
            }
            if (i == 0 && !Character.isLetter(p.charAt(0))) {
                return false;
            }
        }
        return true;
    }

    /** Lowercase words only: {@code [a-z][0-9a-z]*(-[0-9a-z]+)*}. */
    private static boolean isWords(String s) {
        return isLabel(s) && s.equals(s.toLowerCase(Locale.ROOT));
    }

    /** Parses an extern name, or empty when it follows none of the forms. */
    public static Optional<Parsed> parse(String name) {
        if (name.startsWith("[constructor]")) {
            String r = name.substring("[constructor]".length());
            return isLabel(r) ? Optional.of(new Parsed(Kind.CONSTRUCTOR, name, Optional.of(r), r)) : Optional.empty();
        }
        for (Kind k : new Kind[] {Kind.METHOD, Kind.STATIC}) {
            String prefix = k == Kind.METHOD ? "[method]" : "[static]";
            if (name.startsWith(prefix)) {
                String rest = name.substring(prefix.length());
                int dot = rest.indexOf('.');
                if (dot < 0) {
                    return Optional.empty();
                }
                String r = rest.substring(0, dot);
                String f = rest.substring(dot + 1);
                return isLabel(r) && isLabel(f) ? Optional.of(new Parsed(k, name, Optional.of(r), f)) : Optional.empty();
            }
        }
        if (isLabel(name)) {
            return Optional.of(new Parsed(Kind.PLAIN, name, Optional.empty(), name));
        }
        return isInterfaceName(name) ? Optional.of(new Parsed(Kind.INTERFACE, name, Optional.empty(), name)) : Optional.empty();
    }

    /** {@code ns:pkg/iface@version}; nested namespaces and projections (🪺, gated) are refused. */
    static boolean isInterfaceName(String name) {
        String body = name;
        int at = name.indexOf('@');
        if (at >= 0) {
            body = name.substring(0, at);
            if (!Version.isValid(name.substring(at + 1))) {
                return false;
            }
        }
        int slash = body.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String[] namespaces = body.substring(0, slash).split(":", -1);
        if (namespaces.length != 2) {
            return false;
        }
        for (String n : namespaces) {
            if (!isWords(n)) {
                return false;
            }
        }
        return isLabel(body.substring(slash + 1));
    }

    /** The canonical form two names must differ in to be strongly unique. */
    public static String canonical(String name) {
        String s = name.toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"[method]", "[static]"}) {
            if (s.startsWith(prefix)) {
                String rest = s.substring(prefix.length());
                int dot = rest.indexOf('.');
                if (dot >= 0 && rest.substring(0, dot).equals(rest.substring(dot + 1))) {
                    return rest.substring(0, dot);
                }
                return rest;
            }
        }
        return s;
    }
}
