package ai.asterai.protocol.component;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.asterai.protocol.wasm.WasmBinary;
import ai.asterai.protocol.wit.model.WitFunction;
import ai.asterai.protocol.wit.model.WitInterface;
import ai.asterai.protocol.wit.model.WorldItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The components real toolchains built for the project (examples/components: jco new over the C
 * calculator, componentize-js's kitchen sink and WASI clock) decode, validate and give a WIT world
 * whose exported interfaces and functions are those of the WIT they were built from. Skipped where
 * the fixtures are not there ({@code -Dasterai.components.dir} points elsewhere).
 */
class RealComponentsTest {

    @Test
    void toolchainComponentsValidateAndMatchTheirWit() throws IOException {
        Path dir = componentsDir();
        assumeTrue(dir != null && Files.isDirectory(dir), "no examples/components fixtures here");
        List<Path> wasm;
        try (Stream<Path> s = Files.walk(dir)) {
            wasm = s.filter(p -> p.toString().endsWith(".wasm") && !p.toString().contains("node_modules")).sorted().toList();
        }
        assumeTrue(wasm.stream().anyMatch(RealComponentsTest::isComponent), "no component binaries under " + dir);
        int components = 0;
        for (Path p : wasm) {
            byte[] bytes = Files.readAllBytes(p);
            if (WasmBinary.sniff(bytes) != WasmBinary.Kind.COMPONENT) {
                continue;
            }
            components++;
            ComponentWorld world = ComponentWorld.of(Components.read(bytes));
            assertFalse(world.world().exports().isEmpty(), p + " exports nothing");
            String wit = witBeside(p);
            for (WorldItem item : world.world().exports()) {
                if (!(item instanceof WorldItem.InterfaceItem i) || wit.isEmpty()) {
                    continue;
                }
                String id = i.key();
                if (!wit.contains("package " + id.substring(0, id.indexOf('/')) + id.substring(id.indexOf('@')))) {
                    continue; // an interface of a dependency
                }
                assertTrue(wit.contains("interface " + i.iface().name()), p + ": " + id);
                WitInterface iface = world.interfaces().get(id);
                for (WitFunction f : iface.functions()) {
                    String declared = f.kind() == ai.asterai.protocol.wit.model.FunctionKind.CONSTRUCTOR ? "constructor(" : f.name() + ": ";
                    assertTrue(wit.contains(declared), p + ": " + id + " " + f.qualifiedName() + " is not in its WIT");
                }
            }
        }
        System.out.println("real components decoded, validated and matched: " + components);
    }

    private static boolean isComponent(Path p) {
        try (var in = Files.newInputStream(p)) {
            return WasmBinary.sniff(in.readNBytes(8)) == WasmBinary.Kind.COMPONENT;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path componentsDir() {
        String configured = System.getProperty("asterai.components.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("examples"))) {
            root = root.getParent();
        }
        return root == null ? null : root.resolve("examples/components");
    }

    /** The WIT text of the folder a fixture sits in (its wit/ and the C examples'), or "". */
    private static String witBeside(Path wasm) throws IOException {
        List<Path> wits = new ArrayList<>();
        for (Path d = wasm.getParent(); d != null && wits.isEmpty(); d = d.getParent()) {
            Path w = d.resolve("wit");
            if (Files.isDirectory(w)) {
                try (Stream<Path> s = Files.walk(w)) {
                    s.filter(p -> p.toString().endsWith(".wit")).forEach(wits::add);
                }
            }
            if (d.getFileName() != null && d.getFileName().toString().equals("components")) {
                break;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Path w : wits) {
            sb.append(Files.readString(w)).append('\n');
        }
        return sb.toString();
    }
}
