package ai.asterai.protocol.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.asterai.protocol.wit.model.FunctionKind;
import ai.asterai.protocol.wit.model.ResolvedWit;
import ai.asterai.protocol.wit.model.TypeDef;
import ai.asterai.protocol.wit.model.WitFunction;
import ai.asterai.protocol.wit.model.WitInterface;
import ai.asterai.protocol.wit.model.WitPackage;
import ai.asterai.protocol.wit.model.WitWorld;
import ai.asterai.protocol.wit.model.WorldItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the reference parser's conformance cases found in {@code ../shared/conformance/wit-parser}
 * (relative to the repository root; skipped when absent). Every {@code valid/} case must resolve and
 * match the names, kinds and counts of the reference output; every {@code parse-fail/} case must be
 * rejected with a located error. Pass rates are printed and must not drop below the recorded baselines.
 */
class WitConformanceTest {
    /** Cases passing today; raise when more pass, never lower. */
    private static final int VALID_BASELINE = 38;
    private static final int PARSE_FAIL_BASELINE = 69;

    /** The reference suite enables this feature for `@unstable` items. */
    private static final Set<String> FEATURES = Set.of("active");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static int validTotal;
    private static int validPassed;
    private static int validSameOrder;
    private static int failTotal;
    private static int failPassed;
    private static int failSameLocation;
    private static int failSameMessage;

