package ai.asterai.protocol.name;

import ai.asterai.protocol.InvalidInputException;
import java.util.regex.Pattern;

/** A package name {@code namespace:name}; each part a lowercase label (see docs/api.md). */
public record PackageName(String namespace, String name) implements Comparable<PackageName> {
    private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    public PackageName {
        requireLabel("namespace", namespace);
        requireLabel("name", name);
    }

    public static PackageName parse(String text) {
        if (text == null) {
            throw new InvalidInputException("package", "package name is missing");
        }
        int colon = text.indexOf(':');
        if (colon < 0 || text.indexOf(':', colon + 1) >= 0) {
            throw new InvalidInputException(
                    "package", "package name must be namespace:name, got '" + printable(text) + "'");
        }
        return new PackageName(text.substring(0, colon), text.substring(colon + 1));
    }

    /** Checks one label: [a-z][a-z0-9-]{0,62}, no "--", no trailing '-'. */
    public static String requireLabel(String field, String label) {
        if (label == null || label.isEmpty()) {
            throw new InvalidInputException(field, field + " is missing");
        }
        if (!LABEL.matcher(label).matches() || label.contains("--") || label.endsWith("-")) {
            throw new InvalidInputException(field, field + " '" + printable(label)
                    + "' is invalid: use 1-63 characters a-z, 0-9 and single inner '-', starting with a letter");
        }
        return label;
    }

    public static boolean isValidLabel(String label) {
        return label != null && LABEL.matcher(label).matches() && !label.contains("--") && !label.endsWith("-");
    }

    /** Keeps error messages on one line and short whatever a client sent. */
    public static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 80; i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (s.length() > 80) {
            out.append("...");
        }
        return out.toString();
    }

    @Override
    public int compareTo(PackageName o) {
        int c = namespace.compareTo(o.namespace);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return namespace + ":" + name;
    }
}
