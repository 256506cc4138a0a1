package ai.asterai.runtime.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.release.Permissions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host patterns, grant flags and the declared ∩ granted intersection. */
class PermissionsTest {
    @TempDir
    Path tmp;

    @Test
    void hostPatterns() {
        HostPattern p = HostPattern.parse("https://example.com");
        assertTrue(p.matches(URI.create("https://example.com/x")));
        assertTrue(p.matches(URI.create("https://EXAMPLE.com:443/")));
        assertFalse(p.matches(URI.create("http://example.com/")));
        assertFalse(p.matches(URI.create("https://example.com:8443/")));
        assertFalse(p.matches(URI.create("https://example.com.evil.net/")));
        assertFalse(p.matches(URI.create("https://sub.example.com/")));
        HostPattern w = HostPattern.parse("https://*.example.com:*");
        assertTrue(w.matches(URI.create("https://a.b.example.com:9999/")));
        assertFalse(w.matches(URI.create("https://example.com/")));
        assertFalse(w.matches(URI.create("https://badexample.com/")));
        assertFalse(w.namesExactly("a.example.com"));
        assertTrue(HostPattern.parse("http://127.0.0.1:8080").matches(URI.create("http://127.0.0.1:8080/a")));
        assertThrows(IllegalArgumentException.class, () -> HostPattern.parse("ftp://example.com"));
        assertThrows(IllegalArgumentException.class, () -> HostPattern.parse("https://example.com/path"));
    }

    @Test
    void grantFlags() {
        Grants g = GrantFlags.parse(List.of("/data=./d:ro", "/cache=/abs/c"), List.of("https://example.com"), List.of("A", "B=x"),
                List.of("asterai:calculator"), false, 1024L, 50L, tmp);
        assertEquals(new Grants.DirGrant(tmp.resolve("d"), true), g.dirs().get("/data"));
        assertEquals(new Grants.DirGrant(Path.of("/abs/c"), false), g.dirs().get("/cache"));
        assertEquals(null, g.env().get("A"));
        assertEquals("x", g.env().get("B"));
        assertThrows(IllegalArgumentException.class, () -> GrantFlags.dir("data=/x", tmp));
        assertThrows(IllegalArgumentException.class, () -> GrantFlags.dir("/a/../b=/x", tmp));
        assertThrows(IllegalArgumentException.class, () -> GrantFlags.parse(List.of(), List.of(), List.of("1BAD"), List.of(), false, null, null, tmp));
    }

    @Test
    void intersectionOfDeclaredAndGranted() throws Exception {
        Permissions declared = new Permissions(List.of(new Permissions.FileGrant("/data", "rw"), new Permissions.FileGrant("/ro", "ro")),
                List.of("https://api.example.com", "https://*.cdn.net"), List.of("API_KEY", "TZ"), 8L << 20, 2000L, List.of("asterai:calculator"));
        Grants granted = GrantFlags.parse(List.of("/data=" + tmp.resolve("d"), "/other=" + tmp), List.of("https://api.example.com", "https://evil.com"),
                List.of("API_KEY", "HOME"), List.of("asterai:calculator", "asterai:memory"), false, 4L << 20, 10_000L, tmp);
        AuditLog.InMemory audit = new AuditLog.InMemory();
        EffectivePermissions e = new PermissionResolver(RuntimeLimits.DEFAULTS, Map.of("API_KEY", "k", "HOME", "/root")::get, null)
                .resolve("x:y", declared, granted, audit);
        assertEquals(List.of(new EffectivePermissions.DirAccess("/data", tmp.resolve("d"), false)), e.dirs());
        assertTrue(Files.isDirectory(tmp.resolve("d")), "a granted rw directory is created");
        assertEquals(Map.of("API_KEY", "k"), e.env());
        assertEquals(4L << 20, e.memoryBytes());
        assertEquals(Duration.ofMillis(2000), e.timePerCall());
        assertEquals(java.util.Set.of("asterai:calculator"), e.components());
        assertTrue(e.hosts().denial(URI.create("https://api.example.com/v1")).isEmpty());
        assertTrue(e.hosts().denial(URI.create("https://evil.com/")).get().contains("not among the hosts the component declares"));
        assertTrue(e.hosts().denial(URI.create("https://x.cdn.net/")).get().contains("declared but not granted"));
        assertTrue(e.notes().stream().anyMatch(n -> n.contains("/ro") && n.contains("not granted")), e.notes().toString());
        assertTrue(e.notes().stream().anyMatch(n -> n.contains("/other") && n.contains("does not declare")), e.notes().toString());
        // the undeclared directory (a notice) and the undeclared variable HOME (denied: the component never sees it)
        assertEquals(2, audit.events().size(), audit.events()::toString);
        assertTrue(audit.events().stream().anyMatch(ev -> ev.category().equals("grant") && ev.target().equals("/other")), audit.events()::toString);
        assertTrue(audit.denials("env").stream().anyMatch(ev -> ev.target().equals("HOME")), audit.events()::toString);
        // nothing granted: nothing at all
        EffectivePermissions none = new PermissionResolver(RuntimeLimits.DEFAULTS, n -> "leak", null).resolve("x:y", declared, Grants.NONE, audit);
        assertEquals(List.of(), none.dirs());
        assertEquals(Map.of(), none.env());
        assertEquals(java.util.Set.of(), none.components());
        assertTrue(none.hosts().denial(URI.create("https://api.example.com/")).isPresent());
        // grant all declared: files go to the component's data folder
        Grants all = new Grants(Map.of(), List.of(), Map.of(), List.of(), true, null, null);
        EffectivePermissions everything = new PermissionResolver(RuntimeLimits.DEFAULTS, Map.of("API_KEY", "k")::get,
                spec -> tmp.resolve("home").resolve(spec.replace(':', '/'))).resolve("x:y", declared, all, audit);
        assertEquals(2, everything.dirs().size());
        assertTrue(everything.hosts().denial(URI.create("https://x.cdn.net/")).isEmpty());
        assertEquals(8L << 20, everything.memoryBytes());
    }

    @Test
    void grantsFile() throws Exception {
        Path f = tmp.resolve("grants.toml");
        Files.writeString(f, """
                ["asterai:memory"]
                dirs = ["/data=./mem"]
                env = ["TZ=UTC"]
                max-time-ms = 100

                ["asterai:web-fetch"]
                hosts = ["https://example.com"]
                grant-all-declared = true
                """);
        GrantsFile g = GrantsFile.load(f);
        assertEquals(tmp.resolve("mem"), g.forComponent("asterai:memory").dirs().get("/data").host());
        assertEquals("UTC", g.forComponent("asterai:memory").env().get("TZ"));
        assertEquals(100L, g.forComponent("asterai:memory").maxTimeMs());
        assertTrue(g.forComponent("asterai:web-fetch").allDeclared());
        assertEquals(Grants.NONE, g.forComponent("asterai:calculator"));
        Files.writeString(f, "[\"asterai:memory\"]\ndirz = []\n");
        assertThrows(Exception.class, () -> GrantsFile.load(f));
    }
}
