package ai.asterai.protocol.component.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The component model's reference tests, read from {@code ../shared/conformance/component-model/}
 * (relative to the repository root; never copied into the project): scripts parsed into
 * {@link Directive}s, minus those {@code nyi.txt} lists.
 */
public final class WastScript {
    private WastScript() {
    }

    /** The conformance folder, or empty when this machine does not have it (tests then skip). */
    public static Optional<Path> root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(".git"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            return Optional.empty();
        }
        // a worktree's .git is a file; the shared folder sits beside the repository either way
        Path root = dir.getParent() == null ? null : dir.getParent().resolve("shared/conformance/component-model");
        return root != null && Files.isDirectory(root) ? Optional.of(root) : Optional.empty();
    }

    /** The scripts of one folder ({@code binary}, {@code validation}...), sorted, without the nyi ones. */
    public static List<Path> scripts(Path root, String folder) throws IOException {
        Path nyi = root.resolve("nyi.txt");
        List<String> skip = Files.exists(nyi) ? Files.readAllLines(nyi).stream()
                .map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList() : List.of();
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".wast"))
                    .filter(p -> !skip.contains("./" + root.relativize(p).toString().replace('\\', '/')))
                    .sorted().toList();
        }
    }

    /** The paths nyi.txt filters out of {@code folder}. */
    public static List<String> nyi(Path root, String folder) throws IOException {
        Path nyi = root.resolve("nyi.txt");
        if (!Files.exists(nyi)) {
            return List.of();
        }
        return Files.readAllLines(nyi).stream().map(String::strip)
                .filter(s -> s.startsWith("./" + folder + "/")).toList();
    }

    /** Every top-level form of a script as a directive. */
    public static List<Directive> parse(Path root, Path script) throws IOException {
        String src = Files.readString(script, StandardCharsets.UTF_8);
        String file = root.relativize(script).toString().replace('\\', '/');
        List<Directive> out = new ArrayList<>();
        for (SExpr form : SExpr.readAll(src)) {
            out.add(Directive.of(file, src, form));
        }
        return out;
    }
}
