/**
 * Runs a component's WebAssembly under the permissions it declares and the user grants: the engine
 * (Chicory, compiled or interpreted), the canonical ABI, the host interfaces, the sandbox. It loads
 * what it is handed ({@link ai.asterai.runtime.ComponentSource}) and knows nothing of registries,
 * caches or project files. Exported: the API a command or an agent drives; the canonical ABI, the
 * JSON mapping and the confined file system stay inside.
 */
module ai.asterai.runtime {
    requires transitive ai.asterai.protocol;
    requires transitive com.dylibso.chicory.wasm;
    requires transitive com.dylibso.chicory.runtime;
    requires transitive com.dylibso.chicory.compiler;
    requires com.dylibso.chicory.wasi;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.toml;
    requires java.net.http;

    exports ai.asterai.runtime;
    exports ai.asterai.runtime.engine;
    exports ai.asterai.runtime.failure;
    exports ai.asterai.runtime.host;
    exports ai.asterai.runtime.sandbox;

    // grants files and log records are bound by Jackson
    opens ai.asterai.runtime.sandbox to com.fasterxml.jackson.databind;
    opens ai.asterai.runtime.host to com.fasterxml.jackson.databind;
    opens ai.asterai.runtime.json to com.fasterxml.jackson.databind;
}
