package ai.asterai.registry.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.tlog.Checkpoint;
import ai.asterai.protocol.tlog.EntryBundle;
import ai.asterai.protocol.tlog.Hash;
import ai.asterai.protocol.tlog.LogAudit;
import ai.asterai.protocol.tlog.LogEntries;
import ai.asterai.protocol.tlog.LogEntry;
import ai.asterai.protocol.tlog.Merkle;
import ai.asterai.protocol.tlog.NoteVerifier;
import ai.asterai.protocol.tlog.SignedNote;
import ai.asterai.protocol.tlog.Tile;
import ai.asterai.registry.testing.RegistryProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two registry processes on one PostgreSQL schema (replicas), eight clients publishing through both at
 * once: one log with exactly one entry per release, whose root is the entries' RFC 6962 root, and
 * whose checkpoint both replicas serve byte for byte (one key, deterministic signatures).
 */
class TlogReplicasIT {
    private static final int CLIENTS = 8;
    private static final int EACH = 5;
    private final HttpClient http = HttpClient.newHttpClient();

    private byte[] get(String url) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), url + ": " + new String(r.body(), StandardCharsets.UTF_8));
        return r.body();
    }

    @Test
    void eightClientsOnTwoReplicasMakeOneLog() throws Exception {
        try (RegistryProcess first = RegistryProcess.start();
             RegistryProcess second = RegistryProcess.start(first.replicaSettings())) {
            ProcessClient client = new ProcessClient(first);
            List<String> urls = List.of(first.url(), second.url());
            String boundary = "asterai-tlog-replicas";
            List<Path> files = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<Long>> results = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    for (int i = 0; i < EACH; i++) {
                        Path wasm = Files.createTempFile("tlog", ".wasm");
                        Digest d = ProcessClient.writeModule(wasm, 200, c * 100 + i);
                        String name = "rep" + c;
                        Path body = client.publishBody(name, "1.0." + i, wasm, d, boundary);
                        files.add(wasm);
                        files.add(body);
                        String url = urls.get((c + i) % 2);
                        results.add(pool.submit(() -> ProcessClient.json(ProcessClient.expect(201, client.publish(url, name, body, boundary)))
                                .at("/transparency/index").asLong(-1)));
                    }
                }
                Set<Long> indexes = new HashSet<>();
                for (Future<Long> f : results) {
                    indexes.add(f.get());
                }
                assertEquals(CLIENTS * EACH, indexes.size(), "one entry per release");
            } finally {
                pool.shutdownNow();
                for (Path f : files) {
                    Files.deleteIfExists(f);
                }
            }

            String key = new String(get(first.url() + "/tlog/key"), StandardCharsets.UTF_8);
            assertEquals(key, new String(get(second.url() + "/tlog/key"), StandardCharsets.UTF_8), "one key on both replicas");
            NoteVerifier verifier = NoteVerifier.parse(key);
            byte[] note1 = get(first.url() + "/tlog/checkpoint");
            byte[] note2 = get(second.url() + "/tlog/checkpoint");
            assertEquals(new String(note1, StandardCharsets.UTF_8), new String(note2, StandardCharsets.UTF_8), "the same checkpoint on both");
            Checkpoint cp = Checkpoint.parse(SignedNote.parse(note1).verifiedBy(verifier));

            List<byte[]> entries = new ArrayList<>();
            for (long n = 0; n * Tile.WIDTH < cp.size(); n++) {
                int width = (int) Math.min(Tile.WIDTH, cp.size() - n * Tile.WIDTH);
                entries.addAll(EntryBundle.decode(get(urls.get((int) (n % 2)) + "/tlog/" + new Tile(Tile.ENTRIES, n, width).path())));
            }
            assertEquals(cp.size(), entries.size());
            assertEquals(cp.root(), root(entries, 0, entries.size()), "the checkpoint's root is the entries' root");
            Set<String> releases = new HashSet<>();
            for (byte[] e : entries) {
                if (LogEntries.parse(e) instanceof LogEntry.ReleasePublished r) {
                    assertTrue(releases.add(r.envelope().pkg() + "@" + r.envelope().version()), "released once: " + r.envelope());
                }
            }
            assertEquals(CLIENTS * EACH, releases.size());
            // what `asterai log verify` runs over the log: every entry's signature and key vouching
            LogAudit audit = new LogAudit();
            entries.forEach(audit::add);
            assertTrue(audit.problem().isEmpty(), () -> "log verify: " + audit.problem().get().getMessage());
            assertEquals(cp.root(), audit.root());
            // each replica proves what the other appended
            for (int i = 0; i < entries.size(); i += 7) {
                JsonNode proof = ProcessClient.JSON.readTree(get(urls.get(i % 2) + "/tlog/proof/inclusion?index=" + i + "&size=" + cp.size()));
                List<Hash> hashes = new ArrayList<>();
                proof.get("hashes").forEach(h -> hashes.add(Hash.parseBase64("hash", h.asText())));
                Merkle.verifyInclusion(Merkle.leafHash(entries.get(i)), i, cp.size(), hashes, cp.root());
            }
            System.out.printf("TlogReplicasIT: %d publishes from %d clients through 2 replicas, log of %d entries verified%n",
                    CLIENTS * EACH, CLIENTS, cp.size());
        }
    }

    private static Hash root(List<byte[]> entries, int lo, int hi) {
        if (hi - lo == 1) {
            return Merkle.leafHash(entries.get(lo));
        }
        int k = Integer.highestOneBit(hi - lo - 1);
        return Merkle.nodeHash(root(entries, lo, lo + k), root(entries, lo + k, hi));
    }
}
