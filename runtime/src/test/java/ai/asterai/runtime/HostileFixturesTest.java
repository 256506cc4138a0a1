package ai.asterai.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The WAT hostile guests of {@code src/test/resources/wasm/hostile} (used by {@link SandboxEscapeTest}):
 * each committed .wasm is the build of its .wat, with the wat2wasm flags its {@code ;; Build:} line names.
 */
class HostileFixturesTest {
    private static final Path DIR = Path.of("src/test/resources/wasm/hostile");
    private static final Pattern BUILD = Pattern.compile(";; Build: wat2wasm((?: --[a-z-]+)*) (\\S+)\\.wat -o (\\S+)\\.wasm");

    @Test
    void everyCommittedFixtureIsTheBuildOfItsSource() throws Exception {
        Path wat2wasm = Path.of("/usr/bin/wat2wasm");
        Assumptions.assumeTrue(Files.isExecutable(wat2wasm), "wat2wasm (Debian's wabt) is not installed");
        List<Path> sources;
        try (Stream<Path> files = Files.list(DIR)) {
            sources = files.filter(p -> p.toString().endsWith(".wat")).sorted().toList();
        }
        assertFalse(sources.isEmpty(), "no fixtures in " + DIR);
        for (Path wat : sources) {
            String name = wat.getFileName().toString().replaceFirst("\\.wat$", "");
            Matcher m = BUILD.matcher(Files.readString(wat));
            assertTrue(m.find() && m.group(2).equals(name) && m.group(3).equals(name), wat + " names its build command");
            List<String> command = new ArrayList<>(List.of(wat2wasm.toString()));
            for (String flag : m.group(1).trim().split(" ")) {
                if (!flag.isEmpty()) {
                    command.add(flag);
                }
            }
            Path out = Files.createTempFile(name, ".wasm");
            try {
                command.addAll(List.of(wat.toString(), "-o", out.toString()));
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes());
                assertTrue(p.waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, p.exitValue(), log);
                assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(DIR.resolve(name + ".wasm")),
                        "rebuild " + name + ".wasm from " + name + ".wat");
            } finally {
                Files.deleteIfExists(out);
            }
        }
    }
}
