package ai.asterai.client.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

@Command(name = "asterai", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = VersionInfo.class,
        description = "Publish, find and fetch verified WebAssembly components for Asterai agents.",
        footer = {"", "Exit codes: 0 ok, 1 user error, 2 verification failure, 3 network or registry unavailable.",
                "Environment: ASTERAI_HOME (default ~/.asterai), ASTERAI_REGISTRY, ASTERAI_TOKEN."},
        subcommands = {KeygenCommand.class, LoginCommand.class, LogoutCommand.class, WhoamiCommand.class,
                NamespaceCommand.class, KeyCommand.class, PublishCommand.class, SearchCommand.class, InfoCommand.class,
                PullCommand.class, YankCommand.Yank.class, YankCommand.Unyank.class, CacheCommand.class, TrustCommand.class})
public final class AsteraiCommand extends BaseCommand {
    @Override
    protected int run() {
        spec.commandLine().usage(ctx.out());
        return ExitCodes.OK;
    }
}
