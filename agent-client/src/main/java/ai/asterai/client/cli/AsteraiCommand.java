package ai.asterai.client.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

@Command(name = "asterai", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = VersionInfo.class,
        description = "Publish, find and fetch verified WebAssembly components for Asterai agents.",
        footer = {"", "Exit codes: 0 ok, 1 user error, 2 verification failure, 3 network or registry unavailable.",
                "Environment: ASTERAI_HOME (default ~/.asterai), ASTERAI_REGISTRY, ASTERAI_TOKEN."},
        synopsisSubcommandLabel = "COMMAND")
public final class AsteraiCommand extends BaseCommand {
    /**
     * Every command, in help order. They are registered with picocli on demand (see
     * {@link CommandRunner}): building the model of one command instead of all saves start-up time.
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("keygen", KeygenCommand.class);
        m.put("login", LoginCommand.class);
        m.put("logout", LogoutCommand.class);
        m.put("whoami", WhoamiCommand.class);
        m.put("namespace", NamespaceCommand.class);
        m.put("key", KeyCommand.class);
        m.put("publish", PublishCommand.class);
        m.put("search", SearchCommand.class);
        m.put("info", InfoCommand.class);
        m.put("pull", PullCommand.class);
        m.put("yank", YankCommand.Yank.class);
        m.put("unyank", YankCommand.Unyank.class);
        m.put("cache", CacheCommand.class);
        m.put("trust", TrustCommand.class);
        m.put("wit", WitCommand.class);
        m.put("agent", AgentCommand.class);
        m.put("run", RunCommand.class);
        m.put("inspect", InspectCommand.class);
        m.put("log", LogCommand.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    @Override
    protected int run() {
        spec.commandLine().usage(ctx.out());
        return ExitCodes.OK;
    }
}
