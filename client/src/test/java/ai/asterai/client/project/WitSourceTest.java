package ai.asterai.client.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.failure.ProjectFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WitSourceTest {
    @TempDir
    Path dir;

    @Test
    void aFolderSendsItsTopLevelFilesWithOnePackageDeclarationAndNoDeps() throws Exception {
        Files.createDirectories(dir.resolve("deps/log"));
        Files.writeString(dir.resolve("b.wit"), "package acme:x@1.0.0;\n\ninterface b {}\n");
        Files.writeString(dir.resolve("a.wit"), "package acme:x@1.0.0;\ninterface a {}\n");
        Files.writeString(dir.resolve("deps/log/log.wit"), "package asterai:log@0.1.0;\ninterface logger {}\n");
        Files.writeString(dir.resolve("notes.txt"), "not wit");
        String text = WitSource.read(dir);
        assertEquals("package acme:x@1.0.0;\ninterface a {}\n\ninterface b {}\n", text);
        assertFalse(text.contains("asterai:log"));
    }

    @Test
    void twoPackagesInOneFolderAreRefused() throws Exception {
        Files.writeString(dir.resolve("a.wit"), "package acme:x;\n");
        Files.writeString(dir.resolve("b.wit"), "package acme:y;\n");
        assertTrue(assertThrows(ProjectFileException.class, () -> WitSource.read(dir)).getMessage().contains("holds one package"));
    }

    @Test
    void emptyMissingAndBinaryInputsAreRefused() throws Exception {
        assertTrue(assertThrows(ProjectFileException.class, () -> WitSource.read(dir)).getMessage().contains("no .wit files"));
        assertTrue(assertThrows(ProjectFileException.class, () -> WitSource.read(dir.resolve("x.wit"))).getMessage().contains("does not exist"));
        Files.write(dir.resolve("bad.wit"), new byte[] {(byte) 0xff, (byte) 0xfe});
        assertTrue(assertThrows(ProjectFileException.class, () -> WitSource.read(dir.resolve("bad.wit"))).getMessage().contains("not UTF-8"));
    }
}
