package ai.asterai.protocol.wasm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Builds small binaries byte by byte for the tests, and finds the project's real ones. */
final class WasmBytes {
    static final byte[] MODULE_HEADER = {0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0};
    static final byte[] COMPONENT_HEADER = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0};

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static WasmBytes module() {
        return new WasmBytes().raw(MODULE_HEADER);
    }

    static WasmBytes component() {
        return new WasmBytes().raw(COMPONENT_HEADER);
    }

    WasmBytes raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    WasmBytes raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    WasmBytes u(long value) {
        out.writeBytes(leb(value));
        return this;
    }

    /** A section whose declared size is the payload's real size. */
    WasmBytes section(int id, byte[] payload) {
        out.write(id);
        u(payload.length);
        out.writeBytes(payload);
        return this;
    }

    WasmBytes name(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        u(b.length);
        return raw(b);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static WasmBytes payload() {
        return new WasmBytes();
    }

    static byte[] leb(long value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        do {
            int x = (int) (value & 0x7f);
            value >>>= 7;
            b.write(value != 0 ? x | 0x80 : x);
        } while (value != 0);
        return b.toByteArray();
    }

    /** The project's committed core modules (examples and runtime fixtures): real clang and wat2wasm output. */
    static List<Path> realModules() {
        return realBinaries(false);
    }

    /** The project's committed component binaries (examples/components: jco new, componentize-js). */
    static List<Path> realComponents() {
        return realBinaries(true);
    }

    private static List<Path> realBinaries(boolean components) {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("examples"))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new IllegalStateException("examples/ not found above " + Path.of("").toAbsolutePath());
        }
        List<Path> found = new ArrayList<>();
        for (String dir : List.of("examples", "runtime/src/test/resources")) {
            try (Stream<Path> s = Files.walk(root.resolve(dir))) {
                // node_modules (jco's toolchain, once .ci/ensure-jco.sh ran) holds hundreds of MB of
                // third-party wasm, not the project's guests
                s.filter(p -> p.toString().endsWith(".wasm") && !p.toString().contains("node_modules"))
                        .filter(p -> isComponent(p) == components)
                        .sorted().forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** By the header's version field: 0x0d layer 1 is a component, 1 a core module. */
    private static boolean isComponent(Path p) {
        try (var in = Files.newInputStream(p)) {
            byte[] header = in.readNBytes(8);
            return header.length == 8 && header[4] == 0x0d && header[6] == 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
