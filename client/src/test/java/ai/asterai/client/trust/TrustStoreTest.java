package ai.asterai.client.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustStoreTest {
    @TempDir
    Path dir;

    @Test
    void savesLoadsAndResets() {
        TrustStore store = new TrustStore(dir);
        assertTrue(store.load("acme").isEmpty());
        NamespacePins pins = new NamespacePins("acme", List.of(new PinnedKey("65b60673d6ed884bf01c2c222d82ada0",
                "ed25519:ebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQ=", "2026-01-01T00:00:00Z", "first use")));
        store.save(pins);
        assertEquals(pins, store.load("acme").orElseThrow());
        assertEquals(List.of(pins), store.all());
        assertTrue(store.reset("acme"));
        assertFalse(store.reset("acme"));
        assertTrue(store.load("acme").isEmpty());
    }
}