    static Path suite() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("conformance").resolve("wit-parser");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        return null;
    }

    private static List<Path> cases(String kind) throws IOException {
        Path suite = suite();
        assumeTrue(suite != null, "conformance suite not found");
        try (Stream<Path> entries = Files.list(suite.resolve(kind))) {
            return entries.filter(p -> Files.isDirectory(p) || p.getFileName().toString().endsWith(".wit"))
                    .sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> valid() throws IOException {
        return cases("valid").stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            validTotal++;
            ResolvedWit wit = WitResolver.resolvePath(p, FEATURES);
            Path expected = p.resolveSibling(p.getFileName() + (Files.isDirectory(p) ? ".wit.json" : ".json"));
            List<String> problems = new ArrayList<>();
            compare(JSON.readTree(expected.toFile()), wit, problems);
            if (verdict(problems)) {
                validSameOrder++;
            }
            validPassed++;
        }));
    }

    @TestFactory
    Stream<DynamicTest> parseFail() throws IOException {
        return cases("parse-fail").stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            failTotal++;
            WitException error;
            try {
                WitResolver.resolvePath(p, FEATURES);
                fail("expected an error");
                return;
            } catch (WitException e) {
                error = e;
            }
            assertTrue(error.line() > 0 && error.column() > 0, error.getMessage());
            assertTrue(error.getMessage().startsWith(error.file() + ":" + error.line() + ":" + error.column() + ": "));
            failPassed++;
            String name = p.getFileName().toString();
            Path result = p.resolveSibling(Files.isDirectory(p) ? name + ".wit.result" : name + ".result");
            String reference = Files.readString(result);
            Matcher m = LOCATION.matcher(reference);
            if (m.find() && Integer.parseInt(m.group(1)) == error.line() && Integer.parseInt(m.group(2)) == error.column()) {
                failSameLocation++;
            }
            String first = error.reason().lines().findFirst().orElse("");
            if (!first.isEmpty() && reference.lines().anyMatch(l -> l.endsWith(first))) {
                failSameMessage++;
            }
        }));
    }

    private static final Pattern LOCATION = Pattern.compile("\\.wit:(\\d+):(\\d+)");

    @AfterAll
    static void report() {
        if (validTotal + failTotal == 0) {
            return;
        }
        System.out.printf("WIT conformance: valid %d/%d (same order as the reference: %d), parse-fail %d/%d "
                        + "(same location as the reference: %d, same message: %d)%n", validPassed, validTotal,
                validSameOrder, failPassed, failTotal, failSameLocation, failSameMessage);
    }

    @Test
    void baselinesHold() {
        // Runs separately from the dynamic tests so that a regression below the baseline fails loudly even
        // when individual failures are being looked at.
        assumeTrue(suite() != null, "conformance suite not found");
        int[] counts = runAll();
        System.out.printf("WIT conformance baseline check: valid %d (baseline %d), parse-fail %d (baseline %d)%n",
                counts[0], VALID_BASELINE, counts[1], PARSE_FAIL_BASELINE);
        assertTrue(counts[0] >= VALID_BASELINE, "valid cases regressed: " + counts[0] + " < " + VALID_BASELINE);
        assertTrue(counts[1] >= PARSE_FAIL_BASELINE,
                "parse-fail cases regressed: " + counts[1] + " < " + PARSE_FAIL_BASELINE);
    }

    private static int[] runAll() {
        int valid = 0;
        int failing = 0;
        try {
            for (Path p : cases("valid")) {
                try {
                    ResolvedWit wit = WitResolver.resolvePath(p, FEATURES);
                    Path expected = p.resolveSibling(p.getFileName() + (Files.isDirectory(p) ? ".wit.json" : ".json"));
                    List<String> problems = new ArrayList<>();
                    compare(JSON.readTree(expected.toFile()), wit, problems);
                    if (problems.stream().allMatch(x -> x.startsWith(ORDER_ONLY))) {
                        valid++;
                    }
                } catch (WitException e) {
                    // counted as failing
                }
            }
            for (Path p : cases("parse-fail")) {
                try {
                    WitResolver.resolvePath(p, FEATURES);
                } catch (WitException e) {
                    if (e.line() > 0 && e.column() > 0) {
                        failing++;
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return new int[] {valid, failing};
    }

    // ---- comparison with the reference JSON -----------------------------------------------------------

    private static void compare(JsonNode json, ResolvedWit wit, List<String> problems) {
        List<String> expectedPackages = new ArrayList<>();
        json.get("packages").forEach(p -> expectedPackages.add(p.get("name").asText()));
        List<String> actualPackages = wit.packages().stream().map(p -> p.name().toString()).toList();
        check(problems, "packages", sorted(expectedPackages), sorted(actualPackages));
        for (JsonNode p : json.get("packages")) {
            WitPackage pkg = wit.packages().stream().filter(x -> x.name().toString().equals(p.get("name").asText()))
                    .findFirst().orElse(null);
            if (pkg == null) {
                continue;
            }
            String where = pkg.name().toString();
            check(problems, where + " interfaces", fieldNames(p.get("interfaces")),
                    pkg.interfaces().stream().map(WitInterface::name).toList());
            check(problems, where + " worlds", fieldNames(p.get("worlds")), pkg.worlds().stream().map(WitWorld::name).toList());
            for (Iterator<Map.Entry<String, JsonNode>> it = p.get("interfaces").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                pkg.findInterface(e.getKey()).ifPresent(i -> compareInterface(json,
                        json.get("interfaces").get(e.getValue().asInt()), i, where + "/" + e.getKey(), problems));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = p.get("worlds").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                pkg.findWorld(e.getKey()).ifPresent(w -> compareWorld(json,
                        json.get("worlds").get(e.getValue().asInt()), w, where + "/" + e.getKey(), problems));
            }
        }
    }

    private static void compareInterface(JsonNode json, JsonNode expected, WitInterface actual, String where,
                                         List<String> problems) {
        List<String> types = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("types").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            types.add(e.getKey() + ":" + kindOf(json.get("types").get(e.getValue().asInt())));
        }
        check(problems, where + " types", types, actual.types().stream().map(t -> t.name() + ":" + kindOf(t)).toList());
        List<String> functions = new ArrayList<>();
        for (JsonNode f : iterable(expected.get("functions"))) {
            functions.add(functionSignature(f));
        }
        check(problems, where + " functions", functions,
                actual.functions().stream().map(WitConformanceTest::functionSignature).toList());
    }

    private static void compareWorld(JsonNode json, JsonNode expected, WitWorld actual, String where,
                                     List<String> problems) {
        compareItems(json, expected.get("imports"), actual.imports(), where + " imports", problems);
        compareItems(json, expected.get("exports"), actual.exports(), where + " exports", problems);
    }

    private static void compareItems(JsonNode json, JsonNode expected, List<WorldItem> actual, String where,
                                     List<String> problems) {
        List<String> keys = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.startsWith("interface-")) {
                key = interfaceId(json, Integer.parseInt(key.substring("interface-".length())));
            }
            JsonNode item = e.getValue();
            String kind = item.has("interface") ? "interface" : item.has("function") ? "function" : "type";
            keys.add(key + ":" + kind);
            if (item.has("interface") && !e.getKey().startsWith("interface-")) {
                JsonNode iface = json.get("interfaces").get(item.get("interface").get("id").asInt());
                String k = key;
                actual.stream().filter(a -> a.key().equals(k) && a instanceof WorldItem.InlineInterfaceItem)
                        .findFirst().ifPresent(a -> compareInterface(json, iface,
                                ((WorldItem.InlineInterfaceItem) a).iface(), where + " " + k, problems));
            }
            if (item.has("function")) {
                String k = key;
                actual.stream().filter(a -> a.key().equals(k) && a instanceof WorldItem.FunctionItem).findFirst()
                        .ifPresent(a -> check(problems, where + " " + k, List.of(functionSignature(item.get("function"))),
                                List.of(functionSignature(((WorldItem.FunctionItem) a).function()))));
            }
        }
        check(problems, where, keys, actual.stream().map(a -> a.key() + ":" + (a instanceof WorldItem.FunctionItem
                ? "function" : a instanceof WorldItem.TypeItem ? "type" : "interface")).toList());
    }

    private static String interfaceId(JsonNode json, int index) {
        JsonNode iface = json.get("interfaces").get(index);
        String pkg = json.get("packages").get(iface.get("package").asInt()).get("name").asText();
        int at = pkg.indexOf('@');
        return at < 0 ? pkg + "/" + iface.get("name").asText()
                : pkg.substring(0, at) + "/" + iface.get("name").asText() + pkg.substring(at);
    }

    private static String functionSignature(JsonNode f) {
        String kind = f.get("kind").isTextual() ? f.get("kind").asText() : f.get("kind").fieldNames().next();
        kind = kind.replace("async-", "");
        return f.get("name").asText() + ":" + kind + "/" + f.get("params").size() + (f.has("result") ? "->" : "");
    }

    private static String functionSignature(WitFunction f) {
        int params = f.params().size() + (f.kind() == FunctionKind.METHOD ? 1 : 0);
        boolean result = f.result() != null || f.kind() == FunctionKind.CONSTRUCTOR;
        return f.qualifiedName() + ":" + f.kind().name().toLowerCase() + "/" + params + (result ? "->" : "");
    }

    private static String kindOf(JsonNode type) {
        JsonNode kind = type.get("kind");
        String k = kind.isTextual() ? kind.asText() : kind.fieldNames().next();
        return switch (k) {
            case "record", "variant", "enum", "flags", "resource" -> k;
            default -> "alias";
        };
    }

    private static String kindOf(TypeDef type) {
        return type.kind() instanceof TypeDef.AliasDef ? "alias" : type.kind().keyword();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        node.elements().forEachRemaining(out::add);
        return out;
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }

    /**
     * Names, kinds and counts must match; order only counts towards the "same order" figure, since the
     * README asks for the former and order is a matter of presentation.
     */
    private static void check(List<String> problems, String what, List<String> expected, List<String> actual) {
        if (!sorted(expected).equals(sorted(actual))) {
            problems.add(what + ": expected " + expected + " but was " + actual);
        } else if (!expected.equals(actual)) {
            problems.add(ORDER_ONLY + what + ": expected order " + expected + " but was " + actual);
        }
    }

    private static final String ORDER_ONLY = "(order) ";

    /** Fails on real differences; returns whether the order matched too. */
    private static boolean verdict(List<String> problems) {
        List<String> real = problems.stream().filter(p -> !p.startsWith(ORDER_ONLY)).toList();
        if (!real.isEmpty()) {
            fail(String.join("\n", real));
        }
        return problems.isEmpty();
    }

    @Test
    void suiteLocatorWalksUp() {
        Path suite = suite();
        assumeTrue(suite != null);
        assertEquals("wit-parser", suite.getFileName().toString());
    }
}
