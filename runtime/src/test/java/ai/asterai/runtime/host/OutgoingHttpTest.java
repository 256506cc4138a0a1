package ai.asterai.runtime.host;

import ai.asterai.runtime.sandbox.ComponentLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.runtime.sandbox.AuditLog;
import ai.asterai.runtime.sandbox.EffectivePermissions;
import ai.asterai.runtime.sandbox.HostPattern;
import ai.asterai.runtime.sandbox.RuntimeLimits;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The address policy and URL checks, with a fake resolver (no network). */
class OutgoingHttpTest {
    static HostContext ctx(List<String> declared, List<String> granted, AuditLog audit) {
        EffectivePermissions p = new EffectivePermissions("t:x", List.of(),
                new EffectivePermissions.HostAccess(declared.stream().map(HostPattern::parse).toList(), granted.stream().map(HostPattern::parse).toList()),
                Map.of(), 1 << 20, Duration.ofSeconds(1), Set.of(), List.of());
        return new HostContext("t:x", p, audit, ComponentLog.DISCARD, null, ComponentDirectory.EMPTY, RuntimeLimits.DEFAULTS);
    }

    static OutgoingHttp http(String ip) {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        return new OutgoingHttp(client, host -> new InetAddress[] {InetAddress.getByName(ip)});
    }

    static OutgoingHttp.Outcome get(OutgoingHttp h, HostContext ctx, String url) {
        return h.send(ctx, new OutgoingHttp.Request("GET", url, List.of(), null, 500L));
    }

    @Test
    void aWildcardGrantDoesNotReachPrivateAddresses() {
        AuditLog.InMemory audit = new AuditLog.InMemory();
        HostContext c = ctx(List.of("https://*.example.com"), List.of("https://*.example.com"), audit);
        for (String ip : List.of("10.1.2.3", "127.0.0.1", "192.168.1.1", "172.16.0.1", "169.254.169.254", "100.64.0.1", "::1", "fd00::1",
                "::ffff:10.0.0.1", "0.0.0.0")) {
            OutgoingHttp.Outcome o = get(http(ip), c, "https://internal.example.com/");
            OutgoingHttp.Failure f = assertInstanceOf(OutgoingHttp.Failure.class, o, ip);
            assertEquals("denied", f.kind(), ip);
            assertTrue(f.message().contains("private address"), f.message());
        }
        assertEquals(10, audit.denials("http").size());
    }

    @Test
    void badRequestsAreNamed() {
        HostContext c = ctx(List.of("https://example.com"), List.of("https://example.com"), new AuditLog.InMemory());
        OutgoingHttp h = http("93.184.215.14");
        assertEquals("invalid-url", ((OutgoingHttp.Failure) get(h, c, "file:///etc/passwd")).kind());
        assertEquals("invalid-url", ((OutgoingHttp.Failure) get(h, c, "https://user:pw@example.com/")).kind());
        assertEquals("invalid-url", ((OutgoingHttp.Failure) get(h, c, "not a url")).kind());
        OutgoingHttp.Failure hostHeader = (OutgoingHttp.Failure) h.send(c, new OutgoingHttp.Request("GET", "https://example.com/",
                List.of(Map.entry("Host", "evil.com")), null, 100L));
        assertTrue(hostHeader.message().contains("set by the host"), hostHeader.message());
        assertEquals("failed", ((OutgoingHttp.Failure) h.send(c, new OutgoingHttp.Request("GE T", "https://example.com/", List.of(), null, 100L))).kind());
    }

    @Test
    void privateAddressCheckClassifiesPublicAddresses() throws Exception {
        assertTrue(!AddressPolicy.isPrivate(InetAddress.getByName("93.184.215.14")));
        assertTrue(!AddressPolicy.isPrivate(InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946")));
        assertTrue(AddressPolicy.isPrivate(InetAddress.getByName("64:ff9b::a00:1")));
    }
}
