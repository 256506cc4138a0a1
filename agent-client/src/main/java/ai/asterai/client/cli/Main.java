package ai.asterai.client.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** The {@code asterai} command. {@link #run} is the whole program; {@link #main} only adds the process exit. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err, System.getenv(), Path.of("").toAbsolutePath(),
                System.console() != null);
        System.exit(code);
    }

    /** Runs one command in-process, as tests and embedders do; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, out, err, env, Path.of("").toAbsolutePath(), false);
    }

    /** As {@link #run(String[], PrintStream, PrintStream, Map)}, in {@code workDir} instead of the current folder. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path workDir) {
        return run(args, out, err, env, workDir, false);
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path workDir, boolean interactive) {
        return CommandRunner.run(args, new CliContext(out, err, env, workDir, interactive));
    }
}
