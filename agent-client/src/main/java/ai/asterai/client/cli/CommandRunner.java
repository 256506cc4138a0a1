package ai.asterai.client.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Parses the arguments, runs the command and turns every failure into one {@code error:} line on
 * stderr and an exit code ({@link ExitCodes}); a stack trace only with {@code ASTERAI_DEBUG=1}.
 */
public final class CommandRunner {
    private CommandRunner() {
    }

    public static int run(String[] args, CliContext ctx) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K k = defaults.create(cls);
                if (k instanceof BaseCommand c) {
                    c.context(ctx);
                }
                return k;
            }
        };
        CommandLine cl = new CommandLine(new AsteraiCommand(), factory);
        ((BaseCommand) cl.getCommand()).context(ctx);
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(ctx.out(), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(ctx.err(), StandardCharsets.UTF_8), true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((e, a) -> report(ctx, e));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> report(ctx, e));
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
            ctx.out().flush();
            ctx.err().flush();
        }
    }

    private static int report(CliContext ctx, Exception e) {
        ctx.out().flush();
        ctx.err().println("error: " + ExitCodes.message(e));
        if ("1".equals(ctx.env().get("ASTERAI_DEBUG"))) {
            e.printStackTrace(ctx.err());
        }
        return ExitCodes.of(e);
    }
}
