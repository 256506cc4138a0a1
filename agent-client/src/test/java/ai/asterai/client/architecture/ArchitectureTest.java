package ai.asterai.client.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cut of issue #12, read from the sources of every module (a small import scan, so that a
 * dependency the wrong way fails the build): no package cycle inside a module, the runtime knows
 * nothing of the client, the registry or the command, the client's library packages nothing of the
 * agent or the command, and protocol nothing of anyone.
 */
class ArchitectureTest {
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** Any reference to a project type, imported or written out in full. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(ai\\.asterai(?:\\.[a-z]\\w*)+)\\.[A-Z]");

    private static final Path ROOT = root();
    private static final List<String> MODULES = List.of("protocol", "runtime", "registry-server", "agent-client");

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("runtime/pom.xml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("the project root (with runtime/pom.xml) is not above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** Package to the project packages it refers to, for one module's main sources. */
    private static Map<String, Set<String>> graph(String module) {
        Map<String, Set<String>> g = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("module-info.java")).toList()) {
                String src = Files.readString(f);
                Matcher pm = PACKAGE.matcher(src);
                if (!pm.find()) {
                    continue;
                }
                String pkg = pm.group(1);
                Set<String> refs = g.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher rm = REFERENCE.matcher(src);
                while (rm.find()) {
                    if (!rm.group(1).equals(pkg)) {
                        refs.add(rm.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return g;
    }

    @Test
    void noModuleHasAPackageCycle() {
        Map<String, List<List<String>>> cycles = new TreeMap<>();
        for (String module : MODULES) {
            List<List<String>> found = stronglyConnected(graph(module));
            if (!found.isEmpty()) {
                cycles.put(module, found);
            }
        }
        assertEquals(Map.of(), cycles, "package cycles");
    }

    @Test
    void theRuntimeKnowsNothingOfTheClientTheRegistryOrTheCommand() {
        assertNoReference("runtime", "ai.asterai.client", "ai.asterai.registry");
    }

    @Test
    void protocolKnowsNothingOfAnyone() {
        assertNoReference("protocol", "ai.asterai.runtime", "ai.asterai.client", "ai.asterai.registry");
    }

    @Test
    void theClientLibraryKnowsNothingOfTheAgentOrTheCommand() {
        Map<String, Set<String>> g = graph("agent-client");
        List<String> wrong = new ArrayList<>();
        g.forEach((pkg, refs) -> {
            boolean library = !pkg.startsWith("ai.asterai.client.cli") && !pkg.startsWith("ai.asterai.client.agent");
            for (String r : refs) {
                if ((library && (r.startsWith("ai.asterai.client.cli") || r.startsWith("ai.asterai.client.agent")))
                        || (pkg.startsWith("ai.asterai.client.agent") && r.startsWith("ai.asterai.client.cli"))) {
                    wrong.add(pkg + " -> " + r);
                }
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void theScanSeesEveryModule() {
        for (String module : MODULES) {
            assertTrue(graph(module).size() >= 3, module + ": " + graph(module).keySet());
        }
    }

    private static void assertNoReference(String module, String... forbidden) {
        List<String> wrong = new ArrayList<>();
        graph(module).forEach((pkg, refs) -> refs.stream()
                .filter(r -> Stream.of(forbidden).anyMatch(r::startsWith))
                .forEach(r -> wrong.add(pkg + " -> " + r)));
        assertEquals(List.of(), wrong, module + " refers to what it must not");
    }

    /** Tarjan's strongly connected components of more than one package. */
    private static List<List<String>> stronglyConnected(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : g.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, g, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> g, Map<String, Integer> index, Map<String, Integer> low,
                                Deque<String> stack, Set<String> onStack, List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!g.containsKey(w)) {
                continue; // another module's package
            }
            if (!index.containsKey(w)) {
                connect(w, g, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(component);
            }
        }
    }
}
