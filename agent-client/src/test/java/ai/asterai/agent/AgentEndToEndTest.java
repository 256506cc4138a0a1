package ai.asterai.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.config.AsteraiHome;
import ai.asterai.client.config.RegistryUrl;
import ai.asterai.client.fetch.ComponentFetcher;
import ai.asterai.client.fetch.FetchOptions;
import ai.asterai.client.registry.RegistryClient;
import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.RuntimeOptions;
import ai.asterai.runtime.sandbox.ComponentLog;
import ai.asterai.runtime.sandbox.LogRecord;
import ai.asterai.client.launch.ComponentLocator;
import ai.asterai.runtime.sandbox.AuditLog;
import ai.asterai.client.testing.Cli;
import ai.asterai.registry.testing.RegistryProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole agent against real parts: a registry (PostgreSQL + S3 protocol) holding the example
 * components, published and signed with the CLI; a local OpenAI-compatible server playing a scripted
 * model; the llm-openai component talking to it through asterai:http; two tool components; a swap
 * mid-session to a version that answers differently, and one to a broken version that is rolled back.
 */
class AgentEndToEndTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static RegistryProcess registry;
    private static ScriptedChatServer llm;
    @TempDir
    static Path tmp;
    private static Cli cli;

    @BeforeAll
    static void publishTheExamples() throws Exception {
        registry = RegistryProcess.start();
        llm = new ScriptedChatServer();
        cli = new Cli(tmp.resolve("home"), REPO);
        cli.ok("login", "--registry", registry.url(), "--token", registry.adminToken());
        cli.ok("keygen");
        cli.ok("namespace", "create", "asterai");
        cli.ok("key", "add", "asterai");
        for (String p : List.of("wit/log", "wit/http", "wit/agent", "wit/llm", "wit/host", "examples/llm-openai", "examples/calculator",
                "examples/calculator-v2", "examples/calculator-broken", "examples/docs-search", "examples/calc-batch")) {
            cli.ok("publish", p);
        }
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("guide.md"), "# Guide\n\nComponents run in a sandbox with the permissions the user grants.\n\n"
                + "Unrelated paragraph about cooking pasta.\n");
    }

    @AfterAll
    static void stop() {
        if (llm != null) {
            llm.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    /** The [llm] slot every test agent uses: the OpenAI provider pointed at the scripted server. */
    private static String llmSection() {
        String port = llm.baseUrl().substring(llm.baseUrl().lastIndexOf(':') + 1);
        return String.join("\n",
                "[llm]",
                "interface = \"asterai:llm/chat\"",
                "[llm.grants]",
                "env = [\"ASTERAI_LLM_BASE_URL=" + llm.baseUrl() + "\", \"OPENAI_API_KEY=sk-test-secret\"]",
                "hosts = [\"http://127.0.0.1:" + port + "\"]",
                "");
    }

    private static Path agentToml(String calculator) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("agent"));
        Path f = dir.resolve("agent.toml");
        Files.writeString(f, String.join("\n",
                "[agent]",
                "model = \"scripted-model\"",
                "system = \"You are a test agent.\"",
                "max-tool-rounds = 3",
                "max-output-tokens = 256",
                "state-dir = \"state\"",
                "",
                llmSection(),
                "[tools.calculator]",
                "component = \"" + calculator + "\"",
                "",
                "[tools.docs]",
                "component = \"asterai:docs-search@^0.1\"",
                "[tools.docs.grants]",
                "dirs = [\"/docs=" + tmp.resolve("docs") + ":ro\"]",
                ""));
        return f;
    }

    /** An agent whose calc-batch tool calls its calculator tool through asterai:host, granted or not. */
    private static Path batchAgentToml(String folder, boolean grantCalculator) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(folder));
        Path f = dir.resolve("agent.toml");
        Files.writeString(f, String.join("\n",
                "[agent]",
                "model = \"scripted-model\"",
                "max-tool-rounds = 2",
                "state-dir = \"state\"",
                "",
                llmSection(),
                "[tools.calculator]",
                "component = \"asterai:calculator@=0.1.0\"",
                "",
                "[tools.calc-batch]",
                "component = \"asterai:calc-batch@^0.1\"",
                grantCalculator ? "[tools.calc-batch.grants]\ncomponents = [\"asterai:calculator\"]" : "",
                ""));
        return f;
    }

    @Test
    void aToolCallsAnotherComponentOfTheAgentOnlyWhenGranted() throws Exception {
        List<String> notes = new ArrayList<>();
        StringWriter log = new StringWriter();
        try (Agent agent = agent(batchAgentToml("batch-granted", true), notes, log)) {
            String answer = agent.ask("use batch please");
            JsonNode msgs = llm.requests.get(llm.requests.size() - 1).path("messages");
            String toolResult = msgs.get(msgs.size() - 1).path("content").asText();
            assertTrue(toolResult.contains("\"results\":[{\"ok\":42.0},{\"err\":\"division by zero"), toolResult);
            assertTrue(answer.contains("42.0"), answer);
        }
        try (Agent agent = agent(batchAgentToml("batch-denied", false), notes, log)) {
            agent.ask("use batch please");
            JsonNode msgs = llm.requests.get(llm.requests.size() - 1).path("messages");
            String toolResult = msgs.get(msgs.size() - 1).path("content").asText();
            assertTrue(toolResult.contains("cannot call asterai:calculator") && toolResult.contains("not granted"), toolResult);
            assertTrue(log.toString().contains("\"denied\"") && log.toString().contains("asterai:calculator"), log.toString());
        }
    }

    private static Agent agent(Path toml, List<String> notes, StringWriter log) {
        AgentSpec spec = AgentFile.load(toml);
        RuntimeOptions options = RuntimeOptions.defaults().withAudit(AuditLog.jsonLines(log))
                .withLog(ComponentLog.jsonLines(log, LogRecord.Level.INFO));
        AsteraiHome home = new AsteraiHome(tmp.resolve("agent-home"));
        RegistryClient client = new RegistryClient(RegistryUrl.parse(registry.url()), (String) null, "asterai-test");
        ComponentLocator locator = new ComponentLocator(new ComponentFetcher(home, client), FetchOptions.defaults());
        ComponentResolver resolver = new ComponentResolver(locator, client, AgentLock.load(toml.resolveSibling("agent.lock")));
        return new Agent(spec, new ComponentRuntime(options), resolver, notes::add);
    }

    @Test
    void answersWithTwoToolsThenSwapsAndRollsBack() throws Exception {
        Path toml = agentToml("asterai:calculator@=0.1.0");
        List<String> notes = new ArrayList<>();
        StringWriter log = new StringWriter();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(screen, true, StandardCharsets.UTF_8);
        try (Agent agent = agent(toml, notes, log)) {
            assertEquals("asterai:llm-openai@0.1.0", agent.components().get("llm"), "llm found through discovery");
            ChatSession chat = new ChatSession(agent, out);

            int before = llm.requests.size();
            chat.handle("please use calc and docs");
            String first = screen.toString(StandardCharsets.UTF_8);
            assertTrue(first.contains("Answer:") && first.contains("14") && first.contains("sandbox"), first);

            // what the model received: the tool list with the schemas the components describe, then the results
            JsonNode asked = llm.requests.get(before);
            assertEquals("scripted-model", asked.path("model").asText());
            assertEquals(256, asked.path("max_tokens").asInt());
            assertEquals("system", asked.path("messages").get(0).path("role").asText());
            List<String> toolNames = new ArrayList<>();
            asked.path("tools").forEach(t -> toolNames.add(t.path("function").path("name").asText()));
            assertEquals(List.of("calculator", "docs"), toolNames);
            JsonNode docsParams = asked.path("tools").get(1).path("function").path("parameters");
            assertEquals("string", docsParams.path("properties").path("query").path("type").asText(), asked.toString());
            JsonNode answered = llm.requests.get(before + 1);
            JsonNode msgs = answered.path("messages");
            JsonNode assistant = msgs.get(msgs.size() - 3);
            assertEquals(2, assistant.path("tool_calls").size(), answered.toString());
            JsonNode calcResult = msgs.get(msgs.size() - 2);
            assertEquals("tool", calcResult.path("role").asText());
            assertEquals(assistant.path("tool_calls").get(0).path("id").asText(), calcResult.path("tool_call_id").asText());
            assertTrue(calcResult.path("content").asText().contains("14"), calcResult.toString());
            assertTrue(msgs.get(msgs.size() - 1).path("content").asText().contains("sandbox"), answered.toString());
            assertTrue(llm.authorizations.stream().allMatch("Bearer sk-test-secret"::equals), llm.authorizations.toString());
            assertFalse(log.toString().contains("sk-test-secret"), "the API key never reaches the logs");

            // swap to a version whose answer differs; the next answer shows it
            screen.reset();
            chat.handle("/swap calculator asterai:calculator@=0.2.0");
            chat.handle("calc again");
            String second = screen.toString(StandardCharsets.UTF_8);
            assertTrue(second.contains("swapped calculator: asterai:calculator@0.1.0 -> asterai:calculator@0.2.0"), second);
            assertTrue(second.contains("v2"), second);

            // a swap to a release that does not exist changes nothing
            screen.reset();
            chat.handle("/swap calculator asterai:calculator@=9.9.9");
            assertTrue(screen.toString(StandardCharsets.UTF_8).startsWith("error: "), screen.toString(StandardCharsets.UTF_8));
            assertEquals("asterai:calculator@0.2.0", agent.components().get("calculator"));

            // a swap to a broken release: it loads, its first call traps, the agent rolls back and says so
            screen.reset();
            chat.handle("/swap calculator asterai:calculator@=0.3.0");
            chat.handle("calc once more");
            String third = screen.toString(StandardCharsets.UTF_8);
            assertTrue(third.contains("the tool failed"), third);
            assertTrue(notes.stream().anyMatch(n -> n.contains("rolled back to asterai:calculator@0.2.0")), notes.toString());
            assertEquals("asterai:calculator@0.2.0", agent.components().get("calculator"));
            screen.reset();
            chat.handle("calc after the rollback");
            assertTrue(screen.toString(StandardCharsets.UTF_8).contains("v2"), screen.toString(StandardCharsets.UTF_8));

            // no restart, no lost conversation
            assertTrue(agent.history().size() >= 12, agent.history().toString());
        }

        // the conversation survives a restart; the lock pins what was resolved
        try (Agent again = agent(toml, notes, log)) {
            assertTrue(again.history().stream().anyMatch(m -> m.content().contains("please use calc and docs")));
            assertEquals("asterai:calculator@0.1.0", again.components().get("calculator"), "agent.toml still asks for 0.1.0");
        }
        String lock = Files.readString(toml.resolveSibling("agent.lock"));
        assertTrue(lock.contains("asterai:llm-openai@0.1.0") && lock.contains("interface asterai:llm/chat"), lock);
    }

    @Test
    void editsToAgentTomlSwapComponents() throws Exception {
        Path toml = agentToml("asterai:calculator@=0.1.0");
        Files.deleteIfExists(toml.resolveSibling("agent.lock"));
        List<String> notes = new ArrayList<>();
        try (Agent agent = agent(toml, notes, new StringWriter())) {
            Path edited = agentToml("asterai:calculator@=0.2.0");
            List<String> changes = agent.reload(AgentFile.load(edited));
            assertTrue(changes.stream().anyMatch(c -> c.contains("calculator: asterai:calculator@0.1.0 -> asterai:calculator@0.2.0")), changes.toString());
            assertEquals("asterai:calculator@0.2.0", agent.components().get("calculator"));
            Path broken = agentToml("asterai:calculator@=7.0.0");
            List<String> kept = agent.reload(AgentFile.load(broken));
            assertTrue(kept.stream().anyMatch(c -> c.startsWith("calculator: kept asterai:calculator@0.2.0")), kept.toString());

            // new grants give the tool a new instance carrying them
            String withGrants = Files.readString(toml).replace("[tools.calculator]\ncomponent = \"asterai:calculator@=7.0.0\"",
                    "[tools.calculator]\ncomponent = \"asterai:calculator@=0.2.0\"\n[tools.calculator.grants]\nmax-time-ms = 2000");
            Files.writeString(toml, withGrants);
            List<String> regranted = agent.reload(AgentFile.load(toml));
            assertTrue(regranted.contains("calculator: reloaded with new grants (asterai:calculator@0.2.0)"), regranted.toString());
            assertEquals("asterai:calculator@0.2.0", agent.components().get("calculator"));

            // the running agent notices an edit of the file by itself
            List<String> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (AgentWatcher watcher = AgentWatcher.start(toml, agent, reports::add)) {
                Thread.sleep(1200);
                agentToml("asterai:calculator@=0.1.0");
                Files.setLastModifiedTime(toml, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
                long deadline = System.currentTimeMillis() + 20_000;
                while (System.currentTimeMillis() < deadline && !"asterai:calculator@0.1.0".equals(agent.components().get("calculator"))) {
                    Thread.sleep(200);
                }
            }
            assertEquals("asterai:calculator@0.1.0", agent.components().get("calculator"), reports.toString());
            // the edit drops the grants added above, so the tool comes back as a new instance
            assertTrue(reports.contains("calculator: reloaded with new grants (asterai:calculator@0.1.0)"), reports.toString());
        }
    }

    @Test
    void aComponentInTheWrongSlotIsAPlainMistakeNotAnInternalError() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("wrong-slot"));
        Path notATool = Files.writeString(dir.resolve("not-a-tool.toml"), String.join("\n",
                "[agent]", "model = \"scripted-model\"", "state-dir = \"state\"", "", llmSection(),
                "[tools.chat]", "component = \"asterai:llm-openai@^0.1\"", ""));
        Cli.Result r = cli.fails(1, "agent", notATool.toString(), "--once", "hello", "--registry", registry.url());
        assertTrue(r.err().contains("tool slot 'chat': asterai:llm-openai@0.1.0 is not an agent tool: it does not export"
                + " asterai:agent/tool (describe, call); it exports asterai:llm/chat@0.1.0#complete"), r.toString());
        assertFalse(r.err().contains("internal error"), r.toString());
        Path notAnLlm = Files.writeString(dir.resolve("not-an-llm.toml"), String.join("\n",
                "[agent]", "model = \"scripted-model\"", "state-dir = \"state\"", "",
                "[llm]", "component = \"asterai:calculator@=0.1.0\"", ""));
        r = cli.fails(1, "agent", notAnLlm.toString(), "--once", "hello", "--registry", registry.url());
        assertTrue(r.err().contains("llm slot: asterai:calculator@0.1.0 is not an LLM: it does not export asterai:llm/chat (complete)"),
                r.toString());
        assertFalse(r.err().contains("internal error"), r.toString());
    }

    /**
     * A tool slot filled from an OCI registry (Debian's docker-registry, the reference server): the
     * calculator published there with --oci by the namespace's key, which this home pinned from the
     * asterai registry; the slot verifies the signature referrer and answers as the /v1 release does.
     */
    @Test
    void aToolSlotFromAnOciRegistry() throws Exception {
        ai.asterai.client.testing.DockerRegistry.assumeInstalled();
        try (ai.asterai.client.testing.DockerRegistry oci = ai.asterai.client.testing.DockerRegistry.start(
                Files.createDirectories(tmp.resolve("oci-registry")), null, null)) {
            cli.ok("pull", "asterai:calculator@=0.1.0", "--registry", registry.url()); // pins the namespace's key
            String ref = "oci://" + oci.authority() + "/asterai/calculator:0.1.0";
            cli.in(REPO.resolve("examples/calculator")).ok("publish", "--oci", ref);
            Cli.Result r = cli.ok("agent", agentToml(ref).toString(), "--once", "what is calc?", "--registry", registry.url());
            assertTrue(r.out().contains("Answer:") && r.out().contains("14"), r.toString());
            assertTrue(Files.readString(tmp.resolve("agent/agent.lock")).contains(ref), "the slot's OCI reference is locked");
        }
    }

    @Test
    void onceFromTheCommandLine() throws Exception {
        Path toml = agentToml("asterai:calculator@=0.1.0");
        Cli.Result r = cli.ok("agent", toml.toString(), "--once", "what is calc?", "--registry", registry.url());
        assertTrue(r.out().contains("Answer:") && r.out().contains("14"), r.toString());
    }
}
