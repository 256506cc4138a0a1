package ai.asterai.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One message of the conversation, in the shape of {@code asterai:llm/chat}'s {@code message} record
 * (field names as in the WIT, so it converts to the component's JSON form as it is).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(String role, String content, @JsonProperty("tool-calls") List<ToolCall> toolCalls,
                          @JsonProperty("tool-call-id") String toolCallId) {
    public ChatMessage {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        content = content == null ? "" : content;
    }

    public record ToolCall(String id, String name, @JsonProperty("arguments-json") String argumentsJson) {
    }

    public static ChatMessage system(String text) {
        return new ChatMessage("system", text, List.of(), null);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage("user", text, List.of(), null);
    }

    public static ChatMessage tool(String callId, String text) {
        return new ChatMessage("tool", text, List.of(), callId);
    }
}
