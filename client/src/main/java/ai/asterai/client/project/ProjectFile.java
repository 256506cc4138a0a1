package ai.asterai.client.project;

import ai.asterai.client.failure.ProjectFileException;
import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.Permissions;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A project's {@code asterai.toml}: the {@code [package]} table (name, version, kind, description,
 * keywords, license, world, wasm, wit) and the {@code [permissions]} it asks for. Unknown keys are
 * refused, as a misspelt permission must not silently mean "none".
 */
public record ProjectFile(Path dir, Manifest manifest, Optional<Path> wasm, Path wit) {
    public static final String FILE_NAME = "asterai.toml";

    record PackageTable(String name, String version, String kind, String description, List<String> keywords,
                        String license, String world, String wasm, String wit) {
    }

    record FileGrantTable(String guest, String access) {
    }

    record PermissionsTable(List<FileGrantTable> files, List<String> hosts, List<String> env, Long memory,
                            @JsonProperty("time-ms") Long timeMs, List<String> components) {
    }

    record Document(@JsonProperty("package") PackageTable pkg, PermissionsTable permissions) {
    }

    public static ProjectFile load(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ProjectFileException(file, "no " + FILE_NAME + " in " + dir.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new ProjectFileException(file, "cannot read " + file + ": " + e.getMessage());
        }
        Document doc;
        try {
            doc = TomlMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(bytes, Document.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ProjectFileException(file, file + ": unknown key '" + e.getPropertyName() + "'"
                    + (e.getPath().size() > 1 ? " in [" + e.getPath().get(0).getFieldName() + "]" : ""));
        } catch (IOException e) {
            throw new ProjectFileException(file, file + " is not valid TOML of the asterai.toml format: "
                    + printable(firstLine(e.getMessage())));
        }
        if (doc == null || doc.pkg() == null) {
            throw new ProjectFileException(file, file + " has no [package] table");
        }
        PackageTable p = doc.pkg();
        Manifest manifest = new Manifest(p.name(), p.version(), p.kind() == null ? "component" : p.kind(),
                p.description(), p.keywords(), p.license(), p.world(), permissions(doc.permissions()));
        try {
            manifest.validate();
        } catch (InvalidInputException e) {
            throw new ProjectFileException(file, file + ": " + e.getMessage());
        }
        PackageKind kind = manifest.packageKind();
        Optional<Path> wasm = Optional.ofNullable(p.wasm()).filter(s -> !s.isBlank()).map(dir::resolve);
        if (kind == PackageKind.COMPONENT && wasm.isEmpty()) {
            throw new ProjectFileException(file, file + ": a component names its built WebAssembly file: wasm = \"path/to/file.wasm\"");
        }
        if (kind == PackageKind.INTERFACE && wasm.isPresent()) {
            throw new ProjectFileException(file, file + ": an interface package has no wasm; remove the 'wasm' key or set kind = \"component\"");
        }
        Path wit = dir.resolve(p.wit() == null || p.wit().isBlank() ? "wit" : p.wit());
        return new ProjectFile(dir, manifest, wasm, wit);
    }

    private static Permissions permissions(PermissionsTable t) {
        if (t == null) {
            return Permissions.NONE;
        }
        List<Permissions.FileGrant> files = t.files() == null ? List.of()
                : t.files().stream().map(f -> new Permissions.FileGrant(f.guest(), f.access())).toList();
        return new Permissions(files, t.hosts(), t.env(), t.memory(), t.timeMs(), t.components());
    }

    /** The TOML parser's words, as one printable line of at most 300 characters (as the registry client prints answers). */
    private static String printable(String s) {
        String t = s.replaceAll("[\\r\\n\\t]+", " ").replaceAll("[\\p{Cntrl}\\u0080-\\u009f]", "?").strip();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
