package ai.asterai.protocol.component;

import ai.asterai.protocol.wasm.WasmLimits;

/** The one way to read a component binary: decode, then validate. */
public final class Components {
    private Components() {
    }

    /**
     * Decodes and validates a component binary.
     *
     * @throws MalformedComponentException when the bytes do not follow the binary format
     * @throws InvalidComponentException   when the component breaks a validation rule
     */
    public static Component read(byte[] bytes) {
        return read(bytes, WasmLimits.DEFAULT);
    }

    public static Component read(byte[] bytes, WasmLimits limits) {
        Component c = ComponentDecoder.decode(bytes, limits);
        ComponentValidator.validate(c);
        return c;
    }
}
