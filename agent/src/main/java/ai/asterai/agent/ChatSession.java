package ai.asterai.agent;

import ai.asterai.agent.failure.AgentException;
import ai.asterai.agent.failure.AgentFileException;
import ai.asterai.agent.failure.ChatCommandException;
import ai.asterai.agent.failure.SlotException;
import ai.asterai.client.failure.ClientException;
import ai.asterai.client.failure.VerificationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Function;

/**
 * The interactive chat: each line is a question for the agent, or a command starting with '/'.
 * Failures of one question are reported and the session goes on; the conversation is kept.
 */
public final class ChatSession {
    static final String HELP = String.join("\n",
            "/swap SLOT NS:NAME@VERSION   switch a component (verified and loaded first; rolled back if its first call fails)",
            "/components                  what each slot runs now",
            "/history                     the conversation so far",
            "/reset                       forget the conversation",
            "/help                        this list",
            "/exit                        leave (the conversation is kept for next time)");
    private final Agent agent;
    private final PrintStream out;
    private final Function<RuntimeException, String> wayOut;

    public ChatSession(Agent agent, PrintStream out) {
        this(agent, out, e -> "");
    }

    /**
     * {@code wayOut} adds what a person could do about a failure (the command knows its own words,
     * e.g. which command resets trust); the library's messages name only what failed.
     */
    public ChatSession(Agent agent, PrintStream out, Function<RuntimeException, String> wayOut) {
        this.agent = agent;
        this.out = out;
        this.wayOut = wayOut;
    }

    public void run(BufferedReader in, boolean prompt) throws IOException {
        for (;;) {
            if (prompt) {
                out.print("> ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null || line.strip().equals("/exit") || line.strip().equals("/quit")) {
                return;
            }
            handle(line.strip());
        }
    }

    /** One line of input. */
    public void handle(String line) {
        if (line.isEmpty()) {
            return;
        }
        try {
            if (line.startsWith("/")) {
                command(line);
            } else {
                out.println(agent.ask(line));
            }
        } catch (VerificationException e) {
            out.println("error: verification failed: " + e.getMessage() + wayOut.apply(e));
        } catch (ClientException | AgentException | AgentFileException | SlotException | ChatCommandException e) {
            out.println("error: " + e.getMessage() + wayOut.apply(e));
        } catch (ai.asterai.runtime.failure.ComponentException e) {
            out.println("error: " + e.getMessage());
        } catch (ai.asterai.protocol.InvalidInputException e) {
            out.println("error: " + e.getMessage());
        }
        out.flush();
    }

    private void command(String line) {
        String[] words = line.split("\\s+");
        switch (words[0]) {
            case "/swap" -> {
                if (words.length != 3) {
                    throw new ChatCommandException(words[0], "usage: /swap SLOT NS:NAME@VERSION");
                }
                out.println("swapped " + agent.swap(words[1], words[2]));
            }
            case "/components" -> {
                for (Map.Entry<String, String> e : agent.components().entrySet()) {
                    out.println(e.getKey() + "  " + e.getValue());
                }
            }
            case "/history" -> agent.history().forEach(m -> out.println(m.role() + ": " + m.content()
                    + (m.toolCalls().isEmpty() ? "" : " " + m.toolCalls().stream().map(c -> c.name() + c.argumentsJson()).toList())));
            case "/reset" -> {
                agent.resetConversation();
                out.println("conversation cleared");
            }
            case "/help" -> out.println(HELP);
            default -> throw new ChatCommandException(words[0], "unknown command " + words[0] + " (try /help)");
        }
    }
}
