package ai.asterai.runtime.host;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** The components loaded in the runtime, as {@code asterai:host/components} sees them. */
public interface ComponentDirectory {
    /** A loaded component. */
    record ComponentInfo(String name, String version, List<String> interfaces) {
    }

    Optional<ComponentInfo> find(String name);

    /**
     * Calls {@code function} of {@code component} with JSON arguments on behalf of {@code caller}
     * (permissions are already checked). Returns the result as JSON; failures are exceptions whose
     * message is shown to the caller.
     */
    JsonNode call(String caller, String component, String function, JsonNode args);

    ComponentDirectory EMPTY = new ComponentDirectory() {
        public Optional<ComponentInfo> find(String name) {
            return Optional.empty();
        }

        public JsonNode call(String caller, String component, String function, JsonNode args) {
            throw new IllegalStateException("no components are loaded");
        }
    };
}
