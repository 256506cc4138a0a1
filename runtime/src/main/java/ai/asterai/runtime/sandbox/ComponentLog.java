package ai.asterai.runtime.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** The agent's log, which components write to (asterai:log, and their stdout/stderr). Thread-safe. */
@FunctionalInterface
public interface ComponentLog {
    void write(LogRecord record);

    ComponentLog DISCARD = r -> { };

    /** One JSON object per line, dropping records below {@code minimum}. */
    static ComponentLog jsonLines(Writer out, LogRecord.Level minimum) {
        ObjectMapper json = new ObjectMapper();
        return r -> {
            if (r.level().compareTo(minimum) < 0) {
                return;
            }
            ObjectNode o = json.createObjectNode();
            o.put("time", r.time().toString());
            o.put("level", r.level().wit());
            o.put("component", r.component());
            o.put("message", r.message());
            if (!r.fields().isEmpty()) {
                ObjectNode f = o.putObject("fields");
                r.fields().forEach(e -> f.put(e.getKey(), e.getValue()));
            }
            synchronized (out) {
                try {
                    out.write(o.toString());
                    out.write('\n');
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** Keeps records in memory. */
    final class InMemory implements ComponentLog {
        private final List<LogRecord> records = new ArrayList<>();

        @Override
        public synchronized void write(LogRecord record) {
            records.add(record);
        }

        public synchronized List<LogRecord> records() {
            return List.copyOf(records);
        }
    }
}
