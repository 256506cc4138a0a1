package ai.asterai.runtime.sandbox;

import ai.asterai.runtime.sandbox.ComponentLog;
import ai.asterai.runtime.sandbox.LogRecord;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A guest's stdout or stderr: split into lines, each written to the agent's log with a
 * {@code stream} field. Lines longer than the limit are cut; after {@code maxBytes} in total the rest
 * is dropped (with one notice), so a chatty guest cannot flood the log.
 */
public final class LogLineStream extends OutputStream {
    private final ComponentLog log;
    private final String component;
    private final String stream;
    private final LogRecord.Level level;
    private final int maxLine;
    private final long maxBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long total;
    private boolean dropped;

    public LogLineStream(ComponentLog log, String component, String stream, LogRecord.Level level, int maxLine, long maxBytes) {
        this.log = log;
        this.component = component;
        this.stream = stream;
        this.level = level;
        this.maxLine = maxLine;
        this.maxBytes = maxBytes;
    }

    @Override
    public synchronized void write(int b) {
        if (total >= maxBytes) {
            if (!dropped) {
                dropped = true;
                emit("(further " + stream + " output dropped: over " + maxBytes + " bytes)");
            }
            return;
        }
        total++;
        if (b == '\n') {
            flushLine();
        } else if (line.size() < maxLine) {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            write(b[off + i]);
        }
    }

    @Override
    public synchronized void flush() {
        if (line.size() > 0) {
            flushLine();
        }
    }

    private void flushLine() {
        emit(line.toString(StandardCharsets.UTF_8));
        line.reset();
    }

    private void emit(String text) {
        log.write(new LogRecord(Instant.now(), component, level, text, List.of(Map.entry("stream", stream))));
    }
}
