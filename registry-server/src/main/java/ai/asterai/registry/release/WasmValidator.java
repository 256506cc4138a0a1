package ai.asterai.registry.release;

import ai.asterai.protocol.InvalidInputException;
import com.dylibso.chicory.wasm.Parser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The content policy for uploads: a core module must parse with Chicory's parser; a
 * component-model binary is recognised by its header (no Java library parses components yet).
 */
public final class WasmValidator {
    /** What kind of WebAssembly binary an upload is. */
    public enum Kind { CORE_MODULE, COMPONENT }

    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};

    private WasmValidator() {
    }

    public static Kind validate(Path file) {
        byte[] header = new byte[8];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(header, 0, 8) < 8) {
                throw notWasm("it is shorter than the 8-byte WebAssembly header");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (int i = 0; i < 4; i++) {
            if (header[i] != MAGIC[i]) {
                throw notWasm("it does not start with the \\0asm magic number");
            }
        }
        int version = (header[4] & 0xff) | (header[5] & 0xff) << 8;
        int layer = (header[6] & 0xff) | (header[7] & 0xff) << 8;
        if (layer == 1 && version == 0x0d) {
            return Kind.COMPONENT;
        }
        if (layer != 0 || version != 1) {
            throw notWasm("unsupported binary version " + version + " / layer " + layer);
        }
        try (InputStream in = Files.newInputStream(file)) {
            Parser.parse(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw notWasm("the module does not parse: " + oneLine(e.getMessage()));
        }
        return Kind.CORE_MODULE;
    }

    private static InvalidInputException notWasm(String why) {
        return new InvalidInputException("wasm", "part 'wasm' is not a WebAssembly binary: " + why);
    }

    private static String oneLine(String s) {
        if (s == null) return "malformed";
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
