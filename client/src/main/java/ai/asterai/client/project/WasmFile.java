package ai.asterai.client.project;

import ai.asterai.client.failure.ProjectFileException;
import ai.asterai.protocol.wasm.MalformedWasmException;
import ai.asterai.protocol.wasm.WasmBinary;
import ai.asterai.protocol.wasm.WasmLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The built WebAssembly binary of a component, checked (header and structure, within limits) before upload. */
public final class WasmFile {
    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};

    private WasmFile() {
    }

    public static boolean hasMagic(byte[] bytes) {
        if (bytes.length < 8) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    public static byte[] read(Path wasm, long maxBytes) {
        try {
            long size = Files.size(wasm);
            if (size > maxBytes) {
                throw new ProjectFileException(wasm, wasm + " is " + size + " bytes, larger than the " + maxBytes + " bytes allowed");
            }
            byte[] bytes = Files.readAllBytes(wasm);
            if (!hasMagic(bytes)) {
                throw new ProjectFileException(wasm, wasm + " is not a WebAssembly binary (no \\0asm header); build the component first");
            }
            try {
                WasmBinary.check(bytes, WasmLimits.DEFAULT.withMaxBytes(maxBytes));
            } catch (MalformedWasmException e) {
                throw new ProjectFileException(wasm, wasm + " is not a valid WebAssembly binary: " + e.getMessage());
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new ProjectFileException(wasm, "WebAssembly file " + wasm + " does not exist; build the component first");
        } catch (IOException e) {
            throw new ProjectFileException(wasm, "cannot read " + wasm + ": " + e.getMessage());
        }
    }
}
