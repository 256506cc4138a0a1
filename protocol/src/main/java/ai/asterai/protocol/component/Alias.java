package ai.asterai.protocol.component;

/** An alias: a definition of {@code sort} taken from an instance's export or from an enclosing scope. */
public sealed interface Alias {
    Sort sort();

    /** {@code (alias export i "name" (sort))}: a component instance's export. */
    record InstanceExport(Sort sort, long instance, String name) implements Alias {
    }

    /** {@code (alias core export i "name" (core sort))}: a core instance's export. */
    record CoreInstanceExport(Sort sort, long coreInstance, String name) implements Alias {
    }

    /** {@code (alias outer ct idx (sort))}: {@code ct} scopes out, index {@code idx} of that scope. */
    record Outer(Sort sort, long count, long index) implements Alias {
    }
}
