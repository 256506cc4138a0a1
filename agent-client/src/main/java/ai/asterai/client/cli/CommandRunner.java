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
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // answered without building the command model: scripts call this often
            ctx.out().println(new VersionInfo().getVersion()[0]);
            ctx.out().flush();
            return ExitCodes.OK;
        }
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
        Class<?> only = args.length > 0 ? AsteraiCommand.COMMANDS.get(args[0]) : null;
        if (only != null) {
            cl.addSubcommand(args[0], new CommandLine(only, factory));
        } else {
            // help, a typo or an option first: everything, so usage and suggestions are complete
            AsteraiCommand.COMMANDS.forEach((name, cls) -> cl.addSubcommand(name, new CommandLine(cls, factory)));
        }
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(ctx.out(), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(ctx.err(), StandardCharsets.UTF_8), true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // escape sequences are filtered from the output (TerminalSafeStream), so no colours
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
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
