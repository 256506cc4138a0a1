package ai.asterai.registry.release;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.wasm.MalformedWasmException;
import ai.asterai.protocol.wasm.WasmBinary;
import ai.asterai.protocol.wasm.WasmLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The content policy for the wasm part: the whole binary, core module or component, is read once,
 * streaming, by protocol's bounded reader; every length and count it declares is checked against
 * the bytes present and the limits in docs/security.md. No engine parser runs here: engines
 * allocate what a binary declares (one object per instruction), which a registry must not do for
 * anyone with a publish token. Type validation runs in the client before anything executes.
 */
public final class WasmValidator {
    private WasmValidator() {
    }

    public static WasmBinary.Kind validate(Path file, long maxBytes) {
        try {
            return WasmBinary.check(file, WasmLimits.DEFAULT.withMaxBytes(maxBytes));
        } catch (MalformedWasmException e) {
            throw new InvalidInputException("wasm", "part 'wasm' is not a valid WebAssembly binary: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
