package ai.asterai.protocol.wit.model;

/**
 * The feature gate of an item: {@code @since(version = ..)}, {@code @unstable(feature = ..)}, either
 * optionally with {@code @deprecated(version = ..)}, or none. Versions are canonical SemVer text.
 */
public sealed interface Gate permits Gate.Ungated, Gate.Since, Gate.Unstable {
    Gate NONE = new Ungated();

    /** No gate: the item is always present. */
    record Ungated() implements Gate {
    }

    /** Stable since {@code version}; {@code deprecated} is the version it was deprecated in, or null. */
    record Since(String version, String deprecated) implements Gate {
    }

    /** Present only when {@code feature} is enabled; {@code deprecated} as for {@link Since}. */
    record Unstable(String feature, String deprecated) implements Gate {
    }

    default boolean isNone() {
        return this instanceof Ungated;
    }
}
