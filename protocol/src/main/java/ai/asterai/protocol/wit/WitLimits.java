package ai.asterai.protocol.wit;

/**
 * Bounds on how deeply WIT may nest, so that nothing that walks a resolved package (this resolver, a
 * printer, the canonical ABI of a runtime) recurses without limit on hostile input. Each is far beyond
 * real WIT; going over one is a located {@link WitException} naming the limit.
 */
public final class WitLimits {
    private WitLimits() {
    }

    /** {@code package a:b { package c:d { ... } }} nesting in one document. */
    public static final int MAX_NESTED_PACKAGES = 100;
    /** Nesting of one type expression: {@code list<list<option<...>>>}, tuples, results. */
    public static final int MAX_TYPE_EXPRESSION_DEPTH = 100;
    /** Nesting of a type counting through the named types it uses: record in record in alias ... */
    public static final int MAX_TYPE_DEPTH = 100;
    /** Interfaces in a chain where each uses types of the next ({@code a} uses {@code b} uses {@code c} ...). */
    public static final int MAX_USE_DEPTH = 100;
    /** Packages in a chain where each depends on the next. */
    public static final int MAX_PACKAGE_CHAIN = 100;
}
