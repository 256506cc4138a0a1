package ai.asterai.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.agent.failure.AgentFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentFileTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    @TempDir
    Path tmp;

    @Test
    void theExampleAgentParses() {
        AgentSpec spec = AgentFile.load(REPO.resolve("examples/agent/agent.toml"));
        assertEquals("gpt-4o-mini", spec.model());
        assertEquals(4, spec.maxToolRounds());
        assertEquals("asterai:llm/chat", spec.llm().iface());
        assertEquals(List.of("calculator", "docs"), List.copyOf(spec.tools().keySet()));
        assertTrue(spec.tools().get("docs").grants().dirs().get("/docs").readOnly());
        assertTrue(spec.llm().grants().env().containsKey("OPENAI_API_KEY"));
        assertEquals(REPO.resolve("examples/agent/.agent-state"), spec.stateDir());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "[agent]\nmodel = \"m\"\n",
            "[agent]\n[llm]\ncomponent = \"a:b\"\n",
            "[agent]\nmodel = \"m\"\nmax-tool-rounds = 0\n[llm]\ncomponent = \"a:b\"\n",
            "[agent]\nmodel = \"m\"\ntemperature = 9\n[llm]\ncomponent = \"a:b\"\n",
            "[agent]\nmodel = \"m\"\nsurprise = 1\n[llm]\ncomponent = \"a:b\"\n",
            "[agent]\nmodel = \"m\"\n[llm]\n",
            "[agent]\nmodel = \"m\"\n[llm]\ncomponent = \"a:b\"\ninterface = \"a:b/c\"\n",
            "[agent]\nmodel = \"m\"\n[llm]\ncomponent = \"Bad:Name\"\n",
            "[agent]\nmodel = \"m\"\n[llm]\ninterface = \"not an interface\"\n",
            "[agent]\nmodel = \"m\"\n[llm]\ncomponent = \"a:b\"\n[tools.\"Bad Tool\"]\ncomponent = \"a:c\"\n",
            "[agent]\nmodel = \"m\"\n[llm]\ncomponent = \"a:b\"\n[llm.grants]\nhosts = [\"ftp://x\"]\n",
            "[agent]\nmodel = \"m\"\n[llm]\ncomponent = \"a:b\"\n[llm.grants]\nenv = [\"1BAD\"]\n",
            "[agent]\nmodel = \"m\"\n[llm]\ncomponent = \"a:b\"\n[llm.grants]\ndirs = [\"relative=/tmp\"]\n",
            "not toml at all [[[",
    })
    void badFilesGiveOneClearLine(String text) throws Exception {
        Path f = tmp.resolve("agent.toml");
        Files.writeString(f, text);
        AgentFileException e = assertThrows(AgentFileException.class, () -> AgentFile.load(f));
        assertTrue(e.getMessage().startsWith(f.toString()) || e.getMessage().contains("agent.toml"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void missingFile() {
        AgentFileException e = assertThrows(AgentFileException.class, () -> AgentFile.load(tmp.resolve("nope.toml")));
        assertTrue(e.getMessage().contains("does not exist"));
    }

    @Test
    void conversationSurvivesATornLine() throws Exception {
        ConversationStore store = new ConversationStore(tmp.resolve("state"));
        store.append(ChatMessage.user("hello"));
        store.append(new ChatMessage("assistant", "hi", List.of(new ChatMessage.ToolCall("c1", "calc", "{}")), null));
        Files.writeString(store.file(), "{\"role\":\"user\",\"cont", java.nio.file.StandardOpenOption.APPEND);
        ConversationStore again = new ConversationStore(tmp.resolve("state"));
        assertEquals(2, again.messages().size());
        assertEquals(1, again.skipped());
        assertEquals("calc", again.messages().get(1).toolCalls().get(0).name());
        again.clear();
        assertEquals(0, new ConversationStore(tmp.resolve("state")).messages().size());
    }

    @Test
    void lockPinsOnlyTheSameRequest() {
        AgentLock lock = AgentLock.load(tmp.resolve("agent.lock"));
        lock.put("calc", new AgentLock.Pin("a:calc@^1", "a:calc@1.2.0", "sha256:" + "0".repeat(64)));
        AgentLock again = AgentLock.load(tmp.resolve("agent.lock"));
        assertEquals("a:calc@1.2.0", again.pin("calc", "a:calc@^1").orElseThrow().reference());
        assertTrue(again.pin("calc", "a:calc@^2").isEmpty());
        assertEquals("a:calc@=1.2.0", ComponentResolver.exact("a:calc@1.2.0"));
        assertEquals("a:calc@=1.2.0", ComponentResolver.exact("a:calc@=1.2.0"));
    }
}
