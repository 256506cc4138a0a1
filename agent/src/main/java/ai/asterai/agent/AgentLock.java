package ai.asterai.agent;

import ai.asterai.agent.failure.AgentFileException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code agent.lock}: what each slot resolved to (exact version and wasm digest), beside the request
 * it answered. A slot whose request is unchanged starts on its pinned release, so an agent does not
 * drift to a newer component between restarts; an edited request is resolved afresh.
 */
public final class AgentLock {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public record Pin(String request, String reference, String digest) {
    }

    private final Path file;
    private final Map<String, Pin> pins;

    private AgentLock(Path file, Map<String, Pin> pins) {
        this.file = file;
        this.pins = pins;
    }

    public static AgentLock load(Path file) {
        if (!Files.exists(file)) {
            return new AgentLock(file, new TreeMap<>());
        }
        try {
            Map<String, Pin> pins = JSON.readValue(file.toFile(),
                    JSON.getTypeFactory().constructMapType(TreeMap.class, String.class, Pin.class));
            return new AgentLock(file, pins);
        } catch (IOException e) {
            throw new AgentFileException(file, file + " is not a valid agent lock file; delete it to resolve afresh");
        }
    }

    public synchronized Optional<Pin> pin(String slot, String request) {
        Pin p = pins.get(slot);
        return p != null && p.request().equals(request) ? Optional.of(p) : Optional.empty();
    }

    public synchronized void put(String slot, Pin pin) {
        pins.put(slot, pin);
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".agent-lock", ".tmp");
            JSON.writeValue(tmp.toFile(), pins);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
