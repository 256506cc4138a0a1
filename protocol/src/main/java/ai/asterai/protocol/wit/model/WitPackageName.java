package ai.asterai.protocol.wit.model;

import java.util.Objects;

/**
 * A WIT package id such as {@code wasi:http@0.2.0}: namespace, name and an optional SemVer version
 * (kept as its canonical text; {@code null} when the package is unversioned).
 */
public record WitPackageName(String namespace, String name, String version) {
    public WitPackageName {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** {@code ns:name/item@version}: how an interface or world of this package is named in a component. */
    public String qualify(String item) {
        return namespace + ":" + name + "/" + item + (version == null ? "" : "@" + version);
    }

    @Override
    public String toString() {
        return namespace + ":" + name + (version == null ? "" : "@" + version);
    }
}
