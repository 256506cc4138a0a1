/**
 * An agent whose LLM and tools are components: {@code agent.toml} and its lock, component slots that
 * swap live and roll back, the tool loop and the conversation. Components are found through the client
 * and run in the runtime; knows nothing of the command line.
 */
module ai.asterai.agent {
    requires transitive ai.asterai.client;
    requires transitive ai.asterai.runtime;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.toml;

    exports ai.asterai.agent;
    exports ai.asterai.agent.failure;

    // agent.toml, its lock and the conversation are bound by Jackson
    opens ai.asterai.agent to com.fasterxml.jackson.databind;
}
