package ai.asterai.runtime.engine;

/**
 * The bytes are a WebAssembly component (component-model binary), not a core module: the module
 * compiler takes core modules only. The runtime loads components through
 * {@code ai.asterai.runtime.component} instead (docs/runtime.md, "Component binaries").
 */
public final class ComponentBinary extends InvalidModule {
    public ComponentBinary() {
        super("this is a WebAssembly component (a component-model binary), not a core module: `asterai run` loads it as a"
                + " component, but its core module cannot be inspected this way yet (see docs/runtime.md)");
    }
}
