package ai.asterai.protocol.component;

import java.util.List;

/**
 * The name of an import or export as encoded ({@code nameattributes}): the extern name text plus any
 * attributes. The text is a plain kebab name ({@code get}), an annotated one ({@code [method]r.get},
 * {@code [constructor]r}, {@code [static]r.f}) or an interface name ({@code ns:pkg/iface@1.2.3});
 * {@link ExternNames} parses and checks it.
 */
public record ExternName(String name, List<Attribute> attributes) {
    public ExternName {
        attributes = List.copyOf(attributes);
    }

    public static ExternName of(String name) {
        return new ExternName(name, List.of());
    }

    /** An attribute: {@code implements} (0), {@code versionsuffix} (1) or {@code external-id} (2). */
    public record Attribute(int kind, String value) {
    }

    @Override
    public String toString() {
        return name;
    }
}
