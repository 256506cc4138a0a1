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
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * The cut of issue #12, read from the main sources of every Maven module (a small import scan, so that
 * a dependency the wrong way fails the build even where Maven's own dependency graph would allow it):
 * each module refers only to the modules below it, no Java package lives in two modules, and no module
 * has a cycle between its packages. It lives in agent-client because that is the one module built
 * after all the others; it reads the source trees, not the classes.
 */
class ArchitectureTest {
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** Any reference to a project type, imported or written out in full. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(ai\\.asterai(?:\\.[a-z]\\w*)+)\\.[A-Z]");
    /** A whole-package import, which names no type. */
    private static final Pattern WILDCARD = Pattern.compile("^import\\s+(?:static\\s+)?(ai\\.asterai(?:\\.[a-z]\\w*)+)\\.\\*;", Pattern.MULTILINE);

    private static final Path ROOT = root();

    /** Each module and the modules it may refer to: the layers, bottom first. */
    private static final Map<String, Set<String>> ALLOWED = allowed();

    private static Map<String, Set<String>> allowed() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put("protocol", Set.of());
        m.put("runtime", Set.of("protocol"));
        m.put("client", Set.of("protocol", "runtime"));
        m.put("agent", Set.of("protocol", "runtime", "client"));
        m.put("registry-server", Set.of("protocol"));
        m.put("agent-client", Set.of("protocol", "runtime", "client", "agent"));
        return m;
    }

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
    static Map<String, Set<String>> graph(Path sources) {
        Map<String, Set<String>> g = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("module-info.java")).toList()) {
                String src = Files.readString(f);
                Matcher pm = PACKAGE.matcher(src);
                if (!pm.find()) {
                    continue;
                }
                String pkg = pm.group(1);
                Set<String> refs = g.computeIfAbsent(pkg, k -> new TreeSet<>());
                for (Pattern p : List.of(REFERENCE, WILDCARD)) {
                    Matcher rm = p.matcher(src);
                    while (rm.find()) {
                        if (!rm.group(1).equals(pkg)) {
                            refs.add(rm.group(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return g;
    }

    private static Map<String, Set<String>> graph(String module) {
        return graph(ROOT.resolve(module).resolve("src/main/java"));
    }

    /** Which module each package is declared in. A reference to a nested type's "package" is resolved by prefix. */
    private static Map<String, String> owners() {
        Map<String, String> owner = new TreeMap<>();
        for (String module : ALLOWED.keySet()) {
            for (String pkg : graph(module).keySet()) {
                owner.merge(pkg, module, (a, b) -> a + "+" + b);
            }
        }
        return owner;
    }

    private static String ownerOf(String ref, Map<String, String> owners) {
        for (String p = ref; ; p = p.substring(0, p.lastIndexOf('.'))) {
            String o = owners.get(p);
            if (o != null) {
                return o;
            }
            if (p.indexOf('.') < 0) {
                return null;
            }
        }
    }

    /** References from {@code module} into modules it may not use, as "package -> package (module)". */
    static List<String> wrongReferences(String module, Map<String, Set<String>> graph, Map<String, String> owners) {
        List<String> wrong = new ArrayList<>();
        graph.forEach((pkg, refs) -> {
            for (String r : refs) {
                String target = ownerOf(r, owners);
                if (target != null && !target.equals(module) && !ALLOWED.get(module).contains(target)) {
                    wrong.add(pkg + " -> " + r + " (" + target + ")");
                }
            }
        });
        return wrong;
    }

    private static void assertRefersOnlyDownwards(String module) {
        assertEquals(List.of(), wrongReferences(module, graph(module), owners()),
                module + " may refer only to " + new TreeSet<>(ALLOWED.get(module)));
    }

    @Test
    void protocolKnowsNothingOfAnyone() {
        assertRefersOnlyDownwards("protocol");
    }

    @Test
    void theRuntimeKnowsNothingOfTheClientTheAgentTheCommandOrTheRegistry() {
        assertRefersOnlyDownwards("runtime");
    }

    @Test
    void theClientKnowsNothingOfTheAgentOrTheCommand() {
        assertRefersOnlyDownwards("client");
    }

    @Test
    void theAgentKnowsNothingOfTheCommand() {
        assertRefersOnlyDownwards("agent");
    }

    @Test
    void theServerAndTheCommandReferOnlyToWhatIsBelowThem() {
        assertRefersOnlyDownwards("registry-server");
        assertRefersOnlyDownwards("agent-client");
    }

    /** The registry client parses the wire once; fetch, the cache, trust and project files hold the client's records. */
    @Test
    void onlyTheRegistryClientReadsTheWireModels() {
        List<String> wrong = new ArrayList<>();
        graph("client").forEach((pkg, refs) -> {
            boolean keeper = Stream.of("cache", "trust", "project").anyMatch(p -> pkg.equals("ai.asterai.client." + p));
            if (keeper && refs.contains("ai.asterai.client.registry")) {
                wrong.add(pkg + " -> ai.asterai.client.registry");
            }
        });
        assertEquals(List.of(), wrong);
        // and no library package but the registry client's own names a wire model at all
        try (Stream<Path> files = Files.walk(ROOT.resolve("client/src/main/java/ai/asterai/client"))) {
            List<String> readers = files.filter(f -> f.toString().endsWith(".java") && !f.getParent().endsWith("registry"))
                    .filter(f -> read(f).contains("Models")).map(f -> ROOT.relativize(f).toString()).toList();
            assertEquals(List.of(), readers, "wire models read outside the registry client");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void noPackageLivesInTwoModules() {
        Map<String, String> split = new TreeMap<>();
        owners().forEach((pkg, owner) -> {
            if (owner.contains("+")) {
                split.put(pkg, owner);
            }
        });
        assertEquals(Map.of(), split, "packages declared in more than one module");
    }

    @Test
    void noModuleHasAPackageCycle() {
        Map<String, List<List<String>>> cycles = new TreeMap<>();
        for (String module : ALLOWED.keySet()) {
            List<List<String>> found = stronglyConnected(graph(module));
            if (!found.isEmpty()) {
                cycles.put(module, found);
            }
        }
        assertEquals(Map.of(), cycles, "package cycles");
    }

    /** The scan must see what it judges, or every rule above passes on nothing. */
    @Test
    void theScanSeesEveryModuleAndTheLayers() {
        Map<String, Integer> minimum = Map.of("protocol", 3, "runtime", 3, "client", 3, "agent", 1, "registry-server", 3, "agent-client", 1);
        for (String module : ALLOWED.keySet()) {
            assertTrue(graph(module).size() >= minimum.get(module), module + ": " + graph(module).keySet());
        }
        Map<String, String> owners = owners();
        assertEquals("client", ownerOf("ai.asterai.client.fetch", owners));
        assertEquals("agent", ownerOf("ai.asterai.agent", owners));
        assertEquals("agent-client", ownerOf("ai.asterai.client.cli", owners));
        // a planted reference the wrong way is found (runtime -> client, client -> cli, agent -> cli)
        assertEquals(List.of("ai.asterai.runtime.x -> ai.asterai.client.fetch (client)"),
                wrongReferences("runtime", Map.of("ai.asterai.runtime.x", Set.of("ai.asterai.client.fetch")), owners));
        assertEquals(List.of("ai.asterai.client.x -> ai.asterai.client.cli (agent-client)"),
                wrongReferences("client", Map.of("ai.asterai.client.x", Set.of("ai.asterai.client.cli")), owners));
        assertEquals(List.of("ai.asterai.agent -> ai.asterai.client.cli (agent-client)"),
                wrongReferences("agent", Map.of("ai.asterai.agent", Set.of("ai.asterai.client.cli")), owners));
        assertEquals(List.of(List.of("b", "a")), stronglyConnected(Map.of("a", Set.of("b"), "b", Set.of("a"))));
    }

    /** Tarjan's strongly connected components of more than one package. */
    static List<List<String>> stronglyConnected(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : new TreeSet<>(g.keySet())) {
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
        for (String w : new TreeSet<>(g.getOrDefault(v, Set.of()))) {
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
