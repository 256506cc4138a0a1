package ai.asterai.protocol.wit;

import ai.asterai.protocol.wit.model.ResolvedWit;
import ai.asterai.protocol.wit.model.WitPackageName;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Entry points: parse and resolve WIT into a {@link ResolvedWit}. Every failure is a located
 * {@link WitException}. {@code features} enables items gated with {@code @unstable(feature = ..)};
 * without it, such items are left out.
 */
public final class WitResolver {
    private WitResolver() {
    }

    /**
     * Resolves one WIT document (which may also define nested {@code package a:b { .. }} blocks).
     * Packages it refers to that it does not define are asked from {@code deps}.
     *
     * @param fileName used in error locations only
     */
    public static ResolvedWit resolveText(String fileName, String text, DepsProvider deps) {
        return resolveText(fileName, text, deps, Set.of());
    }

    public static ResolvedWit resolveText(String fileName, String text, DepsProvider deps, Set<String> features) {
        try {
            Workspace workspace = new Workspace(features, deps);
            SourceFile file = new SourceFile(fileName, text);
            WitPackageName main = workspace.addGroup(List.of(file), file);
            return workspace.link(main);
        } catch (StackOverflowError e) {
            // a last resort: WitLimits bounds every chain we know of, so this is a bug, but never a crash
            throw new WitException(fileName, 1, 1, "WIT nests too deeply to resolve (see the limits in WitLimits)");
        }
    }

    /**
     * Resolves a package directory: all its {@code *.wit} files form the package; {@code deps/} holds
     * its dependencies, each a sub-folder of {@code *.wit} files or a single {@code .wit} file.
     */
    public static ResolvedWit resolveDirectory(Path dir) {
        return resolveDirectory(dir, Set.of(), DepsProvider.NONE);
    }

    /** As {@link #resolveDirectory(Path)}; packages missing from {@code deps/} are asked from {@code deps}. */
    public static ResolvedWit resolveDirectory(Path dir, Set<String> features, DepsProvider deps) {
        Workspace workspace = new Workspace(features, deps);
        SourceFile where = new SourceFile(dir.toString(), "");
        WitPackageName main = workspace.addGroup(witFiles(dir), where);
        Path depsDir = dir.resolve("deps");
        if (Files.isDirectory(depsDir)) {
            for (Path entry : sortedEntries(depsDir)) {
                if (Files.isDirectory(entry)) {
                    workspace.addGroup(witFiles(entry), new SourceFile(entry.toString(), ""));
                } else if (entry.getFileName().toString().endsWith(".wit")) {
                    workspace.addGroup(List.of(read(entry)), null);
                } else if (entry.getFileName().toString().endsWith(".wasm")
                        || entry.getFileName().toString().endsWith(".wat")) {
                    throw new WitException(entry.toString(), 1, 1, "binary WIT packages are not supported");
                }
                // Any other file (README, .DS_Store, ...) is not part of the dependencies.
            }
        }
        return workspace.link(main);
    }

    /** Resolves a single {@code .wit} file (its own package, plus any nested packages it defines). */
    public static ResolvedWit resolveFile(Path file) {
        return resolveFile(file, Set.of(), DepsProvider.NONE);
    }

    public static ResolvedWit resolveFile(Path file, Set<String> features, DepsProvider deps) {
        Workspace workspace = new Workspace(features, deps);
        SourceFile source = read(file);
        WitPackageName main = workspace.addGroup(List.of(source), source);
        return workspace.link(main);
    }

    /** {@link #resolveDirectory} for a directory, {@link #resolveFile} otherwise. */
    public static ResolvedWit resolvePath(Path path, Set<String> features) {
        return Files.isDirectory(path) ? resolveDirectory(path, features, DepsProvider.NONE)
                : resolveFile(path, features, DepsProvider.NONE);
    }

    private static List<SourceFile> witFiles(Path dir) {
        List<SourceFile> files = new ArrayList<>();
        for (Path p : sortedEntries(dir)) {
            if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".wit")) {
                files.add(read(p));
            }
        }
        return files;
    }

    private static List<Path> sortedEntries(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new WitException(dir.toString(), 1, 1, "cannot read directory: " + e.getMessage());
        }
    }

    private static SourceFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new WitException(file.toString(), 1, 1, "cannot read file: " + e.getMessage());
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return new SourceFile(file.toString(), text);
        } catch (CharacterCodingException e) {
            throw new WitException(file.toString(), 1, 1, "input file is not valid UTF-8");
        }
    }
}
