package ai.asterai.client.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.asterai.client.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the asterai command in-process with its own home folder, working folder and environment. */
public final class Cli {
    private final Path home;
    private Path workDir;
    private final Map<String, String> env = new HashMap<>();

    public Cli(Path home, Path workDir) {
        this.home = home;
        this.workDir = workDir;
        env.put("ASTERAI_HOME", home.toString());
    }

    public record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public Path home() {
        return home;
    }

    public Cli in(Path dir) {
        this.workDir = dir;
        return this;
    }

    public Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e, env, workDir);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs and insists on exit code 0, showing both streams otherwise. */
    public Result ok(String... args) {
        Result r = run(args);
        assertEquals(0, r.code(), () -> String.join(" ", args) + " failed:\n" + r);
        return r;
    }

    /** Runs and insists on the exit code and a single "error: ..." line on stderr, without a stack trace. */
    public Result fails(int code, String... args) {
        Result r = run(args);
        assertEquals(code, r.code(), () -> String.join(" ", args) + ":\n" + r);
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, () -> "expected one line on stderr:\n" + r);
        if (!lines[0].startsWith("error: ")) {
            throw new AssertionError("stderr does not start with 'error: ':\n" + r);
        }
        return r;
    }
}
