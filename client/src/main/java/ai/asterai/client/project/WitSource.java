package ai.asterai.client.project;

import ai.asterai.client.failure.ProjectFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The text sent as a release's {@code wit} part. {@code wit} in asterai.toml is a .wit file or a
 * folder; for a folder the main package is its top-level .wit files, joined in name order with a
 * repeated {@code package} declaration kept only once. {@code deps/} is not sent: dependencies are
 * packages of their own.
 */
public final class WitSource {
    public static final int MAX_BYTES = 1024 * 1024;
    private static final Pattern PACKAGE_DECL = Pattern.compile("(?m)^\\s*package\\s+[^;{]+;[ \\t]*\\r?\\n?");

    private WitSource() {
    }

    public static String read(Path wit) {
        List<Path> files;
        if (Files.isDirectory(wit)) {
            try (Stream<Path> s = Files.list(wit)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".wit") && Files.isRegularFile(p)).sorted().toList();
            } catch (IOException e) {
                throw new ProjectFileException(wit, "cannot read " + wit + ": " + e.getMessage());
            }
            if (files.isEmpty()) {
                throw new ProjectFileException(wit, "no .wit files at the top level of " + wit);
            }
        } else {
            files = List.of(wit);
        }
        StringBuilder out = new StringBuilder();
        List<String> declarations = new ArrayList<>();
        for (Path f : files) {
            String text = decode(f);
            var m = PACKAGE_DECL.matcher(text);
            if (m.find()) {
                String decl = m.group().strip();
                if (declarations.contains(decl)) {
                    text = text.substring(0, m.start()) + text.substring(m.end());
                } else if (!declarations.isEmpty()) {
                    throw new ProjectFileException(f, f + " declares " + decl + " but " + files.get(0).getFileName() + " declares "
                            + declarations.get(0) + "; a WIT folder holds one package");
                } else {
                    declarations.add(decl);
                }
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            out.append(text);
        }
        String text = out.toString();
        if (text.isBlank()) {
            throw new ProjectFileException(wit, wit + " is empty");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new ProjectFileException(wit, wit + " is larger than 1 MiB, the registry's limit for a WIT package");
        }
        return text;
    }

    private static String decode(Path f) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            throw new ProjectFileException(f, "WIT file or folder " + f + " does not exist (set 'wit' in asterai.toml)");
        } catch (IOException e) {
            throw new ProjectFileException(f, "cannot read " + f + ": " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new ProjectFileException(f, f + " is larger than 1 MiB, the registry's limit for a WIT package");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProjectFileException(f, f + " is not UTF-8 text");
        }
    }
}
