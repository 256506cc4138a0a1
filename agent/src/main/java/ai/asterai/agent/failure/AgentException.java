package ai.asterai.agent.failure;

/** The agent could not answer: the LLM component failed or refused, or the conversation is unusable. */
public final class AgentException extends RuntimeException {
    public AgentException(String message) {
        super(message);
    }

    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
