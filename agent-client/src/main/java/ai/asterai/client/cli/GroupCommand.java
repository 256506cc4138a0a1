package ai.asterai.client.cli;

import picocli.CommandLine;

/** A command that only groups subcommands ({@code key}, {@code cache}, ...): alone it is a usage error. */
public abstract class GroupCommand extends BaseCommand {
    @Override
    protected int run() {
        String names = String.join(", ", spec.subcommands().keySet());
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: one of " + names);
    }
}
