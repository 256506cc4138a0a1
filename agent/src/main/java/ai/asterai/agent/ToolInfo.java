package ai.asterai.agent;

/** What a tool component says of itself ({@code asterai:agent/tool#describe}). */
public record ToolInfo(String name, String description, String parametersSchema) {
}
