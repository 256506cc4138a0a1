package ai.asterai.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code asterai run} and {@code asterai inspect} on local project folders. */
class RunCommandTest {
    @TempDir
    Path home;

    /** The committed example guests (examples/ at the top of the checkout). */
    static Path examples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples/hostile"))) {
                return p.resolve("examples");
            }
        }
        throw new IllegalStateException("examples/ not found above " + Path.of("").toAbsolutePath());
    }

    record Result(int exit, String out, String err) {
    }

    Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("ASTERAI_HOME", home.toString()), examples(), false);
        int exit = CommandRunner.run(args, ctx);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runPrintsTheTypedResult() throws Exception {
        Result r = cli("run", "./calculator", "eval", "2*(3+4)", "--engine", "interpreter");
        assertEquals(0, r.exit(), r.err());
        assertEquals(new ObjectMapper().readTree("{\"ok\":14.0}"), new ObjectMapper().readTree(r.out()));
        Result json = cli("run", "./calculator", "add", "a=1", "b=2.5", "--json");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().contains("\"function\" : \"asterai:calculator/calc@0.1.0#add\""), json.out());
        assertTrue(json.out().contains("\"result\" : 3.5"), json.out());
    }

    @Test
    void runWithGrantsAndTypedFailures() throws Exception {
        Path data = Files.createDirectories(home.resolve("notes"));
        Result stored = cli("run", "./memory", "store", "k", "v", "--allow-dir", "/data=" + data);
        assertEquals(0, stored.exit(), stored.err());
        assertEquals("v", Files.readString(data.resolve("k")));
        Result ungranted = cli("run", "./memory", "recall", "k");
        assertEquals(0, ungranted.exit(), ungranted.err());
        assertTrue(ungranted.out().strip().equals("null"), ungranted.out());
        assertTrue(ungranted.err().contains("note: declares /data (rw) but it is not granted"), ungranted.err());
        Result loop = cli("run", "./hostile/loop-forever", "run", "--max-time", "200", "--json");
        assertEquals(1, loop.exit());
        assertTrue(loop.err().contains("did not finish within 200 ms") && loop.err().contains("[timeout]"), loop.err());
        assertTrue(loop.out().contains("\"kind\" : \"timeout\""), loop.out());
        Result bad = cli("run", "./calculator", "fib", "-5");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("out of range for u32") && bad.err().contains("[arguments]"), bad.err());
        Result missing = cli("run", "./calculator", "nope");
        assertTrue(missing.err().contains("no such exported function"), missing.err());
        Result all = cli("run", "./memory", "store", "k2", "v2", "--grant-all-declared");
        assertEquals(0, all.exit(), all.err());
        assertTrue(Files.exists(home.resolve("data/asterai/memory/data/k2")), "declared dir under $ASTERAI_HOME/data");
    }

    /** The component-model preamble (version 0x0d, layer 1) and one custom section: a valid, empty component. */
    static final byte[] COMPONENT = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x00, 0x05, 0x04, 'n', 'o', 't', 'e'};

    @Test
    void anEmptyComponentInspectsAsSuchAndRunsNothing() throws Exception {
        Path wasm = Files.write(home.resolve("component.wasm"), COMPONENT);
        Result inspect = cli("inspect", wasm.toString());
        assertEquals(0, inspect.exit(), inspect.err());
        assertTrue(inspect.out().contains("component binary  sha256:") && inspect.out().contains("15 bytes, 0 core modules"), inspect.out());
        assertTrue(inspect.out().contains("world root {}"), inspect.out());
        // a project whose wasm is a component: run loads it as one, inspect shows its (empty) world
        Path project = Files.createDirectories(home.resolve("project"));
        Path calculator = examples().resolve("calculator");
        Files.writeString(project.resolve("asterai.toml"), Files.readString(calculator.resolve("asterai.toml")));
        copyTree(calculator.resolve("wit"), project.resolve("wit"));
        Files.write(project.resolve("calculator.wasm"), COMPONENT);
        // run loads it as a component (docs/runtime.md, "Component binaries"); this empty one exports nothing
        Result run = cli("run", project.toString(), "eval", "1+2");
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains("no such exported function"), run.err());
        Result inspectProject = cli("inspect", project.toString());
        assertEquals(0, inspectProject.exit(), inspectProject.err());
        assertTrue(inspectProject.out().startsWith("asterai:calculator@0.1.0"), inspectProject.out());
        assertTrue(inspectProject.out().contains("world root {}"), inspectProject.out());
        assertFalse(inspectProject.out().contains("core exports:"), inspectProject.out());
    }

    /** The calculator as a component binary (cm-fixtures, jco new) in a project folder runs like the core module. */
    @Test
    void aComponentBinaryRunsThroughTheSameCommand() throws Exception {
        Path fixture = examples().resolve("components/c-calculator/calculator.wasm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(fixture), "no component fixture");
        Path project = Files.createDirectories(home.resolve("component-project"));
        Path calculator = examples().resolve("calculator");
        Files.writeString(project.resolve("asterai.toml"), Files.readString(calculator.resolve("asterai.toml")));
        copyTree(calculator.resolve("wit"), project.resolve("wit"));
        Files.copy(fixture, project.resolve("calculator.wasm"));
        Result r = cli("run", project.toString(), "eval", "2*(3+4)", "--engine", "interpreter");
        assertEquals(0, r.exit(), r.err());
        assertEquals(new ObjectMapper().readTree("{\"ok\":14.0}"), new ObjectMapper().readTree(r.out()));
        Result fib = cli("run", project.toString(), "fib", "93", "--engine", "interpreter");
        assertEquals(0, fib.exit(), fib.err());
        assertEquals("12200160415121876738", fib.out().strip());
        Result bad = cli("run", project.toString(), "fib", "-5", "--engine", "interpreter");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("out of range for u32") && bad.err().contains("[arguments]"), bad.err());
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void inspectShowsWorldPermissionsAndLinking() {
        Result r = cli("inspect", "./web-fetch");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("world asterai:web-fetch/web-fetch@0.1.0"), r.out());
        assertTrue(r.out().contains("call: func(arguments-json: string) -> result<string, string>"), r.out());
        assertTrue(r.out().contains("hosts:      https://example.com:443"), r.out());
        assertTrue(r.out().contains("links against this host: yes"), r.out());
        Result wasm = cli("inspect", "calculator/calculator.wasm", "--json");
        assertEquals(0, wasm.exit(), wasm.err());
        assertTrue(wasm.out().contains("\"asterai:calculator/calc@0.1.0#fib\" : \"(i32) -> (i64)\""), wasm.out());
    }
}
