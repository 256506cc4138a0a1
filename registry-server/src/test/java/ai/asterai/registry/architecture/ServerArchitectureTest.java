package ai.asterai.registry.architecture;

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
 * The server's cut (issue #12), read from registry-server's main sources so that a dependency the
 * wrong way fails the build: no package cycle; SQL and persistence calls only in store
 * implementations; HTTP problems decided only at the edge; the domain failures depend on nothing.
 */
class ServerArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final String BASE = "ai.asterai.registry";
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** Any reference to a registry type, imported or written out in full. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(ai\\.asterai\\.registry(?:\\.[a-z]\\w*)+)\\.[A-Z]");
    /** Raw SQL, JDBC or the entity manager: what only a store implementation may hold. */
    private static final Pattern PERSISTENCE = Pattern.compile("createNativeQuery|createQuery|prepareStatement|prepareCall"
            + "|getEntityManager|\\.unwrap\\(Session|doWork\\(|\\bpersist(AndFlush)?\\(|EntityManager\\b|DataSource\\b"
            + "|\"\\s*(?i:select\\s|insert\\s+into\\s|update\\s+\\w+\\s+set\\s|delete\\s+from\\s)");
    /**
     * The search store is JDBC built from parts: the projection's writer, a query strategy per
     * database and the interface finder. They are its implementation, named here one by one.
     */
    private static final Set<String> SEARCH_STORE_PARTS = Set.of("SearchIndexer", "SearchStrategy", "PostgresSearch",
            "H2Search", "ImplementationFinder", "Sql");

    private record Source(String pkg, String type, String text) {
    }

    private static List<Source> sources() {
        List<Source> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String src = Files.readString(f);
                Matcher pm = PACKAGE.matcher(src);
                if (pm.find()) {
                    out.add(new Source(pm.group(1), f.getFileName().toString().replace(".java", ""), src));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Package to the registry packages it refers to. */
    private static Map<String, Set<String>> graph() {
        Map<String, Set<String>> g = new TreeMap<>();
        for (Source s : sources()) {
            Set<String> refs = g.computeIfAbsent(s.pkg(), k -> new TreeSet<>());
            Matcher rm = REFERENCE.matcher(s.text());
            while (rm.find()) {
                if (!rm.group(1).equals(s.pkg())) {
                    refs.add(rm.group(1));
                }
            }
        }
        return g;
    }

    /** The types named in the sources that are Panache entities: their finders are store business too. */
    private static Set<String> entities(List<Source> sources) {
        Set<String> out = new TreeSet<>();
        sources.stream().filter(s -> s.text().contains("extends PanacheEntityBase")).forEach(s -> out.add(s.type()));
        return out;
    }

    /** A class named {@code ...Store} that implements a store interface, or a named part of the search store. */
    private static boolean storeImplementation(Source s) {
        return (s.type().endsWith("Store") && Pattern.compile("class " + s.type() + " implements \\w*Store\\b").matcher(s.text()).find())
                || (s.pkg().equals(BASE + ".search") && SEARCH_STORE_PARTS.contains(s.type()));
    }

    @Test
    void noPackageCycle() {
        assertEquals(List.of(), stronglyConnected(graph()), "package cycles in registry-server");
    }

    @Test
    void sqlAndPersistenceCallsLiveOnlyInStoreImplementations() {
        List<Source> all = sources();
        Pattern finders = Pattern.compile("\\b(" + String.join("|", entities(all))
                + ")\\.(find|findById|list|listAll|stream|count|update|delete|deleteAll|persist)\\w*\\(");
        List<String> wrong = new ArrayList<>();
        for (Source s : all) {
            if (storeImplementation(s)) {
                continue;
            }
            String[] lines = s.text().split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*") || line.startsWith("import ")) {
                    continue; // prose and imports say nothing about who runs queries
                }
                if (PERSISTENCE.matcher(line).find() || finders.matcher(line).find()) {
                    wrong.add(s.pkg() + "." + s.type() + ":" + (i + 1) + ": " + line);
                }
            }
        }
        assertEquals(List.of(), wrong, "SQL, JDBC or entity queries outside a store implementation");
    }

    @Test
    void theScanFindsTheStores() {
        List<String> stores = sources().stream().filter(ServerArchitectureTest::storeImplementation)
                .filter(s -> s.type().endsWith("Store")).map(Source::type).sorted().toList();
        assertEquals(List.of("FileBlobStore", "JdbcSearchStore", "PanacheBearerTokenStore", "PanacheLeaseStore", "PanacheNamespaceStore",
                "PanacheReleaseStore", "PanacheTokenStore", "S3BlobStore", "SqlManifestStore", "SqlRateLimitStore", "SqlTlogStore",
                "SqlUploadStore"), stores);
        assertTrue(entities(sources()).containsAll(Set.of("Release", "PackageEntity", "Namespace", "NamespaceKey", "ApiToken")));
        assertTrue(graph().size() >= 10, graph().keySet().toString());
    }

    @Test
    void onlyTheEdgeTurnsFailuresIntoHttpProblems() {
        List<String> wrong = new ArrayList<>();
        graph().forEach((pkg, refs) -> {
            boolean edge = pkg.equals(BASE + ".problem") || pkg.equals(BASE + ".web");
            if (!edge && refs.contains(BASE + ".problem")) {
                wrong.add(pkg + " -> " + BASE + ".problem");
            }
        });
        assertEquals(List.of(), wrong, "services and stores throw domain failures; problem/ alone maps them to HTTP");
    }

    @Test
    void domainFailuresDependOnNothingOfTheServer() {
        assertEquals(Set.of(), graph().get(BASE + ".failure"));
    }

    /** Tarjan's strongly connected components of more than one package. */
    private static List<List<String>> stronglyConnected(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
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
                continue;
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
                component.sort(null);
                out.add(component);
            }
        }
    }
}
