package ai.asterai.runtime.component.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.runtime.component.ComponentFunction;
import ai.asterai.runtime.host.ComponentDirectory;
import ai.asterai.runtime.host.HostContext;
import ai.asterai.runtime.sandbox.ComponentLog;
import ai.asterai.runtime.sandbox.EffectivePermissions;
import ai.asterai.runtime.sandbox.RuntimeLimits;
import ai.asterai.runtime.sandbox.WasiSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/runtime.md's "WASI 0.2 functions" tables for wasi:io, wasi:cli, wasi:clocks and wasi:random
 * against {@link WasiHost}, both ways: a function marked implemented or refused by policy is one the
 * host defines (for an import at 0.2.0 and at 0.2.12), one marked not yet is not, and every function
 * and resource the host defines for these interfaces has a row.
 */
class WasiFunctionsDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| `(wasi:[a-z-]+/[a-z-]+)` \\| `([^`]+)` \\| (implemented|refused by policy|not yet) \\|");
    private static final List<String> PACKAGES = List.of("wasi:io/", "wasi:cli/", "wasi:clocks/", "wasi:random/");

    record Row(String iface, String function, String status) {
    }

    static List<Row> rows() throws Exception {
        Path docs = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && docs == null; p = p.getParent()) {
            if (Files.exists(p.resolve("docs/runtime.md"))) {
                docs = p.resolve("docs/runtime.md");
            }
        }
        assertTrue(docs != null, "docs/runtime.md not found above " + Path.of("").toAbsolutePath());
        String text = Files.readString(docs);
        int start = text.indexOf("### WASI 0.2 functions\n");
        assertTrue(start >= 0, "no section \"WASI 0.2 functions\" in docs/runtime.md");
        int end = text.indexOf("\n### ", start + 1);
        List<Row> rows = new ArrayList<>();
        for (String line : text.substring(start, end < 0 ? text.length() : end).split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                rows.add(new Row(m.group(1), m.group(2), m.group(3)));
            }
        }
        return rows;
    }

    static WasiHost host() {
        EffectivePermissions p = new EffectivePermissions("test:doc", List.of(), EffectivePermissions.HostAccess.NONE, Map.of(), 16 << 20,
                Duration.ofSeconds(5), Set.of(), List.of());
        return new WasiHost(new HostContext("test:doc", p, e -> { }, ComponentLog.DISCARD, null, ComponentDirectory.EMPTY,
                RuntimeLimits.DEFAULTS), WasiSandbox.ClockMode.FIXED);
    }

    @Test
    void theTablesMatchTheHost() throws Exception {
        List<Row> rows = rows();
        assertTrue(rows.size() >= 50, "expected every function of the four packages, found " + rows.size() + " rows");
        List<String> wrong = new ArrayList<>();
        Set<String> documented = new TreeSet<>();
        try (WasiHost host = host()) {
            for (Row r : rows) {
                documented.add(r.iface() + "#" + r.function());
                if (r.iface().equals("wasi:cli/run")) {
                    continue; // an export: nothing for the host to define
                }
                for (String version : List.of("@0.2.0", "@0.2.12")) {
                    Optional<Map<String, Object>> iface = host.find(r.iface() + version);
                    boolean defined = iface.isPresent() && (r.function().startsWith("[resource-drop]")
                            ? iface.get().get(r.function().substring("[resource-drop]".length())) instanceof ai.asterai.runtime.abi.ResourceType
                            : iface.get().get(r.function()) instanceof ComponentFunction);
                    if (defined != !r.status().equals("not yet")) {
                        wrong.add(r + " at " + version + ": the host " + (defined ? "defines" : "does not define") + " it");
                    }
                }
            }
            // the other way: every function and resource the host defines here has a row
            for (String iface : WasiHost.INTERFACES) {
                if (PACKAGES.stream().noneMatch(iface::startsWith)) {
                    continue;
                }
                for (Map.Entry<String, Object> e : host.find(iface + "@0.2.12").orElseThrow().entrySet()) {
                    String name = e.getValue() instanceof ComponentFunction ? e.getKey() : "[resource-drop]" + e.getKey();
                    if (!documented.contains(iface + "#" + name)) {
                        wrong.add(iface + "#" + name + " is defined by the host but has no row");
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
