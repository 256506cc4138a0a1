package ai.asterai.runtime.abi;

/**
 * The guest broke the canonical ABI: a pointer outside memory or misaligned, invalid UTF-8, a bad
 * discriminant or character, a core signature that does not match the WIT. The spec calls these traps.
 */
public class AbiTrap extends RuntimeException {
    public AbiTrap(String message) {
        super(message);
    }

    public AbiTrap(String message, Throwable cause) {
        super(message, cause);
    }
}
