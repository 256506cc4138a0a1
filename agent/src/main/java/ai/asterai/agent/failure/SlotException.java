package ai.asterai.agent.failure;

/**
 * A component slot cannot be filled as asked: no such slot, no component found for its interface, or
 * the component named is not one or does not export what the slot needs. {@code subject} is the slot,
 * the reference or the interface at fault.
 */
public final class SlotException extends RuntimeException {
    private final String subject;

    public SlotException(String subject, String message) {
        super(message);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
