package ai.asterai.runtime.component.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.asterai.runtime.abi.AbiType;
import ai.asterai.runtime.abi.WitValue;
import ai.asterai.runtime.component.ComponentProgram;
import ai.asterai.runtime.engine.ComponentInstance;
import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.engine.ExportedFunction;
import ai.asterai.runtime.engine.ModuleCompiler;
import ai.asterai.runtime.failure.ComponentException;
import ai.asterai.runtime.failure.ComponentLinkError;
import ai.asterai.runtime.failure.ComponentTrap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The component model's own reference tests for running components ({@code values/}, {@code
 * resources/}, {@code linking/} (only {@code unit.wast} is kept there) of {@code ../shared/conformance/component-model/}, never copied here): every
 * {@code (component ...)} form is turned into a binary by jco's parser
 * ({@code examples/components/wat2component.mjs --batch}), instantiated with no imports, and the
 * {@code assert_return} and {@code assert_trap} directives on {@code invoke} are run against it. The
 * validation directives are the decoder's business and are only counted. Skips when the folder,
 * Node or jco is missing. The figures go to {@code target/conformance-run.txt}.
 */
class ConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL = Duration.ofSeconds(20);
    /** The interpreter: these modules are tiny and each is compiled once, so compiling would cost more than it saves. */
    private static final EngineKind ENGINE = EngineKind.valueOf(System.getProperty("conformance.engine", "INTERPRETER"));

    /** Per folder: what ran and what passed. */
    static final class Tally {
        int returns;
        int returnsPassed;
        int traps;
        int trapsPassed;
        int counted;
        int components;
        int componentsRefused;
        final List<String> failures = new ArrayList<>();
        final List<String> crashes = new ArrayList<>();
    }

    private static Optional<Path> repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(".git"))) {
            dir = dir.getParent();
        }
        return Optional.ofNullable(dir);
    }

    @Test
    void valuesAndResources() throws Exception {
        Path repo = repoRoot().orElse(null);
        assumeTrue(repo != null, "not inside the repository");
        Path root = repo.getParent().resolve("shared/conformance/component-model");
        assumeTrue(Files.isDirectory(root), "no conformance folder at " + root);
        Path tools = repo.resolve("examples/components");
        assumeTrue(Files.isDirectory(tools.resolve("node_modules/@bytecodealliance/jco")), "jco is not installed (bash .ci/ensure-jco.sh)");
        Map<String, Tally> tallies = new LinkedHashMap<>();
        StringBuilder report = new StringBuilder();
        for (String folder : FOLDERS) {
            Tally t = new Tally();
            tallies.put(folder, t);
            List<Path> scripts;
            try (Stream<Path> files = Files.list(root.resolve(folder))) {
                scripts = files.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
            }
            for (Path script : scripts) {
                run(script, tools, t);
            }
            report.append(String.format("%s: %d files; assert_return %d/%d; assert_trap %d/%d; components %d (%d refused);"
                            + " other directives counted, not run: %d%n", folder, scripts.size(), t.returnsPassed, t.returns,
                    t.trapsPassed, t.traps, t.components, t.componentsRefused, t.counted));
            for (String f : t.failures) {
                report.append("  fail ").append(f).append('\n');
            }
            for (String c : t.crashes) {
                report.append("  CRASH ").append(c).append('\n');
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/conformance-run.txt"), report.toString());
        System.out.print(report);
        for (Tally t : tallies.values()) {
            assertEquals(List.of(), t.crashes, "an unchecked exception escaped the runtime");
        }
        // floors measured when this harness was written: a regression lowers them
        if (tallies.containsKey("values")) {
            assertTrue(tallies.get("values").returnsPassed >= FLOOR_VALUES_RETURN, report.toString());
            assertTrue(tallies.get("values").trapsPassed >= FLOOR_VALUES_TRAP, report.toString());
        }
        if (tallies.containsKey("linking")) {
            assertTrue(tallies.get("linking").returnsPassed >= FLOOR_LINKING_RETURN, report.toString());
        }
        if (tallies.containsKey("resources")) {
            assertTrue(tallies.get("resources").returnsPassed >= FLOOR_RESOURCES_RETURN, report.toString());
            assertTrue(tallies.get("resources").trapsPassed >= FLOOR_RESOURCES_TRAP, report.toString());
        }
    }

    static final List<String> FOLDERS = List.of(System.getProperty("conformance.folders", "values,resources,linking").split(","));
    static final int FLOOR_VALUES_RETURN = 62;
    static final int FLOOR_RESOURCES_RETURN = 3;
    static final int FLOOR_VALUES_TRAP = 25;
    static final int FLOOR_LINKING_RETURN = 180;
    static final int FLOOR_RESOURCES_TRAP = 12;

    private void run(Path script, Path tools, Tally t) throws Exception {
        String src = Files.readString(script, StandardCharsets.UTF_8);
        String file = script.getParent().getFileName() + "/" + script.getFileName();
        List<Sx> forms = Sx.readAll(src);
        List<String> texts = new ArrayList<>();
        for (Sx f : forms) {
            String text = componentText(src, f);
            if (text != null) {
                texts.add(text);
            }
        }
        Map<String, byte[]> binaries = convert(tools, new ArrayList<>(new LinkedHashSet<>(texts)));
        Map<String, ComponentProgram> definitions = new HashMap<>();
        ModuleCompiler compiler = new ModuleCompiler();
        ComponentInstance current = null;
        for (Sx f : forms) {
            if (!(f instanceof Sx.ListX l)) {
                continue;
            }
            String where = file + ":" + (src.substring(0, l.start()).split("\n", -1).length);
            try {
                switch (l.head()) {
                    case "component" -> {
                        if (isInstanceForm(l)) {
                            ComponentProgram p = definitions.get(((Sx.Atom) l.items().get(3)).text());
                            current = p == null ? null : instantiate(p, t, where);
                            continue;
                        }
                        String text = componentText(src, l);
                        byte[] wasm = binaries.get(text);
                        t.components++;
                        if (wasm == null) {
                            t.componentsRefused++;
                            t.failures.add(where + ": jco could not parse the component");
                            current = null;
                            continue;
                        }
                        ComponentProgram p = ComponentProgram.compile("conformance", wasm, compiler, ENGINE);
                        if (isDefinition(l)) {
                            definitions.put(((Sx.Atom) l.items().get(2)).text(), p);
                        } else {
                            current = instantiate(p, t, where);
                        }
                    }
                    case "assert_return" -> {
                        t.returns++;
                        if (assertReturn(current, l, where, t)) {
                            t.returnsPassed++;
                        }
                    }
                    case "assert_trap" -> {
                        t.traps++;
                        if (assertTrap(current, l, where, t, definitions)) {
                            t.trapsPassed++;
                        }
                    }
                    default -> t.counted++;
                }
            } catch (ComponentException e) {
                if (e.getMessage().contains("failed in the host")) {
                    t.crashes.add(where + ": " + e.getMessage()); // an unchecked exception inside the runtime
                }
                t.failures.add(where + ": " + e.getMessage());
                if (l.head().equals("component")) {
                    t.componentsRefused++;
                    current = null;
                }
            } catch (IllegalArgumentException | ClassCastException | IndexOutOfBoundsException e) {
                t.failures.add(where + ": the harness cannot read this directive: " + e);
            }
        }
    }

    private static boolean isInstanceForm(Sx.ListX l) {
        return l.items().size() == 4 && l.items().get(1) instanceof Sx.Atom a && a.text().equals("instance");
    }

    private static boolean isDefinition(Sx.ListX l) {
        return l.items().size() > 2 && l.items().get(1) instanceof Sx.Atom a && a.text().equals("definition");
    }

    /** The text of a component form for the parser ("definition" dropped), or null for anything else. */
    private static String componentText(String src, Sx f) {
        if (!(f instanceof Sx.ListX l) || !l.head().equals("component") || isInstanceForm(l)) {
            return null;
        }
        if (isDefinition(l)) {
            return "(component" + src.substring(l.items().get(1).end(), l.end());
        }
        return src.substring(l.start(), l.end());
    }

    private ComponentInstance instantiate(ComponentProgram p, Tally t, String where) {
        ComponentProgram.Instantiated i = p.instantiate("conformance", Map.of(), 64L << 20, CALL);
        Map<String, ExportedFunction> byName = new HashMap<>();
        for (ExportedFunction f : i.world().exports()) {
            byName.put(f.key(), f);
        }
        lastWorld.put(i.instance(), byName);
        return i.instance();
    }

    private boolean assertReturn(ComponentInstance current, Sx.ListX l, String where, Tally t) {
        Sx.ListX action = (Sx.ListX) l.items().get(1);
        WitValue result;
        ExportedFunction f;
        try {
            f = function(current, action);
            result = current.call(f, args(f, action), CALL);
        } catch (ComponentException e) {
            t.failures.add(where + ": " + e.getMessage());
            return false;
        }
        List<Sx> expected = l.items().subList(2, l.items().size());
        WitValue want = expected.isEmpty() ? null : value(expected.get(0), f.signature().result());
        if (!java.util.Objects.equals(want, result)) {
            t.failures.add(where + ": expected " + want + ", got " + result);
            return false;
        }
        return true;
    }

    private boolean assertTrap(ComponentInstance current, Sx.ListX l, String where, Tally t, Map<String, ComponentProgram> defs) {
        Sx.ListX action = (Sx.ListX) l.items().get(1);
        if (!action.head().equals("invoke")) {
            t.failures.add(where + ": assert_trap on " + action.head() + " is not run");
            return false;
        }
        try {
            ExportedFunction f = function(current, action);
            current.call(f, args(f, action), CALL);
            t.failures.add(where + ": expected a trap, the call returned");
            return false;
        } catch (ComponentTrap e) {
            if (e.getMessage().contains("failed in the host")) {
                t.crashes.add(where + ": " + e.getMessage());
            }
            return true;
        } catch (ComponentException e) {
            t.failures.add(where + ": expected a trap, got " + e.kind() + ": " + e.getMessage());
            return false;
        }
    }

    private ExportedFunction function(ComponentInstance current, Sx.ListX action) {
        if (current == null) {
            throw new ComponentLinkError("conformance", null, "no instance to invoke (its component failed)");
        }
        String name = ((Sx.Str) action.items().get(1)).text();
        ExportedFunction f = lastWorld.get(current) == null ? null : lastWorld.get(current).get(name);
        if (f == null) {
            throw new ComponentLinkError("conformance", name, "no such export");
        }
        return f;
    }

    private final Map<ComponentInstance, Map<String, ExportedFunction>> lastWorld = new HashMap<>();

    private List<WitValue> args(ExportedFunction f, Sx.ListX action) {
        List<WitValue> out = new ArrayList<>();
        List<Sx> given = action.items().subList(2, action.items().size());
        for (int i = 0; i < given.size() && i < f.signature().params().size(); i++) {
            out.add(value(given.get(i), f.signature().params().get(i).type()));
        }
        return out;
    }

    // ---------------------------------------------------------------- values

    static WitValue value(Sx x, AbiType type) {
        Sx.ListX l = (Sx.ListX) x;
        List<Sx> it = l.items().subList(1, l.items().size());
        switch (l.head()) {
            case "bool.const":
                return new WitValue.Bool(atom(it.get(0)).equals("true"));
            case "u8.const", "s8.const", "u16.const", "s16.const", "u32.const", "s32.const", "u64.const", "s64.const":
                return new WitValue.Int(integer(atom(it.get(0))));
            case "f32.const":
                return new WitValue.F32((float) floating(atom(it.get(0))));
            case "f64.const":
                return new WitValue.F64(floating(atom(it.get(0))));
            case "char.const":
                return new WitValue.Char(((Sx.Str) it.get(0)).text().codePointAt(0));
            case "str.const":
                return new WitValue.Str(((Sx.Str) it.get(0)).text());
            case "list.const": {
                AbiType e = type instanceof AbiType.ListT lt ? lt.element() : ((AbiType.FixedListT) type).element();
                List<WitValue> items = new ArrayList<>();
                for (Sx v : it) {
                    items.add(value(v, e));
                }
                if (e == AbiType.Scalar.U8 && type instanceof AbiType.ListT) {
                    byte[] b = new byte[items.size()];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (byte) ((WitValue.Int) items.get(i)).value();
                    }
                    return new WitValue.Bytes(b);
                }
                return new WitValue.ListV(items);
            }
            case "tuple.const": {
                AbiType.TupleT tt = (AbiType.TupleT) type;
                List<WitValue> items = new ArrayList<>();
                for (int i = 0; i < it.size(); i++) {
                    items.add(value(it.get(i), tt.types().get(i)));
                }
                return new WitValue.TupleV(items);
            }
            case "record.const": {
                AbiType.RecordT rt = (AbiType.RecordT) type;
                Map<String, WitValue> fields = new LinkedHashMap<>();
                for (int i = 0; i < it.size(); i++) {
                    Sx.ListX field = (Sx.ListX) it.get(i);
                    String name = ((Sx.Str) field.items().get(1)).text();
                    AbiType ft = rt.fields().stream().filter(fd -> fd.name().equals(name)).findFirst().orElseThrow().type();
                    // (field "n" (u32.const 7)) or, as the scripts also write it, (field "n" u32.const 7)
                    Sx v = field.items().get(2) instanceof Sx.Atom
                            ? new Sx.ListX(field.items().subList(2, field.items().size()), field.start(), field.end())
                            : field.items().get(2);
                    fields.put(name, value(v, ft));
                }
                return new WitValue.RecordV(fields);
            }
            case "variant.const": {
                AbiType.VariantT vt = (AbiType.VariantT) type;
                String name = ((Sx.Str) it.get(0)).text();
                AbiType ct = vt.cases().get(vt.indexOf(name)).type();
                return new WitValue.VariantV(name, it.size() > 1 ? value(it.get(1), ct) : null);
            }
            case "enum.const":
                return new WitValue.EnumV(((Sx.Str) it.get(0)).text());
            case "flags.const": {
                List<String> names = new ArrayList<>();
                for (Sx v : it) {
                    names.add(((Sx.Str) v).text());
                }
                return new WitValue.FlagsV(new LinkedHashSet<>(names));
            }
            case "option.none":
                return WitValue.OptionV.NONE;
            case "option.some":
                return new WitValue.OptionV(value(it.get(0), ((AbiType.OptionT) type).inner()));
            case "result.ok":
                return WitValue.ResultV.ok(it.isEmpty() ? null : value(it.get(0), ((AbiType.ResultT) type).ok()));
            case "result.err":
                return WitValue.ResultV.err(it.isEmpty() ? null : value(it.get(0), ((AbiType.ResultT) type).err()));
            default:
                throw new IllegalArgumentException("value form " + l.head() + " is not supported by the harness");
        }
    }

    private static String atom(Sx x) {
        return ((Sx.Atom) x).text();
    }

    private static long integer(String s) {
        String t = s.replace("_", "");
        boolean neg = t.startsWith("-");
        if (neg || t.startsWith("+")) {
            t = t.substring(1);
        }
        BigInteger v = t.startsWith("0x") ? new BigInteger(t.substring(2), 16) : new BigInteger(t);
        return (neg ? v.negate() : v).longValue();
    }

    private static double floating(String s) {
        String t = s.replace("_", "");
        if (t.contains("nan")) {
            return Double.NaN;
        }
        if (t.equals("inf") || t.equals("+inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (t.equals("-inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        if (t.matches("[-+]?0x.*") && !t.contains("p")) {
            t = t + "p0";
        }
        return Double.parseDouble(t);
    }

    // ---------------------------------------------------------------- jco parse

    private static Map<String, byte[]> convert(Path tools, List<String> texts) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("node", "wat2component.mjs", "--batch").directory(tools.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var in = p.getOutputStream()) {
            in.write(JSON.writeValueAsBytes(texts));
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IOException("wat2component.mjs --batch failed");
        }
        JsonNode results = JSON.readTree(out);
        Map<String, byte[]> binaries = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            JsonNode r = results.get(i);
            if (r.has("wasm")) {
                binaries.put(texts.get(i), Base64.getDecoder().decode(r.get("wasm").asText()));
            }
        }
        return binaries;
    }
}
