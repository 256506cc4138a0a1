package ai.asterai.client.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.failure.ProjectFileException;
import ai.asterai.client.testing.Projects;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.PackageKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectFileTest {
    @TempDir
    Path dir;

    @Test
    void readsTheExampleFormat() {
        // the colleague's examples/ folder is the reference for the format
        Path calculator = Path.of("../examples/calculator");
        ProjectFile p = ProjectFile.load(calculator);
        Manifest m = p.manifest();
        assertEquals("asterai:calculator", m.name());
        assertEquals(PackageKind.COMPONENT, m.packageKind());
        assertEquals(16777216L, m.permissions().memory());
        assertEquals(5000L, m.permissions().timeMs());
        assertEquals(calculator.resolve("calculator.wasm"), p.wasm().orElseThrow());
        ProjectFile memory = ProjectFile.load(Path.of("../examples/memory"));
        assertEquals("/data", memory.manifest().permissions().files().get(0).guest());
        assertTrue(!memory.manifest().permissions().files().get(0).readOnly());
    }

    @Test
    void manifestJsonIsCanonicalAndValid() {
        ProjectFile p = ProjectFile.load(Projects.component(dir, "acme:hello", "1.2.3"));
        byte[] json = p.manifest().toJson();
        assertEquals(p.manifest(), Manifest.parse(json));
        assertTrue(new String(json).contains("\"timeMs\" : 5000"));
    }

    @Test
    void interfacePackagesHaveNoWasm() {
        ProjectFile p = ProjectFile.load(Projects.iface(dir, "acme:types", "0.1.0"));
        assertEquals(PackageKind.INTERFACE, p.manifest().packageKind());
        assertTrue(p.wasm().isEmpty());
        assertEquals(dir.resolve("types.wit"), p.wit());
    }

    @Test
    void unknownKeysAreRefusedByName() throws Exception {
        Projects.component(dir, "acme:hello", "1.0.0");
        Files.writeString(dir.resolve("asterai.toml"), Files.readString(dir.resolve("asterai.toml")).replace("hosts =", "host ="));
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFile.load(dir));
        assertTrue(e.getMessage().contains("unknown key 'host' in [permissions]"), e.getMessage());
    }

    @Test
    void aComponentNeedsWasmAndAnInterfaceMustNotHaveIt() throws Exception {
        Projects.component(dir, "acme:hello", "1.0.0");
        Path toml = dir.resolve("asterai.toml");
        String text = Files.readString(toml);
        Files.writeString(toml, text.replace("wasm = \"hello.wasm\"\n", ""));
        assertTrue(assertThrows(ProjectFileException.class, () -> ProjectFile.load(dir)).getMessage().contains("names its built WebAssembly"));
        Files.writeString(toml, text.replace("kind = \"component\"", "kind = \"interface\""));
        assertTrue(assertThrows(ProjectFileException.class, () -> ProjectFile.load(dir)).getMessage().contains("an interface package has no wasm"));
    }

    @Test
    void invalidTomlAndInvalidFieldsAreOneLine() throws Exception {
        Files.writeString(dir.resolve("asterai.toml"), "[package\nname = ");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFile.load(dir));
        assertTrue(!e.getMessage().contains("\n") && e.getMessage().contains("not valid TOML"), e.getMessage());
        Projects.component(dir, "acme:hello", "1.0.0");
        Files.writeString(dir.resolve("asterai.toml"), Files.readString(dir.resolve("asterai.toml")).replace("\"rw\"", "\"write\""));
        assertTrue(assertThrows(ProjectFileException.class, () -> ProjectFile.load(dir)).getMessage().contains("file access must be 'ro' or 'rw'"));
    }
}
