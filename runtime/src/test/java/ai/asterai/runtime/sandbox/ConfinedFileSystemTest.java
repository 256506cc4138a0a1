package ai.asterai.runtime.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.runtime.sandbox.fs.ConfinedFileSystem;
import ai.asterai.runtime.sandbox.fs.SandboxEscape;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file system view Chicory's WASI gets: real files, no way out. */
class ConfinedFileSystemTest {
    @TempDir
    Path tmp;
    Path data;
    Path outside;
    List<String> denials = new ArrayList<>();

    @BeforeEach
    void layout() throws Exception {
        data = Files.createDirectories(tmp.resolve("data"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "secret");
        Files.createDirectories(data.resolve("sub/deeper"));
        Files.writeString(data.resolve("sub/file"), "inside");
        Files.createSymbolicLink(data.resolve("abs-out"), outside);
        Files.createSymbolicLink(data.resolve("sub/rel-out"), Path.of("../../outside/secret"));
        Files.createSymbolicLink(data.resolve("sub/deeper/up-in"), Path.of("../file"));
        Files.createSymbolicLink(data.resolve("abs-in"), data.resolve("sub"));
        Files.createSymbolicLink(data.resolve("loop"), Path.of("loop"));
    }

    ConfinedFileSystem view(boolean readOnly) throws Exception {
        return ConfinedFileSystem.of(data, readOnly, "/data", (op, path, reason) -> denials.add(op + " " + path + ": " + reason));
    }

    @Test
    void readsInsideAndFollowsLinksThatStayInside() throws Exception {
        Path root = view(false).root();
        assertEquals("inside", Files.readString(root.resolve("sub/file")));
        assertEquals("inside", Files.readString(root.resolve("sub/deeper/up-in")));
        assertEquals("inside", Files.readString(root.resolve("abs-in/file")));
        assertEquals("inside", Files.readString(root.resolve("sub/deeper/../file")));
        try (var list = Files.list(root.resolve("sub"))) {
            assertEquals(List.of("deeper", "file", "rel-out"), list.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void linksOutOfTheGrantAreNoSuchFile() throws Exception {
        Path root = view(false).root();
        assertThrows(SandboxEscape.class, () -> Files.readString(root.resolve("abs-out/secret")));
        assertThrows(SandboxEscape.class, () -> Files.readString(root.resolve("sub/rel-out")));
        assertThrows(SandboxEscape.class, () -> Files.writeString(root.resolve("abs-out/new"), "x"));
        assertFalse(Files.exists(outside.resolve("new")));
        assertFalse(Files.exists(root.resolve("abs-out")), "following an escaping link finds nothing");
        assertTrue(Files.isSymbolicLink(root.resolve("abs-out")), "the link itself is visible");
        assertTrue(Files.readSymbolicLink(root.resolve("abs-out")).toString().contains("outside the granted directory"));
        assertEquals("/sub", Files.readSymbolicLink(root.resolve("abs-in")).toString());
        assertThrows(java.nio.file.FileSystemException.class, () -> Files.readString(root.resolve("loop")));
        assertTrue(denials.size() >= 3, denials.toString());
        assertTrue(denials.get(0).contains("points outside /data"), denials.toString());
    }

    @Test
    void aListingReportsLinksItCannotFollowAsLinksWithoutAuditing() throws Exception {
        Files.createSymbolicLink(data.resolve("dangling"), Path.of("nowhere"));
        Path root = view(false).root();
        java.util.Map<String, String> kinds = new java.util.TreeMap<>();
        try (var list = Files.list(root)) {
            for (Path entry : list.toList()) {
                // what Chicory's fd_readdir asks for each entry: its attributes, following links
                var a = Files.readAttributes(entry, java.nio.file.attribute.BasicFileAttributes.class);
                kinds.put(entry.getFileName().toString(), a.isSymbolicLink() ? "link" : a.isDirectory() ? "dir" : "file");
            }
        }
        assertEquals(java.util.Map.of("abs-in", "dir", "abs-out", "link", "dangling", "link", "loop", "link", "sub", "dir"), kinds);
        assertEquals(List.of(), denials, "listing opens nothing");
        // the same names, not from a listing: following is refused and audited as before
        assertThrows(SandboxEscape.class, () -> Files.readAttributes(root.resolve("abs-out"), java.nio.file.attribute.BasicFileAttributes.class));
        assertEquals(1, denials.size(), denials.toString());
    }

    @Test
    void dotDotStopsAtTheRoot() throws Exception {
        Path root = view(false).root();
        assertEquals("inside", Files.readString(root.resolve("../../sub/file")));
        assertThrows(NoSuchFileException.class, () -> Files.readString(root.resolve("../outside/secret")));
    }

    @Test
    void symlinksCreatedByTheGuestStayRelativeAndInside() throws Exception {
        Path root = view(false).root();
        Files.createSymbolicLink(root.resolve("sub/deeper/to-file"), root.resolve("sub/file"));
        assertEquals(Path.of("../file"), Files.readSymbolicLink(data.resolve("sub/deeper/to-file")));
        assertEquals("inside", Files.readString(root.resolve("sub/deeper/to-file")));
        Files.move(data.resolve("sub/deeper/to-file"), data.resolve("moved"));
        assertThrows(SandboxEscape.class, () -> Files.readString(root.resolve("moved")), "moved link now points out: refused");
    }

    @Test
    void readOnlyGrantsRefuseEveryWrite() throws Exception {
        Path root = view(true).root();
        assertEquals("inside", Files.readString(root.resolve("sub/file")));
        assertThrows(AccessDeniedException.class, () -> Files.writeString(root.resolve("sub/file"), "x"));
        assertThrows(AccessDeniedException.class, () -> Files.writeString(root.resolve("new"), "x"));
        assertThrows(AccessDeniedException.class, () -> Files.delete(root.resolve("sub/file")));
        assertThrows(AccessDeniedException.class, () -> Files.createDirectory(root.resolve("d")));
        assertThrows(AccessDeniedException.class, () -> Files.move(root.resolve("sub/file"), root.resolve("f2")));
        assertThrows(AccessDeniedException.class, () -> Files.createSymbolicLink(root.resolve("l"), root.resolve("sub")));
        assertEquals("inside", Files.readString(data.resolve("sub/file")));
        assertTrue(denials.stream().allMatch(d -> d.contains("read-only")), denials.toString());
    }

    @Test
    void theGrantItselfCannotBeRemoved() throws Exception {
        Path root = view(false).root();
        assertThrows(SandboxEscape.class, () -> Files.delete(root));
        assertTrue(Files.isDirectory(data));
    }
}
