package ai.asterai.runtime.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A grants file (TOML, or JSON when the name ends in {@code .json}): one table per component name,
 * with the same words as the flags. Relative host directories are relative to the file.
 *
 * <pre>
 * ["asterai:memory"]
 * dirs = ["/data=./memory-data"]
 * hosts = []
 * env = ["TZ=UTC"]
 * components = []
 * grant-all-declared = false
 * max-memory = 33554432
 * max-time-ms = 2000
 * </pre>
 */
public final class GrantsFile {
    record Entry(List<String> dirs, List<String> hosts, List<String> env, List<String> components,
                 @JsonProperty("grant-all-declared") Boolean allDeclared, @JsonProperty("max-memory") Long maxMemory,
                 @JsonProperty("max-time-ms") Long maxTimeMs) {
    }

    private final Map<String, Grants> byComponent;

    private GrantsFile(Map<String, Grants> byComponent) {
        this.byComponent = byComponent;
    }

    public static GrantsFile load(Path file) throws IOException {
        ObjectMapper mapper = file.getFileName().toString().endsWith(".json") ? new ObjectMapper() : new TomlMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Map<String, Entry> raw = mapper.readValue(Files.readAllBytes(file),
                mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Entry.class));
        Path base = file.toAbsolutePath().getParent();
        Map<String, Grants> out = new LinkedHashMap<>();
        for (Map.Entry<String, Entry> e : raw.entrySet()) {
            ai.asterai.protocol.name.PackageName.parse(e.getKey());
            Entry g = e.getValue();
            out.put(e.getKey(), GrantFlags.parse(orEmpty(g.dirs()), orEmpty(g.hosts()), orEmpty(g.env()), orEmpty(g.components()),
                    Boolean.TRUE.equals(g.allDeclared()), g.maxMemory(), g.maxTimeMs(), base));
        }
        return new GrantsFile(out);
    }

    /** The grants for {@code component} ({@code namespace:name}), or none. */
    public Grants forComponent(String component) {
        return byComponent.getOrDefault(component, Grants.NONE);
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }
}
