package ai.asterai.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link ContiguousMemory} under real wasm code: the same calls to {@code bulk-memory.wat} (bulk memory
 * instructions, growth, loads and stores at the edges) in the interpreter and the compiler, on Chicory's
 * ByteArrayMemory and on ours. Every result and every trap must be the same in all four.
 */
class ContiguousMemoryGuestTest {
    private static final Path WAT = Path.of("src/test/resources/wasm/bulk-memory.wat");

    private static byte[] fixture() throws Exception {
        try (InputStream in = ContiguousMemoryGuestTest.class.getResourceAsStream("/wasm/bulk-memory.wasm")) {
            return in.readAllBytes();
        }
    }

    private record Call(String function, long... args) {
        @Override
        public String toString() {
            return function + Arrays.toString(args);
        }
    }

    private static Instance instance(WasmModule module, boolean compiled, Function<MemoryLimits, Memory> memory) {
        Instance.Builder b = Instance.builder(module).withMemoryFactory(memory);
        if (compiled) {
            b.withMachineFactory(MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.FAIL).compile());
        }
        return b.build();
    }

    /** What each call did: its results, or that it trapped; then the whole memory. */
    private static List<String> run(Instance instance, List<Call> calls) {
        List<String> outcomes = new ArrayList<>();
        for (Call c : calls) {
            String outcome;
            try {
                long[] r = instance.export(c.function()).apply(c.args());
                outcome = r == null ? "ok" : Arrays.toString(r);
            } catch (ChicoryException e) {
                outcome = "trap";
            }
            outcomes.add(c + " -> " + outcome);
        }
        Memory m = instance.memory();
        outcomes.add("final memory " + Arrays.hashCode(m.readBytes(0, m.pages() * Memory.PAGE_SIZE)) + " in " + m.pages() + " pages");
        return outcomes;
    }

    private static List<Call> script(long seed) {
        int page = Memory.PAGE_SIZE;
        List<Call> calls = new ArrayList<>(List.of(
                new Call("load8", 16), new Call("sum", 16, 6),            // the active segment is in place
                new Call("init", 100, 0, 18), new Call("sum", 100, 18),   // memory.init of the passive one
                new Call("init", 200, 7, 11), new Call("load64", 200),
                new Call("init", 0, 10, 9),                                // past the segment: trap
                new Call("init", page - 4, 0, 5),                          // past the memory: trap
                new Call("copy", 102, 100, 10), new Call("sum", 100, 20), // overlapping, forwards
                new Call("copy", 100, 103, 10), new Call("sum", 100, 20), // overlapping, backwards
                new Call("copy", page - 8, 0, 9), new Call("copy", 0, page - 8, 9),
                new Call("fill", 300, 0xAB, 50), new Call("sum", 290, 70),
                new Call("fill", page - 10, 1, 11), new Call("fill", 0, 1, -1),
                new Call("load32", page - 4), new Call("load32", page - 3), new Call("load16", page - 1),
                new Call("load64", page - 8), new Call("load64", page - 7), new Call("load64", -1),
                new Call("loadf64_offset8", page - 16), new Call("loadf64_offset8", page - 15),
                new Call("loadf64_offset8", -8),
                new Call("store64", page - 8, 0x0123456789ABCDEFL), new Call("load32", page - 4),
                new Call("storef32", 400, Float.floatToRawIntBits(Float.intBitsToFloat(0x7FC01234))), new Call("loadf32", 400),
                new Call("grow", 1), new Call("size"), new Call("load64", page), new Call("load32", 2 * page - 4),
                new Call("load32", 2 * page - 3), new Call("grow", 3), new Call("grow", 2), new Call("size"),
                new Call("grow", -1), new Call("grow", 0),
                new Call("store32", 4 * page - 4, 7), new Call("load32", 4 * page - 4), new Call("store8", 4 * page, 1),
                new Call("sum", 0, 4 * page), new Call("sum", 4 * page - 3, 4),
                new Call("drop"), new Call("init", 0, 0, 0), new Call("init", 0, 0, 1), new Call("drop")));
        // then random calls around the edges of the (now four-page) memory
        Random r = new Random(seed);
        String[] names = {"load8", "load16", "load32", "load64", "loadf64_offset8", "store8", "store32", "store64", "fill", "copy", "sum"};
        for (int i = 0; i < 400; i++) {
            String f = names[r.nextInt(names.length)];
            long a = switch (r.nextInt(4)) {
                case 0 -> 4L * page - r.nextInt(24);
                case 1 -> r.nextInt(4 * page);
                case 2 -> -1 - r.nextInt(16);
                default -> (long) page * r.nextInt(5) - 4 + r.nextInt(8);
            };
            long b = r.nextInt(4 * page);
            long n = r.nextInt(10) == 0 ? -1 : r.nextInt(64);
            calls.add(switch (f) {
                case "store8", "store32" -> new Call(f, a, r.nextInt());
                case "store64" -> new Call(f, a, r.nextLong());
                case "fill" -> new Call(f, a, r.nextInt(256), n);
                case "copy" -> new Call(f, a, b, n);
                case "sum" -> new Call(f, a, n < 0 ? 0 : n);
                default -> new Call(f, a);
            });
        }
        return calls;
    }

    @Test
    void guestCodeSeesTheSameMemoryInBothEnginesAsOnChicorysOwn() throws Exception {
        WasmModule module = Parser.parse(fixture());
        for (long seed = 1; seed <= 3; seed++) {
            List<Call> calls = script(seed);
            List<String> reference = run(instance(module, false, ByteArrayMemory::new), calls);
            assertTrue(reference.stream().filter(s -> s.endsWith("-> trap")).count() > 50, "the script reaches the edges");
            assertTrue(reference.stream().filter(s -> !s.endsWith("-> trap")).count() > 100, "and stays inside them too");
            assertEquals(reference, run(instance(module, false, ContiguousMemory::new), calls), "interpreter, seed " + seed);
            assertEquals(reference, run(instance(module, true, ByteArrayMemory::new), calls), "compiler, Chicory's memory, seed " + seed);
            assertEquals(reference, run(instance(module, true, ContiguousMemory::new), calls), "compiler, seed " + seed);
        }
    }

    @Test
    void theCommittedFixtureIsTheBuildOfItsSource() throws Exception {
        Path wat2wasm = Path.of("/usr/bin/wat2wasm");
        Assumptions.assumeTrue(Files.isExecutable(wat2wasm), "wat2wasm (Debian's wabt) is not installed");
        Path out = Files.createTempFile("bulk-memory", ".wasm");
        try {
            Process p = new ProcessBuilder(wat2wasm.toString(), WAT.toString(), "-o", out.toString()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), log);
            assertArrayEquals(Files.readAllBytes(out), fixture(), "rebuild bulk-memory.wasm from bulk-memory.wat");
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
