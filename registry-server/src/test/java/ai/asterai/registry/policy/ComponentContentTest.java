package ai.asterai.registry.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.Permissions;
import ai.asterai.protocol.wit.DepsProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Component uploads against their WIT, without Quarkus: the toolchain-built components under
 * examples/components (jco new over the C calculator, componentize-js's kitchen sink and WASI clock)
 * are accepted and indexed by their own world; a WIT that disagrees is refused naming the difference;
 * damaged binaries are refused with their offset.
 */
class ComponentContentTest {
    static final Path EXAMPLES = examples();
    static final Path CALCULATOR = EXAMPLES.resolve("components/c-calculator/calculator.wasm");
    static final Path KITCHEN_SINK = EXAMPLES.resolve("components/js-kitchen-sink/kitchen-sink.wasm");
    static final Path WASI_CLOCK = EXAMPLES.resolve("components/js-wasi/wasi-clock.wasm");

    private final ContentPolicy policy = new ContentPolicy(50L << 20, new ComponentMemory(64L << 20));

    static Path examples() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.isDirectory(d.resolve("examples/components"))) {
            d = d.getParent();
        }
        if (d == null) {
            throw new IllegalStateException("examples/components not found above " + Path.of("").toAbsolutePath());
        }
        return d.resolve("examples");
    }

    static String read(String relative) {
        try {
            return Files.readString(EXAMPLES.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The calculator's WIT deps (asterai:agent, asterai:log) as the registry would have them. */
    static final DepsProvider CALCULATOR_DEPS = id -> switch (id.name()) {
        case "agent" -> read("calculator/wit/deps/agent/agent.wit");
        case "log" -> read("calculator/wit/deps/log/logger.wit");
        default -> null;
    };

    static byte[] manifest(String world) {
        return new Manifest("acme:thing", "1.0.0", "component", "d", List.of(), "MIT", world, Permissions.NONE).toJson();
    }

    private ContentPolicy.WitIndex publish(Path wasm, String wit, String world, DepsProvider deps) {
        ContentPolicy.CheckedWit checked = policy.wit(wit.getBytes(StandardCharsets.UTF_8), Manifest.parse(manifest(world)), deps);
        return policy.wasm(wasm, checked);
    }

    private InvalidInputException refused(Path wasm, String wit, String world, DepsProvider deps) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> publish(wasm, wit, world, deps));
        assertEquals("wasm", e.field());
        return e;
    }

    @Test
    void realComponentsAgreeWithTheirWitAndAreIndexedByTheirOwnWorld() {
        ContentPolicy.WitIndex calc = publish(CALCULATOR, read("calculator/wit/calculator.wit"),
                "asterai:calculator/calculator@0.1.0", CALCULATOR_DEPS);
        assertEquals(List.of("asterai:calculator/calc@0.1.0", "asterai:agent/tool@0.1.0"), calc.exports());
        assertEquals(List.of(), calc.imports());
        assertEquals("asterai:calculator@0.1.0", calc.mainPackage());

        long t0 = System.nanoTime();
        ContentPolicy.WitIndex sink = publish(KITCHEN_SINK, read("components/js-kitchen-sink/wit/kitchen-sink.wit"),
                "asterai:kitchen-sink/kitchen-sink@0.1.0", id -> null);
        System.out.printf("kitchen sink (%d bytes): checked, decoded, validated and compared in %d ms%n",
                KITCHEN_SINK.toFile().length(), (System.nanoTime() - t0) / 1_000_000);
        assertEquals(List.of("asterai:kitchen-sink/values@0.1.0", "asterai:kitchen-sink/counters@0.1.0", "func:version"), sink.exports());

        // the WASI imports componentize-js's engine adds need not be in the world; they are indexed
        ContentPolicy.WitIndex clock = publish(WASI_CLOCK, read("components/js-wasi/wit/wasi-clock.wit"),
                "asterai:wasi-clock/wasi-clock", id -> null);
        assertEquals(List.of("asterai:wasi-clock/clock@0.1.0"), clock.exports());
        assertTrue(clock.imports().contains("wasi:cli/stdout@0.2.12"), clock.imports().toString());
        assertTrue(clock.imports().contains("wasi:random/random@0.2.12"), clock.imports().toString());
    }

    @Test
    void aWorldMayImportWhatTheComponentDoesNotUse() {
        String wit = read("calculator/wit/calculator.wit").replace("export calc;", "export calc;\n    import asterai:log/logger@0.1.0;");
        ContentPolicy.WitIndex calc = publish(CALCULATOR, wit, "asterai:calculator/calculator@0.1.0", CALCULATOR_DEPS);
        assertEquals(List.of(), calc.imports()); // the binary's imports, not the WIT's
    }

    @Test
    void aWorldThatDisagreesIsRefusedNamingTheDifference() {
        String calcWit = read("calculator/wit/calculator.wit");
        String world = "asterai:calculator/calculator@0.1.0";
        assertEquals("part 'wasm' does not match world `" + world + "`: the component exports `asterai:agent/tool@0.1.0`"
                        + " but world `" + world + "` does not",
                refused(CALCULATOR, calcWit.replace("export asterai:agent/tool@0.1.0;", ""), world, CALCULATOR_DEPS).getMessage());
        assertTrue(refused(CALCULATOR, calcWit.replace("export calc;", "export calc;\n    export version: func() -> string;"),
                world, CALCULATOR_DEPS).getMessage().endsWith("world `" + world + "` exports `version` but the component does not"));
        assertTrue(refused(CALCULATOR, calcWit.replace("fib: func(n: u32) -> u64;", "fib: func(n: u32) -> u64;\n    fob: func();"),
                world, CALCULATOR_DEPS).getMessage().endsWith("world `" + world + "` declares function `fob` in export "
                + "`asterai:calculator/calc@0.1.0` but the component's export has no such function"));
        assertTrue(refused(CALCULATOR, calcWit.replace("fib: func(n: u32) -> u64;", "fib: func(n: u64) -> u64;"), world, CALCULATOR_DEPS)
                .getMessage().endsWith("export `asterai:calculator/calc@0.1.0`, function `fib`, parameter `n`: `u32` in the component, "
                        + "`u64` in the WIT"));
        assertTrue(refused(CALCULATOR, calcWit.replace("fib: func(n: u32) -> u64;", "fib: func(m: u32) -> u64;"), world, CALCULATOR_DEPS)
                .getMessage().endsWith("parameter 1 is `n` in the component, `m` in world `" + world + "`"));
        assertTrue(refused(CALCULATOR, calcWit.replace("weight: f64,", "weight: f32,"), world, CALCULATOR_DEPS).getMessage()
                .endsWith("function `echo-records`, parameter `items`: record `entry`, field `weight`: `f64` in the component, `f32` in the WIT"));
        // another version of the interfaces is another interface
        assertTrue(refused(CALCULATOR, calcWit.replace("package asterai:calculator@0.1.0;", "package asterai:calculator@0.2.0;"),
                "asterai:calculator/calculator@0.2.0", CALCULATOR_DEPS).getMessage()
                .contains("the component exports `asterai:calculator/calc@0.1.0` but world"));

        String sinkWit = read("components/js-kitchen-sink/wit/kitchen-sink.wit");
        String sink = "asterai:kitchen-sink/kitchen-sink@0.1.0";
        assertTrue(refused(KITCHEN_SINK, sinkWit.replace("dark-violet,", "dark-violet,\n        black,"), sink, id -> null).getMessage()
                .contains("enum `color` is [red, green, blue, dark-violet] in the component, [red, green, blue, dark-violet, black]"));
        assertTrue(refused(KITCHEN_SINK, sinkWit.replace("zero: static func() -> counter;", "zero: func() -> counter;"), sink, id -> null)
                .getMessage().contains("has function `[static]counter.zero` but world"));
    }

    @Test
    void buildMetadataInAVersionDoesNotMakeAnotherInterface() {
        assertEquals("a:b/c@1.0.0", WorldAgreement.normalize("a:b/c@1.0.0+build.7"));
        assertEquals("a:b/c", WorldAgreement.normalize("a:b/c"));
        assertEquals("a:b/c@1.0.0-rc.1", WorldAgreement.normalize("a:b/c@1.0.0-rc.1"));
    }

    @Test
    void damagedComponentsAreRefusedWithTheirOffset(@TempDir Path dir) throws IOException {
        byte[] good = Files.readAllBytes(CALCULATOR);
        String wit = read("calculator/wit/calculator.wit");
        String world = "asterai:calculator/calculator@0.1.0";
        int refusedCount = 0;
        for (int cut : new int[] {9, 12, 100, good.length / 2, good.length - 100, good.length - 1}) {
            Path p = Files.write(dir.resolve("cut" + cut + ".wasm"), java.util.Arrays.copyOf(good, cut));
            assertTrue(refused(p, wit, world, CALCULATOR_DEPS).getMessage().matches("(?s).* at byte \\d+.*"));
            refusedCount++;
        }
        // bit flips anywhere: each is refused (malformed, invalid or disagreeing with the WIT) or, when
        // the flip lands where nothing is checked (a function body, a data segment), accepted; never anything else
        Random random = new Random(13);
        int accepted = 0;
        for (int i = 0; i < 200; i++) {
            byte[] bad = good.clone();
            int at = 8 + random.nextInt(bad.length - 8);
            bad[at] ^= (byte) (1 << random.nextInt(8));
            Path p = Files.write(dir.resolve("flip" + i + ".wasm"), bad);
            try {
                publish(p, wit, world, CALCULATOR_DEPS);
                accepted++;
            } catch (InvalidInputException e) {
                assertEquals("wasm", e.field());
                refusedCount++;
            }
        }
        System.out.println("damaged calculator components: " + refusedCount + " refused, " + accepted + " accepted (flips in unchecked bytes)");
        assertTrue(refusedCount > 6);
    }

    @Test
    void componentMemoryIsReservedAndReturned() {
        ComponentMemory memory = new ComponentMemory(10 << 20, java.time.Duration.ofMillis(50));
        try (ComponentMemory.Lease a = memory.lease(2 << 20)) {
            assertEquals((10 << 10) - ((2 << 10) * ComponentMemory.FACTOR_PERCENT / 100 + 1), memory.availableKiB());
            // larger than what is free: waits, then gives up with a retryable 503, never holding a part of it
            assertThrows(ai.asterai.registry.failure.Unavailable.class, () -> memory.lease(1L << 30));
        }
        assertEquals(10 << 10, memory.availableKiB());
        try (ComponentMemory.Lease whole = memory.lease(1L << 30)) { // larger than the budget: takes it all, alone
            assertEquals(0, memory.availableKiB());
        }
    }
}
