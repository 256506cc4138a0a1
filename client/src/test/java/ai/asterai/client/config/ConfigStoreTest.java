package ai.asterai.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.asterai.client.failure.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {
    @TempDir
    Path dir;

    @Test
    void severalRegistriesOneDefaultPrivateFile() throws Exception {
        ConfigStore store = new ConfigStore(new AsteraiHome(dir));
        RegistryUrl a = RegistryUrl.parse("https://a.example/");
        RegistryUrl b = RegistryUrl.parse("http://127.0.0.1:8080");
        store.save(store.load().withLogin(a, "ast_a", false));
        store.save(store.load().withLogin(b, "ast_b", false));
        ClientConfig c = store.load();
        assertEquals("https://a.example", c.defaultRegistry());
        assertEquals("ast_b", c.find(b).orElseThrow().token());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        store.save(c.withLogin(b, "ast_b2", true));
        assertEquals("http://127.0.0.1:8080", store.load().defaultRegistry());
        store.save(store.load().withLogout(b));
        assertEquals("https://a.example", store.load().defaultRegistry());
        store.save(store.load().withLogout(a));
        assertNull(store.load().defaultRegistry());
        assertFalse(store.load().toString().contains("ast_"), "tokens never appear in toString");
    }

    @Test
    void homeComesFromTheEnvironment() {
        assertEquals(Path.of("/x/y"), AsteraiHome.from(Map.of("ASTERAI_HOME", "/x/y")).root());
        assertEquals(Path.of("/home/u/.asterai"), AsteraiHome.from(Map.of("HOME", "/home/u")).root());
    }

    @Test
    void registryUrlsAreNormalisedAndChecked() {
        assertEquals("https://r.example/base", RegistryUrl.parse("https://r.example/base//").value());
        assertThrows(ConfigException.class, () -> RegistryUrl.parse("r.example"));
        assertThrows(ConfigException.class, () -> RegistryUrl.parse("https://r.example/?q=1"));
        assertThrows(ConfigException.class, () -> RegistryUrl.parse("https://tok@r.example"));
    }

    @Test
    void aDamagedConfigIsOneClearError() throws Exception {
        Files.writeString(dir.resolve("config.toml"), "default-registry = [\n");
        assertThrows(ConfigException.class, () -> new ConfigStore(new AsteraiHome(dir)).load());
    }
}
