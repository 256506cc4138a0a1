package ai.asterai.runtime.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One record of the agent's log, tagged with the component that wrote it. */
public record LogRecord(Instant time, String component, Level level, String message, List<Map.Entry<String, String>> fields) {
    public enum Level {
        TRACE, DEBUG, INFO, WARN, ERROR;

        public String wit() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public LogRecord {
        fields = List.copyOf(fields);
    }
}
