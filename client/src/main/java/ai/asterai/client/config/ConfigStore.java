package ai.asterai.client.config;

import ai.asterai.client.failure.ConfigException;
import ai.asterai.client.fs.AtomicFiles;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes {@code config.toml}. It holds API tokens, so it is written 0600 and atomically:
 *
 * <pre>
 * default-registry = "https://registry.example"
 *
 * [[registry]]
 * url = "https://registry.example"
 * token = "ast_..."
 * </pre>
 */
public final class ConfigStore {
    private final Path file;

    public ConfigStore(AsteraiHome home) {
        this.file = home.configFile();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileForm(@JsonProperty("default-registry") String defaultRegistry,
                    @JsonProperty("registry") List<ClientConfig.Registry> registries) {
    }

    private static ObjectMapper toml() {
        return TomlMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    public Path file() {
        return file;
    }

    public ClientConfig load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return ClientConfig.EMPTY;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            FileForm f = toml().readValue(bytes, FileForm.class);
            return f == null ? ClientConfig.EMPTY : new ClientConfig(f.defaultRegistry(), f.registries());
        } catch (IOException e) {
            throw new ConfigException(file.toString(), file + " is not valid: " + firstLine(e.getMessage()) + " (fix or delete it)");
        }
    }

    public void save(ClientConfig config) {
        try {
            AtomicFiles.privateDirectories(file.getParent());
            byte[] bytes = toml().writeValueAsBytes(new FileForm(config.defaultRegistry(), config.registries()));
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
