package ai.asterai.runtime.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The hand-written component fixtures (src/test/resources/components/*.wat) are committed with their
 * binaries; each binary must be what jco's parser makes of its text today (examples/components/
 * wat2component.mjs), byte for byte, so that a fixture cannot drift from the source a reader sees.
 * Skipped, and said, when jco is not installed.
 */
class ComponentWatFixturesTest {

    @Test
    void everyCommittedComponentBinaryRebuildsFromItsText() throws IOException, InterruptedException {
        Path tools = Path.of("..", "examples", "components").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(tools.resolve("node_modules/@bytecodealliance/jco")), "jco is not installed (bash .ci/ensure-jco.sh)");
        Path dir = Path.of("src/test/resources/components").toAbsolutePath();
        List<Path> wats;
        try (Stream<Path> s = Files.list(dir)) {
            wats = s.filter(p -> p.toString().endsWith(".wat")).sorted().toList();
        }
        assertTrue(wats.size() >= 6, "the component fixtures: " + wats);
        Path out = Files.createDirectories(Path.of("target/component-wat-fixtures").toAbsolutePath());
        for (Path wat : wats) {
            String name = wat.getFileName().toString().replaceFirst("\\.wat$", ".wasm");
            Path built = out.resolve(name);
            Process p = new ProcessBuilder("node", "wat2component.mjs", wat.toString(), built.toString())
                    .directory(tools.toFile()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), wat.getFileName() + ": " + log);
            assertArrayEquals(Files.readAllBytes(dir.resolve(name)), Files.readAllBytes(built),
                    name + " is not what jco makes of " + wat.getFileName());
        }
    }
}
