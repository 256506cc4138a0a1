package ai.asterai.protocol.component.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Turns component text forms into binaries with jco's {@code parse} (the pinned toolchain in
 * examples/components, installed by {@code .ci/ensure-jco.sh}), in one Node process for all forms.
 * Results are cached under {@code target/component-wast/} by the SHA-256 of the text: {@code KEY.wasm}
 * on success, {@code KEY.err} with jco's message when jco refuses the text.
 */
public final class JcoParse {
    /** A form's conversion: the binary, or jco's refusal. */
    public record Result(Optional<byte[]> binary, Optional<String> refusal) {
    }

    private static final String SCRIPT = """
            import { parse } from '@bytecodealliance/jco';
            import { readFileSync, writeFileSync } from 'node:fs';
            const [list, out] = process.argv.slice(1);
            for (const line of readFileSync(list, 'utf8').split('\\n')) {
              if (!line) continue;
              const { key, text } = JSON.parse(line);
              try {
                writeFileSync(`${out}/${key}.wasm`, await parse(text));
              } catch (e) {
                writeFileSync(`${out}/${key}.err`, String(e && e.message || e));
              }
            }
            """;

    private final Path toolchain;
    private final Path cache;

    private JcoParse(Path toolchain, Path cache) {
        this.toolchain = toolchain;
        this.cache = cache;
    }

    /** The converter when jco is installed (or the cache can answer alone), else empty. */
    public static Optional<JcoParse> find(Path cache) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/components"))) {
            dir = dir.getParent();
        }
        Path toolchain = dir == null ? null : dir.resolve("examples/components");
        return Optional.of(new JcoParse(toolchain, cache));
    }

    public static String key(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Converts every text (deduplicated); texts already cached are not sent to Node.
     *
     * @throws IOException when Node or jco is needed and missing, or Node fails as a whole
     */
    public Map<String, Result> convert(List<String> texts) throws IOException, InterruptedException {
        Path cache = this.cache.toAbsolutePath();
        Files.createDirectories(cache);
        Map<String, String> missing = new LinkedHashMap<>();
        for (String t : texts) {
            String k = key(t);
            if (!Files.exists(cache.resolve(k + ".wasm")) && !Files.exists(cache.resolve(k + ".err"))) {
                missing.put(k, t);
            }
        }
        if (!missing.isEmpty()) {
            run(missing);
        }
        Map<String, Result> out = new LinkedHashMap<>();
        for (String t : texts) {
            String k = key(t);
            Path wasm = cache.resolve(k + ".wasm");
            Path err = cache.resolve(k + ".err");
            if (Files.exists(wasm)) {
                out.put(t, new Result(Optional.of(Files.readAllBytes(wasm)), Optional.empty()));
            } else if (Files.exists(err)) {
                out.put(t, new Result(Optional.empty(), Optional.of(Files.readString(err))));
            } else {
                throw new IOException("jco produced nothing for form " + k + " (see " + cache + ")");
            }
        }
        return out;
    }

    private void run(Map<String, String> missing) throws IOException, InterruptedException {
        if (toolchain == null || !Files.isDirectory(toolchain.resolve("node_modules/@bytecodealliance/jco"))) {
            throw new IOException("jco is not installed: run `bash .ci/ensure-jco.sh`");
        }
        Path list = Files.createTempFile(cache.toAbsolutePath(), "forms", ".jsonl");
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : missing.entrySet()) {
            sb.append("{\"key\":\"").append(e.getKey()).append("\",\"text\":").append(json(e.getValue())).append("}\n");
        }
        Files.writeString(list, sb);
        List<String> cmd = new ArrayList<>(List.of("node", "--input-type=module", "-e", SCRIPT,
                list.toString(), cache.toAbsolutePath().toString()));
        Process p = new ProcessBuilder(cmd).directory(toolchain.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("jco parse did not finish in 10 minutes");
        }
        Files.deleteIfExists(list);
        if (p.exitValue() != 0) {
            throw new IOException("node exited with " + p.exitValue() + ": " + output);
        }
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
