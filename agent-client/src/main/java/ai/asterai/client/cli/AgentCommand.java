package ai.asterai.client.cli;

import ai.asterai.agent.Agent;
import ai.asterai.agent.AgentFile;
import ai.asterai.agent.AgentLock;
import ai.asterai.agent.AgentSpec;
import ai.asterai.agent.AgentWatcher;
import ai.asterai.agent.ChatSession;
import ai.asterai.agent.ComponentResolver;
import ai.asterai.client.fetch.ComponentFetcher;
import ai.asterai.client.fetch.FetchOptions;
import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.RuntimeOptions;
import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.sandbox.ComponentLog;
import ai.asterai.runtime.sandbox.LogRecord;
import ai.asterai.client.launch.ComponentLocator;
import ai.asterai.runtime.sandbox.AuditLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "agent", description = {
        "Chat with an agent whose LLM and tools are components (agent.toml; see docs/agent.md).",
        "Components are pulled, verified and sandboxed with the grants agent.toml gives each; what was",
        "resolved is pinned in agent.lock. Edits to agent.toml are picked up while it runs; /help lists",
        "the chat commands (/swap SLOT NS:NAME@VERSION switches a component live)."})
public final class AgentCommand extends BaseCommand {
    @Parameters(paramLabel = "AGENT_TOML", arity = "0..1", description = "The agent file (default: ./agent.toml).")
    String file = "agent.toml";

    @Option(names = "--once", paramLabel = "QUESTION", description = "Ask one question, print the answer and exit (for scripts).")
    String once;

    @Option(names = "--engine", paramLabel = "compiler|interpreter", description = "Execution engine (default: compiler).")
    String engine = "compiler";

    @Option(names = "--verbose", description = "Also show component logs and sandbox audit events on stderr (always kept in STATE/agent.log).")
    boolean verbose;

    @Option(names = "--offline", description = "Use the cache only.")
    boolean offline;

    @Mixin
    RegistryOption registry;

    @Override
    protected int run() throws IOException {
        Path agentFile = ctx.resolve(file);
        AgentSpec spec = AgentFile.load(agentFile);
        Files.createDirectories(spec.stateDir());
        Writer log = Files.newBufferedWriter(spec.stateDir().resolve("agent.log"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Writer sink = verbose ? new TeeWriter(log, new OutputStreamWriter(ctx.err(), StandardCharsets.UTF_8)) : log;
        EngineKind kind;
        try {
            kind = EngineKind.parse(engine);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        RuntimeOptions options = RuntimeOptions.defaults().withEngine(kind).withAudit(AuditLog.jsonLines(sink))
                .withLog(ComponentLog.jsonLines(sink, LogRecord.Level.INFO)).withHostEnv(ctx.env()::get);
        var client = offline ? null : ctx.registry(registry.url);
        ComponentFetcher fetcher = new ComponentFetcher(ctx.home(), client);
        // oci:// slots must carry an asterai signature: an agent has no --allow-unsigned
        ComponentLocator locator = new ComponentLocator(fetcher, FetchOptions.defaults().offline(offline),
                offline ? null : ctx.ociPuller(fetcher, false), false);
        AgentLock lock = AgentLock.load(agentFile.resolveSibling("agent.lock"));
        try (ComponentRuntime runtime = new ComponentRuntime(options);
             Agent agent = new Agent(spec, runtime, new ComponentResolver(locator, client, lock), note -> ctx.err().println("note: " + note))) {
            if (once != null) {
                ctx.out().println(agent.ask(once));
                return ExitCodes.OK;
            }
            try (AgentWatcher watcher = AgentWatcher.start(agentFile, agent, change -> ctx.err().println("agent.toml: " + change))) {
                ctx.err().println("Agent ready: " + agent.components() + ". /help for commands, /exit to leave.");
                new ChatSession(agent, ctx.out(), ExitCodes::wayOut).run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), ctx.interactive());
            }
            return ExitCodes.OK;
        } finally {
            sink.flush();
            log.close();
        }
    }

    /** Writes to two writers (the agent log file and, with --verbose, stderr). */
    static final class TeeWriter extends Writer {
        private final Writer a;
        private final Writer b;

        TeeWriter(Writer a, Writer b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            a.write(cbuf, off, len);
            b.write(cbuf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
