package ai.asterai.runtime.component;

import static ai.asterai.runtime.component.ComponentBinaryRunTest.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.release.Permissions;
import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.ComponentSource;
import ai.asterai.runtime.LoadedComponent;
import ai.asterai.runtime.RuntimeOptions;
import ai.asterai.runtime.failure.ComponentLinkError;
import ai.asterai.runtime.sandbox.AuditEvent;
import ai.asterai.runtime.sandbox.AuditLog;
import ai.asterai.runtime.sandbox.Grants;
import ai.asterai.runtime.sandbox.LogLineStream;
import ai.asterai.runtime.sandbox.LogRecord;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * wasi:sockets links and refuses every socket and lookup (wasi-sockets.wat), importing the server side
 * of wasi:http is refused at link time (imports-incoming-handler.wat) while exporting it loads
 * (exports-incoming-handler.wat), and a component's stdout is capped per call (wasi-chatty.wat).
 */
class WasiSocketsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final AuditLog.InMemory audit = new AuditLog.InMemory();
    private final ComponentRuntime runtime = new ComponentRuntime(RuntimeOptions.defaults().withLog(records::add).withAudit(audit));

    @AfterEach
    void close() {
        runtime.close();
    }

    private LoadedComponent load(String name, String fixture) {
        return runtime.load(new ComponentSource(name, "0.1.0", resource(fixture), null, null, Permissions.NONE, "test"), Grants.NONE);
    }

    @Test
    void everySocketAndLookupIsAccessDeniedAndAudited() throws Exception {
        LoadedComponent c = load("test:sockets", "wasi-sockets.wasm");
        // 100 for err, 1 for access-denied (the error-code enum's second case)
        assertEquals(101, c.call("tcp", JSON.readTree("[\"ipv4\"]")).asInt());
        assertEquals(101, c.call("tcp", JSON.readTree("[\"ipv6\"]")).asInt());
        assertEquals(101, c.call("udp", JSON.readTree("[\"ipv4\"]")).asInt());
        assertEquals(101, c.call("resolve", JSON.readTree("[]")).asInt());
        List<AuditEvent> denied = audit.denials("socket");
        assertEquals(List.of("tcp ipv4", "tcp ipv6", "udp ipv4", "example.com"), denied.stream().map(AuditEvent::target).toList());
        assertTrue(denied.stream().allMatch(e -> e.component().equals("test:sockets") && e.detail().contains("components get no sockets")),
                denied.toString());
    }

    @Test
    void importingTheServerSideOfWasiHttpIsALinkError() {
        ComponentLinkError e = assertThrows(ComponentLinkError.class, () -> load("test:server", "imports-incoming-handler.wasm"));
        assertTrue(e.getMessage().contains("imports wasi:http/incoming-handler@0.2.0, which this host does not provide"), e.getMessage());
        assertTrue(e.getMessage().contains("server side of wasi:http"), e.getMessage());
    }

    @Test
    void exportingTheIncomingHandlerIsFine() {
        LoadedComponent c = load("test:serves", "exports-incoming-handler.wasm");
        assertTrue(c.functions().stream().anyMatch(f -> f.key().equals("wasi:http/incoming-handler@0.2.0#handle")),
                c.functions().toString());
    }

    @Test
    void stdoutIsCappedPerCallAndTheCallCarriesOn() throws Exception {
        LoadedComponent c = load("test:chatty", "wasi-chatty.wasm");
        int width = 1023;
        long lines = LogLineStream.PER_CALL_BYTES / (width + 1) + 100; // 100 lines over the cap
        assertEquals(0, c.call("chat", JSON.createArrayNode().add(lines).add(width)).asInt(), "no write failed");
        List<LogRecord> kept = records.stream().filter(r -> r.message().startsWith("xxx")).toList();
        assertEquals(LogLineStream.PER_CALL_BYTES / (width + 1), kept.size());
        List<LogRecord> markers = records.stream().filter(r -> r.message().startsWith("(further stdout output dropped")).toList();
        assertEquals(1, markers.size(), "one marker line per call");
        assertTrue(markers.get(0).message().contains("over " + LogLineStream.PER_CALL_BYTES + " bytes"), markers.toString());
        List<AuditEvent> notes = audit.events().stream().filter(e -> e.category().equals("log")).toList();
        assertEquals(1, notes.size(), audit.events().toString());
        assertEquals("notice", notes.get(0).outcome());

        // the next call of the same instance gets a fresh allowance
        records.clear();
        assertEquals(0, c.call("chat", JSON.createArrayNode().add(3).add(width)).asInt());
        assertEquals(3, records.stream().filter(r -> r.message().startsWith("xxx")).count(), records.size() + " records");
        assertEquals(0, records.stream().filter(r -> r.message().startsWith("(further")).count());
    }
}
