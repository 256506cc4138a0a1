package ai.asterai.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.agent.AgentException;
import ai.asterai.runtime.failure.ComponentLinkError;
import ai.asterai.runtime.failure.ComponentTrap;
import org.junit.jupiter.api.Test;

/** "internal error" is kept for defects of asterai; what a component or the LLM did is said plainly. */
class ExitCodesTest {
    @Test
    void componentAndAgentFailuresAreNotInternalErrors() {
        ComponentLinkError link = new ComponentLinkError("asterai:x", null, "this is a WebAssembly component (a component-model binary)");
        assertEquals("asterai:x: this is a WebAssembly component (a component-model binary) [link]", ExitCodes.message(link));
        assertEquals(ExitCodes.USER_ERROR, ExitCodes.of(link));
        assertEquals("asterai:x f: trapped: unreachable [trap]", ExitCodes.message(new ComponentTrap("asterai:x", "f", "trapped: unreachable", null)));
        assertEquals("the LLM component failed: boom", ExitCodes.message(new AgentException("the LLM component failed: boom")));
        assertTrue(ExitCodes.message(new IllegalStateException("bug")).startsWith("internal error: IllegalStateException: bug"));
    }
}
