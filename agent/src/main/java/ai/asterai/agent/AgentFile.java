package ai.asterai.agent;

import ai.asterai.agent.failure.AgentFileException;
import ai.asterai.runtime.sandbox.GrantFlags;
import ai.asterai.runtime.sandbox.Grants;
import ai.asterai.client.oci.OciReference;
import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.name.PackageName;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code agent.toml} (docs/agent.md). Relative paths (grants, state directory) are relative to
 * the file. Every mistake is one clear line naming the key.
 */
public final class AgentFile {
    private static final Pattern SLOT = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final Pattern IFACE = Pattern.compile("[a-z][a-z0-9-]*:[a-z][a-z0-9-]*/[a-z][a-z0-9-]*(@[0-9A-Za-z.+^~*<>=, -]+)?");

    record Agent(String model, String system, @JsonProperty("max-tool-rounds") Integer maxToolRounds,
                 @JsonProperty("max-output-tokens") Integer maxOutputTokens, Double temperature,
                 @JsonProperty("state-dir") String stateDir) {
    }

    record GrantsEntry(List<String> dirs, List<String> hosts, List<String> env, List<String> components,
                       @JsonProperty("grant-all-declared") Boolean allDeclared, @JsonProperty("max-memory") Long maxMemory,
                       @JsonProperty("max-time-ms") Long maxTimeMs) {
    }

    record Slot(String component, @JsonProperty("interface") String iface, GrantsEntry grants) {
    }

    record Raw(Agent agent, Slot llm, Map<String, Slot> tools) {
    }

    private AgentFile() {
    }

    public static AgentSpec load(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Raw raw;
        try {
            raw = new TomlMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(Files.readAllBytes(abs), Raw.class);
        } catch (NoSuchFileException e) {
            throw new AgentFileException(file, file + " does not exist (an agent needs an agent.toml; see docs/agent.md)");
        } catch (UnrecognizedPropertyException e) {
            throw new AgentFileException(file, file + ": unknown key '" + e.getPropertyName() + "'");
        } catch (IOException e) {
            throw new AgentFileException(file, file + ": not a valid agent file: " + firstLine(e.getMessage()));
        }
        if (raw == null || raw.agent() == null) {
            throw new AgentFileException(file, file + ": the [agent] table is missing");
        }
        Agent a = raw.agent();
        if (a.model() == null || a.model().isBlank()) {
            throw new AgentFileException(file, file + ": [agent] model is missing (the model name the LLM component asks for)");
        }
        int rounds = a.maxToolRounds() == null ? 4 : a.maxToolRounds();
        if (rounds < 1 || rounds > 50) {
            throw new AgentFileException(file, file + ": [agent] max-tool-rounds must be between 1 and 50");
        }
        if (a.maxOutputTokens() != null && (a.maxOutputTokens() < 1 || a.maxOutputTokens() > 1_000_000)) {
            throw new AgentFileException(file, file + ": [agent] max-output-tokens must be between 1 and 1000000");
        }
        if (a.temperature() != null && (a.temperature() < 0 || a.temperature() > 2)) {
            throw new AgentFileException(file, file + ": [agent] temperature must be between 0 and 2");
        }
        if (raw.llm() == null) {
            throw new AgentFileException(file, file + ": the [llm] table is missing (which component talks to the model)");
        }
        Path base = abs.getParent();
        Path state = base.resolve(a.stateDir() == null ? ".asterai-agent" : a.stateDir()).normalize();
        ComponentSpec llm = slot(file, "llm", raw.llm(), base);
        Map<String, ComponentSpec> tools = new LinkedHashMap<>();
        if (raw.tools() != null) {
            for (Map.Entry<String, Slot> e : raw.tools().entrySet()) {
                if (!SLOT.matcher(e.getKey()).matches()) {
                    throw new AgentFileException(file, file + ": tool name '" + e.getKey() + "' must be 1-64 characters a-z, 0-9, '-' or '_', starting with a letter");
                }
                tools.put(e.getKey(), slot(file, "tools." + e.getKey(), e.getValue(), base));
            }
        }
        return new AgentSpec(abs, a.model(), a.system(), rounds, a.maxOutputTokens(), a.temperature(), state, llm, tools);
    }

    private static ComponentSpec slot(Path file, String key, Slot s, Path base) {
        if (s == null || (s.component() == null) == (s.iface() == null)) {
            throw new AgentFileException(file, file + ": [" + key + "] needs exactly one of 'component' (ns:name[@version or range], or oci://HOST/REPO:TAG) or 'interface' (ns:pkg/iface)");
        }
        if (s.component() != null && OciReference.isOci(s.component())) {
            try {
                OciReference.parse(s.component());
            } catch (InvalidInputException e) {
                throw new AgentFileException(file, file + ": [" + key + "] component: " + e.getMessage());
            }
        } else if (s.component() != null) {
            String name = s.component().contains("@") ? s.component().substring(0, s.component().indexOf('@')) : s.component();
            try {
                PackageName.parse(name);
            } catch (InvalidInputException e) {
                throw new AgentFileException(file, file + ": [" + key + "] component: " + e.getMessage());
            }
        } else if (!IFACE.matcher(s.iface()).matches()) {
            throw new AgentFileException(file, file + ": [" + key + "] interface must look like ns:pkg/iface, got '" + s.iface() + "'");
        }
        String slotName = key.startsWith("tools.") ? key.substring(6) : key;
        return new ComponentSpec(slotName, s.component(), s.iface(), grants(file, key, s.grants(), base));
    }

    private static Grants grants(Path file, String key, GrantsEntry g, Path base) {
        if (g == null) {
            return Grants.NONE;
        }
        try {
            return GrantFlags.parse(orEmpty(g.dirs()), orEmpty(g.hosts()), orEmpty(g.env()), orEmpty(g.components()),
                    Boolean.TRUE.equals(g.allDeclared()), g.maxMemory(), g.maxTimeMs(), base);
        } catch (IllegalArgumentException e) {
            throw new AgentFileException(file, file + ": [" + key + ".grants] " + e.getMessage());
        }
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
