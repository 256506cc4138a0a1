package ai.asterai.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversation, one JSON message a line in {@code STATE/conversation.jsonl}, appended and
 * flushed as it grows so a restart (or a crash) continues where it was. A torn last line from a
 * crash is skipped, not fatal.
 */
public final class ConversationStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final List<ChatMessage> messages = new ArrayList<>();
    private int skipped;

    public ConversationStore(Path stateDir) {
        this.file = stateDir.resolve("conversation.jsonl");
        try {
            Files.createDirectories(stateDir);
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        messages.add(JSON.readValue(line, ChatMessage.class));
                    } catch (IOException torn) {
                        skipped++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the conversation in " + file, e);
        }
    }

    public synchronized List<ChatMessage> messages() {
        return List.copyOf(messages);
    }

    /** Lines that could not be read back (a crash mid-write); reported once at start. */
    public int skipped() {
        return skipped;
    }

    public synchronized void append(ChatMessage m) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            w.write(JSON.writeValueAsString(m));
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the conversation to " + file, e);
        }
        messages.add(m);
    }

    /** Forgets the conversation (the {@code /reset} command). */
    public synchronized void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
        messages.clear();
    }

    public Path file() {
        return file;
    }
}
