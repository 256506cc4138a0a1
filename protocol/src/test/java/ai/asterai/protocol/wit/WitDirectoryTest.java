package ai.asterai.protocol.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.asterai.protocol.wit.model.ResolvedWit;
import ai.asterai.protocol.wit.model.WitWorld;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Package folders with {@code deps/}, single files, and the repository's own WIT packages. */
class WitDirectoryTest {
    @TempDir
    Path dir;

    private void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void packageFolderWithDeps() throws IOException {
        write("app/a.wit", "package my:app@1.0.0;\nworld app { import my:log/logger; export api; }\n");
        write("app/b.wit", "interface api { use my:types/shapes.{point}; area: func(p: point) -> f64; }\n");
        write("app/deps/log/logger.wit", "package my:log;\ninterface logger { log: func(msg: string); }\n");
        write("app/deps/types.wit", "package my:types;\ninterface shapes { record point { x: f64, y: f64 } }\n");
        write("app/deps/README.md", "not WIT\n");
        write("app/notes.txt", "not WIT either\n");
        ResolvedWit wit = WitResolver.resolveDirectory(dir.resolve("app"));
        assertEquals("my:app@1.0.0", wit.main().toString());
        assertEquals(List.of("my:log", "my:types", "my:app@1.0.0"),
                wit.packages().stream().map(p -> p.name().toString()).toList());
        WitWorld app = wit.mainPackage().findWorld("app").orElseThrow();
        assertEquals(List.of("my:log/logger", "my:types/shapes"), app.importedInterfaceIds());
        assertEquals(List.of("my:app/api@1.0.0"), app.exportedInterfaceIds());
        assertEquals(wit, WitResolver.resolvePath(dir.resolve("app"), Set.of()));
    }

    @Test
    void errorsNameTheFileTheyAreIn() throws IOException {
        write("app/a.wit", "package my:app;\ninterface api { use my:dep/i.{t}; }\n");
        write("app/deps/dep/x.wit", "package my:dep;\n\ninterface i {\n  type t = missing;\n}\n");
        WitException e = assertThrows(WitException.class, () -> WitResolver.resolveDirectory(dir.resolve("app")));
        assertEquals(dir.resolve("app/deps/dep/x.wit") + ":4:12: type `missing` does not exist", e.getMessage());
    }

    @Test
    void filesOfOnePackageMustAgreeOnItsName() throws IOException {
        write("app/a.wit", "package my:app;\n");
        write("app/b.wit", "package my:other;\n");
        WitException e = assertThrows(WitException.class, () -> WitResolver.resolveDirectory(dir.resolve("app")));
        assertEquals(dir.resolve("app/b.wit") + ":1:9: package identifier `my:other` does not match previous "
                + "package name of `my:app`", e.getMessage());
    }

    @Test
    void topLevelUseIsLocalToItsFile() throws IOException {
        write("app/a.wit", "package my:app;\nuse i as renamed;\ninterface i {}\n");
        write("app/b.wit", "world w { import renamed; }\n");
        WitException e = assertThrows(WitException.class, () -> WitResolver.resolveDirectory(dir.resolve("app")));
        assertEquals(dir.resolve("app/b.wit") + ":1:18: interface or world `renamed` does not exist", e.getMessage());
    }

    @Test
    void emptyFolderHasNoPackage() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        WitException e = assertThrows(WitException.class, () -> WitResolver.resolveDirectory(dir.resolve("empty")));
        assertEquals(dir.resolve("empty") + ":1:1: no `package` header was found in any WIT file for this package",
                e.getMessage());
    }

    @Test
    void singleFile() throws IOException {
        write("one.wit", "package my:one;\ninterface i { f: func(); }\n");
        ResolvedWit wit = WitResolver.resolveFile(dir.resolve("one.wit"));
        assertEquals(1, wit.mainPackage().interfaces().size());
    }

    @Test
    void invalidUtf8IsReported() throws IOException {
        Files.write(dir.resolve("bad.wit"), new byte[] {'p', (byte) 0xff});
        WitException e = assertThrows(WitException.class, () -> WitResolver.resolveFile(dir.resolve("bad.wit")));
        assertEquals(dir.resolve("bad.wit") + ":1:1: input file is not valid UTF-8", e.getMessage());
    }

    /** The folder holding the repository's WIT packages (next to this module), or null. */
    static Path repositoryWit() {
        Path d = Paths.get("").toAbsolutePath();
        while (d != null) {
            if (Files.isDirectory(d.resolve("protocol")) && Files.isDirectory(d.resolve("wit"))) {
                return d.resolve("wit");
            }
            d = d.getParent();
        }
        return null;
    }

    static List<Path> repositoryPackages() throws IOException {
        Path wit = repositoryWit();
        if (wit == null) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(wit)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    @Test
    void repositoryPackagesResolve() throws IOException {
        List<Path> packages = repositoryPackages();
        assumeTrue(!packages.isEmpty(), "repository wit/ folder not found");
        for (Path p : packages) {
            ResolvedWit wit = WitResolver.resolveDirectory(p);
            assertTrue(wit.main().namespace().equals("asterai"), p.toString());
        }
    }
}
