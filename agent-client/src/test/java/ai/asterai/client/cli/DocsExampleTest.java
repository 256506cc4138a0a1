package ai.asterai.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.testing.Cli;
import ai.asterai.client.testing.SharedRegistry;
import ai.asterai.registry.testing.RegistryProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the worked example of docs/cli.md against a real registry, from the repository root, and
 * checks each command's output against the text printed there.
 */
class DocsExampleTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z0-9-]+>");

    @TempDir
    Path tmp;

    record Step(String command, List<String> expected) {
    }

    static List<Step> steps(String doc) {
        String example = doc.substring(doc.indexOf("<!-- example:begin -->"), doc.indexOf("<!-- example:end -->"));
        List<Step> steps = new ArrayList<>();
        for (String line : example.split("\n")) {
            if (line.startsWith("```") || line.startsWith("<!--")) {
                continue;
            }
            if (line.startsWith("$ ")) {
                steps.add(new Step(line.substring(2), new ArrayList<>()));
            } else if (!steps.isEmpty()) {
                steps.get(steps.size() - 1).expected().add(line);
            }
        }
        return steps;
    }

    /** A line of the doc as a pattern: literal text, placeholders match anything, spaces are flexible. */
    static Pattern linePattern(String expected) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(collapse(expected));
        int last = 0;
        String text = collapse(expected);
        while (m.find()) {
            regex.append(Pattern.quote(text.substring(last, m.start()))).append(".+?");
            last = m.end();
        }
        regex.append(Pattern.quote(text.substring(last)));
        return Pattern.compile(regex.toString());
    }

    static String collapse(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    @Test
    void theWorkedExampleRunsAsDocumented() throws Exception {
        RegistryProcess registry = SharedRegistry.get();
        Path repo = Path.of("..").toAbsolutePath().normalize();
        String doc = Files.readString(repo.resolve("docs/cli.md"));
        Cli cli = new Cli(tmp.resolve("home"), repo);
        List<Step> steps = steps(doc);
        assertTrue(steps.size() >= 10, "the example has its steps");
        for (Step step : steps) {
            String command = step.command().replace("$REGISTRY", registry.url()).replace("$ADMIN_TOKEN", registry.adminToken());
            String[] words = command.split("\\s+");
            assertEquals("asterai", words[0], command);
            String[] args = java.util.Arrays.copyOfRange(words, 1, words.length);
            Cli.Result r = cli.run(args);
            List<String> expected = step.expected().stream().map(l -> l.replace("$REGISTRY", registry.url()))
                    .filter(l -> !l.isBlank()).toList();
            List<String> actual = (r.err() + r.out()).lines().filter(l -> !l.isBlank()).toList();
            if (!expected.isEmpty() && expected.get(0).startsWith("error: ")) {
                assertNotEquals(0, r.code(), command + "\n" + r);
            } else {
                assertEquals(0, r.code(), command + "\n" + r);
            }
            assertEquals(expected.size(), actual.size(), command + ": expected\n" + String.join("\n", expected) + "\n" + r);
            for (int i = 0; i < expected.size(); i++) {
                assertTrue(linePattern(expected.get(i)).matcher(collapse(actual.get(i))).matches(),
                        command + ": line " + (i + 1) + " differs\nexpected: " + expected.get(i) + "\nactual:   " + actual.get(i));
            }
        }
    }
}
