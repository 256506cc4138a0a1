package ai.asterai.runtime.engine;

/**
 * The bytes are a WebAssembly component (component-model binary), not a core module: well-formed
 * perhaps, but this runtime loads core modules with wit-bindgen's names only (docs/runtime.md).
 */
public final class ComponentBinary extends InvalidModule {
    public ComponentBinary() {
        super("this is a WebAssembly component (a component-model binary), which this version of asterai cannot run yet:"
                + " it runs core modules that follow the canonical ABI (see docs/runtime.md)");
    }
}
