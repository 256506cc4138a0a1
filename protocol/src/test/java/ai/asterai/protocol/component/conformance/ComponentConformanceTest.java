package ai.asterai.protocol.component.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.asterai.protocol.component.Components;
import ai.asterai.protocol.component.InvalidComponentException;
import ai.asterai.protocol.component.MalformedComponentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Runs the component model's reference tests that a decoder and validator can answer: every
 * component form must decode and validate, every {@code assert_invalid}/{@code assert_malformed} must
 * be refused. Directives that need a runtime ({@code assert_return}, {@code assert_trap},
 * {@code assert_unlinkable}, {@code component instance}) are listed and counted as skipped. Text forms
 * go through {@link JcoParse}; quoted forms jco refuses are text-level tests, counted apart. Known
 * failures are listed in {@code component-conformance-known-failures.txt}; a new one fails the test.
 */
class ComponentConformanceTest {
    /** The decoder's wording for a gated feature it does not support. */
    static final String GATED = "is not supported (a gated component-model feature";
    static final List<String> FOLDERS = List.of("binary", "validation", "values", "resources", "linking");

    /** Per-folder figures. */
    static final class Tally {
        int files;
        int directives;
        int passed;
        int failed;
        final Map<String, Integer> skipped = new TreeMap<>();

        void skip(String why) {
            skipped.merge(why, 1, Integer::sum);
        }

