package ai.asterai.registry.search;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WIT interface id, {@code ns:pkg/iface} with an optional {@code @version}, as release_interfaces
 * stores it. {@code version} is null when the id has none.
 */
public record InterfaceId(String namespace, String pkg, String iface, String version) {
    private static final String WORD = "[a-z][a-z0-9]*(?:-[a-z0-9]+)*";
    private static final Pattern ID = Pattern.compile("(" + WORD + "):(" + WORD + ")/(" + WORD + ")(?:@(.+))?");
    public static final int MAX_LENGTH = 300;

    /** Parses a stored item; empty for func:name and anything that is not an interface id. */
    public static java.util.Optional<InterfaceId> tryParse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return java.util.Optional.empty();
        }
        Matcher m = ID.matcher(text);
        if (!m.matches() || (m.group(4) != null && !Version.isValid(m.group(4)))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new InterfaceId(m.group(1), m.group(2), m.group(3), m.group(4)));
    }

    /** Parses what a client sent; the error names {@code field}. */
    public static InterfaceId parse(String field, String text) {
        return tryParse(text).orElseThrow(() -> new InvalidInputException(field, "'" + PackageName.printable(text)
                + "' is not an interface id: write ns:pkg/interface or ns:pkg/interface@1.2.3"));
    }

    /** {@code ns:pkg/iface}, without the version. */
    public String name() {
        return namespace + ":" + pkg + "/" + iface;
    }

    @Override
    public String toString() {
        return version == null ? name() : name() + "@" + version;
    }
}
