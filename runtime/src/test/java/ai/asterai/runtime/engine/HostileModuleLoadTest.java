package ai.asterai.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The client's loader given hostile binaries from any registry or file (issue #11): a clear
 * {@link InvalidModule}, never an OutOfMemoryError or an engine's unchecked exception. Fuzzed over
 * the project's real modules with a fixed seed; the count of cases is printed.
 */
class HostileModuleLoadTest {
    private static final long HUGE = 256L << 20;

    private static byte[] module(long... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 0x61, 0x73, 0x6d, 1, 0, 0, 0});
        for (long v : parts) {
            do {
                int b = (int) (v & 0x7f);
                v >>>= 7;
                out.write(v != 0 ? b | 0x80 : b);
            } while (v != 0);
        }
        return out.toByteArray();
    }

    @Test
    void declaredHugeLengthsAreRefusedBeforeTheEngineAllocatesThem() {
        List<byte[]> hostile = List.of(
                module(0, 5, HUGE),              // custom section name of 256 MiB
                module(0, 5, 0xffffffffL),       // of 4 GiB
                module(11, 7, 1, 1, HUGE),        // a data segment of 256 MiB
                module(2, 6, 1, HUGE),            // an import name
                module(1, 7, 1, 0x60, 0xffffffffL), // a type's parameter count
                module(9, 5, 0xffffffffL),       // element segments
                module(3, 5, 0xffffffffL));      // functions
        for (byte[] wasm : hostile) {
            for (EngineKind engine : EngineKind.values()) {
                InvalidModule e = assertThrows(InvalidModule.class, () -> new ModuleCompiler().compile(wasm, engine));
                assertTrue(e.getMessage().contains("malformed WebAssembly at byte"), e.getMessage());
            }
        }
    }

    @Test
    void mutatedRealModulesLoadOrFailWithInvalidModule() throws IOException {
        Path examples = Path.of("..", "examples");
        List<byte[]> seeds = new ArrayList<>();
        try (Stream<Path> s = Files.walk(examples)) {
            // core modules only: examples/components holds component binaries (HostileComponentTest damages
            // those) and, once .ci/ensure-jco.sh ran, node_modules with hundreds of MB of toolchain wasm
            Path components = examples.resolve("components");
            for (Path p : s.filter(f -> f.toString().endsWith(".wasm") && !f.startsWith(components)).sorted().toList()) {
                seeds.add(Files.readAllBytes(p));
            }
        }
        assertTrue(seeds.size() >= 10, "examples' modules: " + seeds.size());
        // -Dfuzz.seed / -Dfuzz.perSeed explore further from the command line; CI runs the fixed seed
        SplittableRandom rnd = new SplittableRandom(Long.getLong("fuzz.seed", 0xc11e47L));
        int perSeed = Integer.getInteger("fuzz.perSeed", 125);
        int cases = 0;
        int refused = 0;
        for (byte[] seed : seeds) {
            for (int i = 0; i < perSeed; i++) {
                byte[] wasm = mutate(seed, rnd);
                cases++;
                try {
                    // the interpreter: parsing and validation are the same as the compiler's, and fast
                    new ModuleCompiler().compile(wasm, EngineKind.INTERPRETER);
                } catch (InvalidModule e) {
                    refused++;
                } catch (RuntimeException | Error e) {
                    throw new AssertionError("loader crash on a mutated " + wasm.length + "-byte module: " + e, e);
                }
            }
        }
        System.out.printf("client loader fuzz: %d cases, %d refused, 0 crashes%n", cases, refused);
        assertTrue(refused > 0);
    }

    private static byte[] mutate(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        switch (rnd.nextInt(3)) {
            case 0 -> {
                return Arrays.copyOf(b, 8 + rnd.nextInt(b.length - 8));
            }
            case 1 -> {
                for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
                    int p = 8 + rnd.nextInt(b.length - 8);
                    b[p] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            default -> {
                int at = 8 + rnd.nextInt(b.length - 13);
                byte[] huge = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
                System.arraycopy(huge, 0, b, at, huge.length);
            }
        }
        return b;
    }
}
