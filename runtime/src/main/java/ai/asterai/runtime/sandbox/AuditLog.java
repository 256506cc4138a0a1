package ai.asterai.runtime.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** Where audit events go. Implementations must be thread-safe. */
@FunctionalInterface
public interface AuditLog {
    void record(AuditEvent event);

    /** Keeps events in memory (for tests and for an agent that shows them). */
    final class InMemory implements AuditLog {
        private final List<AuditEvent> events = new ArrayList<>();

        @Override
        public synchronized void record(AuditEvent event) {
            events.add(event);
        }

        public synchronized List<AuditEvent> events() {
            return List.copyOf(events);
        }

        public synchronized List<AuditEvent> denials(String category) {
            return events.stream().filter(e -> e.outcome().equals("denied") && e.category().equals(category)).toList();
        }
    }

    /** One JSON object per line. */
    static AuditLog jsonLines(Writer out) {
        ObjectMapper json = new ObjectMapper();
        return event -> {
            ObjectNode o = json.createObjectNode();
            o.put("time", event.time().toString());
            o.put("audit", event.outcome());
            o.put("component", event.component());
            o.put("category", event.category());
            o.put("target", event.target());
            o.put("detail", event.detail());
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

    /** Sends every event to both logs. */
    default AuditLog and(AuditLog other) {
        return event -> {
            record(event);
            other.record(event);
        };
    }
}
