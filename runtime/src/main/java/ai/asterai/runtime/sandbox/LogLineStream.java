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
 * {@code stream} field. Lines longer than the limit are cut; after {@code maxBytes} the rest is
 * dropped (with one marker line, and an audit notice when an audit log is given), so a chatty guest
 * cannot flood the log. The count starts again at {@link #startCall()}: a component binary's
 * streams are capped per call, a core module's per instance.
 */
public final class LogLineStream extends OutputStream {
    /** What one call of a component binary may write to stdout, and again to stderr (1 MiB). */
    public static final long PER_CALL_BYTES = 1L << 20;

    private final ComponentLog log;
    private final AuditLog audit;
    private final String component;
    private final String stream;
    private final LogRecord.Level level;
    private final int maxLine;
    private final long maxBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long total;
    private boolean dropped;

    public LogLineStream(ComponentLog log, String component, String stream, LogRecord.Level level, int maxLine, long maxBytes) {
        this(log, component, stream, level, maxLine, maxBytes, null);
    }

    /** As above; {@code audit} (may be null) gets a notice when output is dropped. */
    public LogLineStream(ComponentLog log, String component, String stream, LogRecord.Level level, int maxLine, long maxBytes,
                         AuditLog audit) {
        this.log = log;
        this.audit = audit;
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
                flush();
                emit("(further " + stream + " output dropped: over " + maxBytes + " bytes)");
                if (audit != null) {
                    audit.record(AuditEvent.notice(component, "log", stream,
                            "output over " + maxBytes + " bytes dropped for the rest of the call; the call continues"));
                }
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

    /** A new call: a line left unfinished is written out, and the byte count starts again. */
    public synchronized void startCall() {
        flush();
        total = 0;
        dropped = false;
    }

    private void flushLine() {
        emit(line.toString(StandardCharsets.UTF_8));
        line.reset();
    }

    private void emit(String text) {
        log.write(new LogRecord(Instant.now(), component, level, text, List.of(Map.entry("stream", stream))));
    }
}