        int skippedTotal() {
            return skipped.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    @Test
    void referenceTests() throws Exception {
        Optional<Path> root = WastScript.root();
        assumeTrue(root.isPresent(), "../shared/conformance/component-model is not on this machine");
        Map<String, List<Directive>> byFolder = new LinkedHashMap<>();
        Map<String, Integer> files = new LinkedHashMap<>();
        List<String> texts = new ArrayList<>();
        for (String folder : FOLDERS) {
            List<Directive> all = new ArrayList<>();
            List<Path> scripts = WastScript.scripts(root.get(), folder);
            for (Path script : scripts) {
                all.addAll(WastScript.parse(root.get(), script));
            }
            files.put(folder, scripts.size());
            byFolder.put(folder, all);
            for (Directive d : all) {
                form(d).ifPresent(f -> {
                    if (f.source() instanceof Directive.Text t) {
                        texts.add(t.wat());
                    } else if (f.source() instanceof Directive.Quote q) {
                        texts.add(q.wat());
                    }
                });
            }
        }
        Path cache = Path.of("target/component-wast").toAbsolutePath();
        Map<String, JcoParse.Result> binaries;
        try {
            binaries = JcoParse.find(cache).orElseThrow().convert(texts);
        } catch (IOException e) {
            assumeTrue(false, "cannot convert the text forms: " + e.getMessage());
            return;
        }

        Set<String> failures = new TreeSet<>();
        StringBuilder report = new StringBuilder();
        report.append(String.format("%-11s %5s %10s %6s %6s %7s  skipped by reason%n",
                "folder", "files", "directives", "passed", "failed", "skipped"));
        for (String folder : FOLDERS) {
            Tally t = new Tally();
            t.files = files.get(folder);
            for (Directive d : byFolder.get(folder)) {
                t.directives++;
                run(d, binaries, t, failures);
            }
            report.append(String.format("%-11s %5d %10d %6d %6d %7d  %s%n", folder, t.files, t.directives,
                    t.passed, t.failed, t.skippedTotal(), t.skipped));
            assertEquals(t.directives, t.passed + t.failed + t.skippedTotal());
        }
        report.append("nyi.txt filtered: ").append(WastScript.nyi(root.get(), "validation")).append('\n');
        System.out.print(report);
        Files.createDirectories(cache);
        Files.writeString(cache.resolve("report.txt"), report + String.join("\n", failures) + "\n");

        Set<String> known = known();
        Set<String> unexpected = new TreeSet<>(failures);
        unexpected.removeIf(f -> known.contains(f.substring(0, f.indexOf(' '))));
        Set<String> fixed = new TreeSet<>(known);
        failures.forEach(f -> fixed.remove(f.substring(0, f.indexOf(' '))));
        if (!fixed.isEmpty()) {
            System.out.println("now passing (remove from the known failures): " + fixed);
        }
        assertTrue(unexpected.isEmpty(), "new conformance failures:\n" + String.join("\n", unexpected));
    }

    /**
     * The scripts nyi.txt filters (tests that landed before implementations) that a decoder and
     * validator can answer, run apart: reported, and held to no failure once passing.
     */
    @Test
    void filteredScriptsThisValidatorImplements() throws Exception {
        Optional<Path> root = WastScript.root();
        assumeTrue(root.isPresent(), "../shared/conformance/component-model is not on this machine");
        Path script = root.get().resolve("validation/max-value-size.wast");
        assumeTrue(Files.exists(script), "max-value-size.wast is not there");
        List<Directive> all = WastScript.parse(root.get(), script);
        List<String> texts = new ArrayList<>();
        for (Directive d : all) {
            form(d).ifPresent(f -> {
                if (f.source() instanceof Directive.Text t) {
                    texts.add(t.wat());
                }
            });
        }
        Map<String, JcoParse.Result> binaries;
        try {
            binaries = JcoParse.find(Path.of("target/component-wast").toAbsolutePath()).orElseThrow().convert(texts);
        } catch (IOException e) {
            assumeTrue(false, "cannot convert the text forms: " + e.getMessage());
            return;
        }
        Tally t = new Tally();
        Set<String> failures = new TreeSet<>();
        for (Directive d : all) {
            t.directives++;
            run(d, binaries, t, failures);
        }
        System.out.printf("validation/max-value-size.wast (in nyi.txt): %d directives, %d passed, %d failed, skipped %s%n",
                t.directives, t.passed, t.failed, t.skipped);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static Optional<Directive.ComponentForm> form(Directive d) {
        if (d instanceof Directive.ComponentForm f) {
            return Optional.of(f);
        } else if (d instanceof Directive.AssertInvalid a) {
            return Optional.of(a.component());
        } else if (d instanceof Directive.AssertMalformed a) {
            return Optional.of(a.component());
        }
        return Optional.empty();
    }

    private static void run(Directive d, Map<String, JcoParse.Result> binaries, Tally t, Set<String> failures) {
        String where = d.file() + ":" + d.line();
        Optional<Directive.ComponentForm> form = form(d);
        if (form.isEmpty()) {
            t.skip(d instanceof Directive.AssertReturn || d instanceof Directive.AssertTrap
                    || d instanceof Directive.Instance || d instanceof Directive.AssertUnlinkable
                    ? "needs the runtime" : "other directive");
            return;
        }
        Directive.Source source = form.get().source();
        byte[] bytes;
        if (source instanceof Directive.Binary b) {
            bytes = b.bytes();
        } else {
            String text = source instanceof Directive.Text tx ? tx.wat() : ((Directive.Quote) source).wat();
            JcoParse.Result r = binaries.get(text);
            if (r.binary().isEmpty()) {
                boolean expectedRefusal = d instanceof Directive.AssertMalformed || d instanceof Directive.AssertInvalid;
                if (source instanceof Directive.Quote || expectedRefusal) {
                    t.skip("text-level (jco refuses the text)");
                } else {
                    t.failed++;
                    failures.add(where + " jco refused a valid form: " + r.refusal().orElse(""));
                }
                return;
            }
            bytes = r.binary().get();
        }
        String refusal = null;
        try {
            Components.read(bytes);
        } catch (MalformedComponentException | InvalidComponentException e) {
            refusal = e.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("crash at " + where + ": " + e, e);
        }
        boolean mustRefuse = !(d instanceof Directive.ComponentForm);
        if (!mustRefuse && refusal != null && refusal.contains(GATED)) {
            t.skip("gated feature the decoder refuses (async, maps, GC...)");
            return;
        }
        if (mustRefuse == (refusal != null)) {
            t.passed++;
        } else {
            t.failed++;
            failures.add(where + (mustRefuse ? " accepted, expected: " + message(d) : " refused: " + refusal));
        }
    }

    private static String message(Directive d) {
        return d instanceof Directive.AssertInvalid a ? a.message() : ((Directive.AssertMalformed) d).message();
    }

    private static Set<String> known() throws IOException {
        Set<String> out = new TreeSet<>();
        try (InputStream in = ComponentConformanceTest.class.getResourceAsStream("known-failures.txt")) {
            if (in == null) {
                return out;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    out.add(s.split(" ")[0]);
                }
            }
        }
        return out;
    }
}
