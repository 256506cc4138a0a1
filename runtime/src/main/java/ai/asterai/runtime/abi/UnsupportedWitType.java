package ai.asterai.runtime.abi;

/** A WIT construct this runtime cannot pass across the ABI yet (resources, futures, streams, async). */
public class UnsupportedWitType extends RuntimeException {
    public UnsupportedWitType(String message) {
        super(message);
    }
}
