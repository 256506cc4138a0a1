package ai.asterai.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code asterai wit check}: exit 0 when the WIT resolves, 1 with file:line:col: message when not. */
class WitCheckCommandTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    @TempDir
    Path tmp;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(tmp.resolve("home"), tmp);
    }

    @Test
    void repositoryPackagesResolve() {
        for (String dir : new String[] {"wit/log", "wit/http", "wit/host", "wit/llm", "wit/agent", "examples/calculator/wit"}) {
            Cli.Result r = cli.ok("wit", "check", REPO.resolve(dir).toString());
            assertTrue(r.out().startsWith("ok: asterai:"), r.toString());
        }
        Cli.Result json = cli.ok("wit", "check", "--json", REPO.resolve("examples/calculator/wit").toString());
        assertTrue(json.out().contains("\"package\" : \"asterai:calculator@0.1.0\"") || json.out().contains("\"package\":\"asterai:calculator@0.1.0\""), json.out());
        assertTrue(json.out().contains("asterai:agent/tool@0.1.0"), json.out());
    }

    @Test
    void errorsAreLocated() throws Exception {
        Path f = tmp.resolve("bad.wit");
        Files.writeString(f, "package a:b;\n\ninterface i {\n  f: func() -> nope;\n}\n");
        Cli.Result r = cli.run("wit", "check", f.toString());
        assertEquals(1, r.code(), r.toString());
        String line = r.err().strip();
        assertEquals(1, line.lines().count(), r.toString());
        assertTrue(line.matches(".*bad\\.wit:4:\\d+: .*nope.*"), line);

        Files.writeString(f, "package a:b;\ninterface i {\n");
        Cli.Result cut = cli.run("wit", "check", f.toString());
        assertEquals(1, cut.code(), cut.toString());
        assertTrue(cut.err().strip().matches(".*bad\\.wit:\\d+:\\d+: .+"), cut.toString());
    }

    @Test
    void missingPathIsOneClearLine() {
        Cli.Result r = cli.fails(1, "wit", "check", tmp.resolve("nope.wit").toString());
        assertTrue(r.err().startsWith("error: ") && r.err().strip().lines().count() == 1, r.toString());
        cli.fails(1, "wit", "check");
    }
}
