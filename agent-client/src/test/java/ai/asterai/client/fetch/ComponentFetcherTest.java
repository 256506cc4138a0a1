package ai.asterai.client.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.failure.NotCachedException;
import ai.asterai.client.failure.VerificationException;
import ai.asterai.client.config.AsteraiHome;
import ai.asterai.client.config.RegistryUrl;
import ai.asterai.client.registry.RegistryClient;
import ai.asterai.client.testing.Cli;
import ai.asterai.client.testing.Projects;
import ai.asterai.client.testing.SharedRegistry;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.registry.testing.RegistryProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library entry point the runtime and the agent call, without the command line. */
class ComponentFetcherTest {
    @TempDir
    Path tmp;

    @Test
    void fetchReturnsAVerifiedComponentAndRechecksOnRead() throws Exception {
        RegistryProcess registry = SharedRegistry.get();
        String ns = "f" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Cli publisher = new Cli(tmp.resolve("publisher"), tmp);
        publisher.ok("login", "--registry", registry.url(), "--token", registry.adminToken());
        publisher.ok("keygen");
        publisher.ok("namespace", "create", ns);
        publisher.ok("key", "add", ns);
        publisher.ok("publish", Projects.component(tmp.resolve("p"), ns + ":tool", "0.3.1").toString());

        AsteraiHome home = new AsteraiHome(tmp.resolve("agent-home"));
        RegistryClient client = new RegistryClient(RegistryUrl.parse(registry.url()), (String) null, "test-agent/1");
        ComponentFetcher fetcher = new ComponentFetcher(home, client);
        Path lock = tmp.resolve("asterai.lock");
        List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        VerifiedComponent c = fetcher.fetch(PackageRef.parse(ns + ":tool@~0.3"), FetchOptions.defaults().lockedBy(lock)
                .reporting((subject, part, done, total) -> progress.add(subject + " " + part + " " + done + "/" + total)));
        // every part reported, ending complete; nothing for parts already cached on the next fetch
        for (String part : List.of("manifest", "wasm", "wit")) {
            String last = progress.stream().filter(p -> p.startsWith(ns + ":tool@0.3.1 " + part + " ")).reduce((a, b) -> b).orElseThrow();
            String[] counts = last.substring(last.lastIndexOf(' ') + 1).split("/");
            assertEquals(counts[1], counts[0], last);
        }

        assertEquals(ns + ":tool@0.3.1", c.reference());
        assertEquals(PackageKind.COMPONENT, c.kind());
        assertEquals("/data", c.manifest().permissions().files().get(0).guest());
        assertTrue(c.witText().contains("interface api"));
        assertEquals(Digest.of(Projects.EMPTY_MODULE), c.wasmDigest().orElseThrow());
        assertArrayEquals(Projects.EMPTY_MODULE, c.readWasm());
        assertFalse(c.fromCache());
        assertTrue(Files.readString(lock).contains("0.3.1"));

        progress.clear();
        fetcher.fetch(PackageRef.parse(ns + ":tool@~0.3"), FetchOptions.defaults()
                .reporting((subject, part, done, total) -> progress.add(part)));
        assertTrue(progress.isEmpty(), "cached parts are not downloaded again: " + progress);

        ComponentFetcher offline = new ComponentFetcher(home, null);
        VerifiedComponent cached = offline.fetch(PackageRef.parse(ns + ":tool"), FetchOptions.defaults());
        assertTrue(cached.fromCache());
        assertEquals(c.wasmPath(), cached.wasmPath());

        // bytes changed on disk after verification are caught when the runtime reads them
        Files.write(c.wasmPath().orElseThrow(), new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x02});
        assertThrows(VerificationException.class, c::readWasm);
        assertThrows(NotCachedException.class, () -> offline.fetch(PackageRef.parse(ns + ":tool"), FetchOptions.defaults()));
        assertArrayEquals(Projects.EMPTY_MODULE, fetcher.fetch(PackageRef.parse(ns + ":tool"), FetchOptions.defaults()).readWasm());
    }
}
