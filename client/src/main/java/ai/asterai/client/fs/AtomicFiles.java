package ai.asterai.client.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that a reader (or a second process) sees either the old content or the new, never
 * a half-written file: write a temp file beside the target, flush it to disk, rename it over the
 * target. Private files (keys, tokens) are created 0600 from the start, never widened afterwards.
 */
public final class AtomicFiles {
    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

    private AtomicFiles() {
    }

    public static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Creates the directory (and parents); new directories are private to the user. */
    public static Path privateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        if (posix()) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_RWX));
        } else {
            Files.createDirectories(dir);
        }
        return dir;
    }

    /** A new empty temp file in {@code dir}, readable only by the user. */
    public static Path tempFile(Path dir, String prefix) throws IOException {
        privateDirectories(dir);
        FileAttribute<?>[] attrs = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_RW)}
                : new FileAttribute<?>[0];
        return Files.createTempFile(dir, prefix, ".tmp", attrs);
    }

    /** Writes {@code bytes} to {@code target} atomically; the file is 0600. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = tempFile(dir, "." + target.getFileName());
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(bytes);
            }
            sync(tmp);
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes only if {@code target} does not exist yet; fails with FileAlreadyExistsException otherwise. */
    public static void writeNew(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = tempFile(dir, "." + target.getFileName());
        try {
            Files.write(tmp, bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            sync(tmp);
            // a hard link never replaces an existing file, unlike a rename
            try {
                Files.createLink(target, tmp);
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, target);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Renames a finished temp file over {@code target}. */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            // Windows only: another process won the race with identical content
            Files.deleteIfExists(tmp);
        }
    }

    public static void sync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Whether only the owner may read the file (always true where POSIX modes do not exist). */
    public static boolean isPrivate(Path file) throws IOException {
        if (!posix()) {
            return true;
        }
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
        return p.stream().noneMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"));
    }
}
