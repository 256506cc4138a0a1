package ai.asterai.protocol.wasm;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mutates the project's real modules (and components wrapping them) and checks that every result is
 * either accepted or refused with {@link MalformedWasmException}: never another exception, never an
 * allocation the input did not pay for. The seed is fixed so a failure reproduces; the count of
 * cases is printed (and recorded in docs/security.md).
 */
class WasmBinaryFuzzTest {
    private static final long SEED = 0x5eed_a57e_2a1L;

    @Test
    void mutatedBinariesAreAcceptedOrRefusedCleanly() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (Path p : WasmBytes.realModules()) {
            seeds.add(Files.readAllBytes(p));
        }
        seeds.add(WasmBytes.component().section(1, seeds.get(0)).section(4,
                WasmBytes.component().section(1, seeds.get(1)).bytes()).bytes());

        SplittableRandom rnd = new SplittableRandom(SEED);
        long cases = 0;
        long refused = 0;
        for (byte[] seed : seeds) {
            // every 7th truncation point in the first 4 KiB, then every 211th byte
            for (int cut = 0; cut < seed.length; cut += cut < 4096 ? 7 : 211) {
                refused += run(Arrays.copyOf(seed, cut));
                cases++;
            }
            for (int i = 0; i < 800; i++) {
                refused += run(mutate(seed, rnd));
                cases++;
            }
        }
        System.out.printf("wasm fuzz: %d cases, %d refused, %d accepted, 0 crashes%n", cases, refused, cases - refused);
        assertTrue(cases > 15_000, "cases: " + cases);
        assertTrue(refused > cases / 4, "most mutations should be refused: " + refused + " of " + cases);
    }

    private static int run(byte[] wasm) {
        try {
            WasmBinary.check(wasm);
            return 0;
        } catch (MalformedWasmException e) {
            if (e.offset() < 0 || e.offset() > wasm.length) {
                fail("offset " + e.offset() + " outside a " + wasm.length + "-byte input: " + e.getMessage());
            }
            return 1;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("crash on a " + wasm.length + "-byte input: " + e, e);
        }
    }

    /** Bit flips, byte changes, huge LEB128 lengths written over a byte, spliced and dropped runs. */
    static byte[] mutate(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        int kind = rnd.nextInt(5);
        int at = 8 + rnd.nextInt(Math.max(1, b.length - 8));
        switch (kind) {
            case 0 -> {
                for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
                    int p = rnd.nextInt(b.length);
                    b[p] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> b[Math.min(at, b.length - 1)] = (byte) rnd.nextInt(256);
            case 2 -> {
                byte[] huge = WasmBytes.leb(rnd.nextBoolean() ? 0xffffffffL : (1L << (20 + rnd.nextInt(12))));
                for (int i = 0; i < huge.length && at + i < b.length; i++) {
                    b[at + i] = huge[i];
                }
            }
            case 3 -> {
                int from = rnd.nextInt(b.length);
                int len = Math.min(1 + rnd.nextInt(64), b.length - from);
                byte[] out = new byte[b.length + len];
                int to = Math.min(at, b.length);
                System.arraycopy(b, 0, out, 0, to);
                System.arraycopy(b, from, out, to, len);
                System.arraycopy(b, to, out, to + len, b.length - to);
                b = out;
            }
            default -> {
                int len = Math.min(1 + rnd.nextInt(64), b.length - Math.min(at, b.length));
                byte[] out = new byte[b.length - len];
                int to = Math.min(at, b.length);
                System.arraycopy(b, 0, out, 0, to);
                System.arraycopy(b, to + len, out, to, b.length - to - len);
                b = out;
            }
        }
        return b;
    }
}
