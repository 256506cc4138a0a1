package ai.asterai.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.asterai.protocol.crypto.Digest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code asterai inspect} on component-model binaries: the WIT world comes from the binary's own types. */
class InspectComponentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path home;

    record Result(int exit, String out, String err) {
    }

    private Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("ASTERAI_HOME", home.toString()), RunCommandTest.examples(), false);
        int exit = CommandRunner.run(args, ctx);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path fixture(String path) {
        Path p = RunCommandTest.examples().resolve("components").resolve(path);
        assumeTrue(Files.exists(p), "no component fixture " + p);
        return p;
    }

    @Test
    void theCalculatorComponentPrintsTheWitWorldItsTypesDeclare() throws Exception {
        Path wasm = fixture("c-calculator/calculator.wasm");
        Result r = cli("inspect", wasm.toString());
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.contains("component binary  " + Digest.of(Files.readAllBytes(wasm)) + ", " + Files.size(wasm)
                + " bytes, 2 core modules"), out);
        assertTrue(out.contains("world root {\n  export asterai:calculator/calc@0.1.0;\n  export asterai:agent/tool@0.1.0;\n}"), out);
        // the types and signatures of examples/calculator/wit, read back from the binary
        assertTrue(out.contains("package asterai:calculator@0.1.0 {\n  interface calc {\n    record entry {"), out);
        assertTrue(out.contains("    eval: func(expr: string) -> result<f64, string>;\n"), out);
        assertTrue(out.contains("    fib: func(n: u32) -> u64;\n"), out);
        assertTrue(out.contains("    call: func(arguments-json: string) -> result<string, string>;\n"), out);
        assertTrue(out.contains("links against this host: yes"), out);
        assertFalse(out.contains("core exports:"), "not read as a core module: " + out);

        Result json = cli("inspect", wasm.toString(), "--json");
        assertEquals(0, json.exit(), json.err());
        JsonNode cb = JSON.readTree(json.out()).get("componentBinary");
        assertEquals(2, cb.get("coreModules").asInt());
        assertEquals(JSON.readTree("[\"asterai:calculator/calc@0.1.0\", \"asterai:agent/tool@0.1.0\"]"), cb.get("exports"));
        assertEquals(0, cb.get("imports").size());
        assertTrue(cb.get("wit").asText().startsWith("package root:component;\n"), cb.toString());
    }

    @Test
    void aComponentImportingTheWasiTheHostProvidesSaysItLinks() {
        Result r = cli("inspect", fixture("c-calculator/calculator-wasi.wasm").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("import wasi:cli/stdout@0.2.12;"), r.out());
        assertTrue(r.out().contains("links against this host: yes (by import name)"), r.out());
    }

    @Test
    void aComponentImportingAnUnprovidedWasiInterfaceSaysItDoesNotLink() {
        // the runtime's hand-written fixture: imports wasi:keyvalue/store and a bare function
        Path wasm = RunCommandTest.examples().getParent().resolve("runtime/src/test/resources/components/imports-wasi.wasm");
        Result r = cli("inspect", wasm.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("links against this host: no: imports wasi:keyvalue/store@0.2.0, log,"), r.out());
        assertTrue(r.out().contains("which this host does not provide (of WASI 0.2 this host provides wasi:io"), r.out());
    }

    @Test
    void theKitchenSinkShowsItsResourceAndWorldFunction() {
        Result r = cli("inspect", fixture("js-kitchen-sink/kitchen-sink.wasm").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("12179811 bytes, 3 core modules"), r.out());
        assertTrue(r.out().contains("  export version: func() -> string;\n"), r.out());
        assertTrue(r.out().contains("    resource counter {\n      constructor(name: string, start: s64);\n"), r.out());
        assertTrue(r.out().contains("    total: func(cs: list<borrow<counter>>) -> s64;\n"), r.out());
    }

    @Test
    void aProjectWhoseWasmIsAComponentShowsTheBinarysWorldAndThePermissions() throws Exception {
        Path fixture = fixture("c-calculator/calculator.wasm");
        Path project = Files.createDirectories(home.resolve("component-project"));
        Path calculator = RunCommandTest.examples().resolve("calculator");
        Files.writeString(project.resolve("asterai.toml"), Files.readString(calculator.resolve("asterai.toml")));
        RunCommandTest.copyTree(calculator.resolve("wit"), project.resolve("wit"));
        Files.copy(fixture, project.resolve("calculator.wasm"));
        Result r = cli("inspect", project.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("asterai:calculator@0.1.0  (project "), r.out());
        assertTrue(r.out().contains("    eval: func(expr: string) -> result<f64, string>;\n"), r.out());
        assertTrue(r.out().contains("  memory:     16777216 bytes"), r.out());
        assertTrue(r.out().contains("  time/call:  5000 ms"), r.out());
    }

    /** A damaged component: one line naming the file and the byte offset, exit 1, nothing on stdout. */
    @Test
    void aDamagedComponentIsOneLineAndAFailure() throws Exception {
        byte[] good = Files.readAllBytes(fixture("c-calculator/calculator.wasm"));
        Path truncated = Files.write(home.resolve("truncated.wasm"), Arrays.copyOf(good, good.length / 2));
        byte[] flipped = good.clone();
        flipped[9] ^= 0x40; // the first section's size: it now claims more bytes than follow
        Path bits = Files.write(home.resolve("flipped.wasm"), flipped);
        for (Path bad : new Path[] {truncated, bits}) {
            Result r = cli("inspect", bad.toString());
            assertEquals(1, r.exit(), r.out());
            assertEquals("", r.out());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(bad + " is not a valid WebAssembly component: malformed component at byte "), r.err());
        }
    }
}
