package ai.asterai.agent;

import java.nio.file.Path;
import java.util.Map;

/**
 * An agent as {@code agent.toml} describes it: the model settings, the LLM component and the tool
 * components, each with the grants it gets.
 *
 * @param maxToolRounds   LLM calls that may ask for tools before the agent stops with what it has
 * @param maxOutputTokens passed to the LLM as max-tokens, or null
 * @param stateDir        where the conversation is kept (survives restarts)
 */
public record AgentSpec(Path file, String model, String system, int maxToolRounds, Integer maxOutputTokens,
                        Double temperature, Path stateDir, ComponentSpec llm, Map<String, ComponentSpec> tools) {
    public AgentSpec {
        tools = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tools));
    }
}
