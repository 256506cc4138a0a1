package ai.asterai.registry.tlog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.release.KeyStatement;
import ai.asterai.protocol.tlog.Checkpoint;
import ai.asterai.protocol.tlog.LogEntries;
import ai.asterai.protocol.tlog.LogEntry;
import ai.asterai.protocol.tlog.Merkle;
import ai.asterai.registry.api.Fixtures;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The log against the real PostgreSQL: what is appended, the proofs served, concurrency, atomicity, bad input. */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class TransparencyLogTest {

    /** The entry at {@code index} (from the bundles of the current tree), parsed. */
    private static LogEntry entry(long index) {
        Checkpoint c = LogReader.checkpoint();
        return LogEntries.parse(LogReader.entries(c.size()).get((int) index));
    }

    /** Checks a receipt ({@code transparency} of a publish or version) and returns the entry it proves. */
    private static LogEntry checkReceipt(JsonPath json, String at) {
        long index = json.getLong(at + ".index");
        Checkpoint c = LogReader.open(json.getString(at + ".checkpoint"));
        List<byte[]> entries = LogReader.entries(c.size());
        byte[] e = entries.get((int) index);
        Merkle.verifyInclusion(Merkle.leafHash(e), index, c.size(), LogReader.hashes(json.getList(at + ".inclusion", String.class)), c.root());
        return LogEntries.parse(e);
    }

    @Test
    void everyChangeIsAnEntryInOrder() {
        long before = LogReader.checkpoint().size();
        Fixtures.Publisher p = Fixtures.publisher();
        JsonPath published = p.publish(new Fixtures.Release("logged", "1.0.0", p.key())).then().statusCode(201).extract().jsonPath();
        LogEntry.ReleasePublished rel = (LogEntry.ReleasePublished) checkReceipt(published, "transparency");
        assertEquals(p.namespace() + ":logged", rel.envelope().pkg().toString());
        assertEquals(p.key().publicKey().keyId(), rel.keyId());
        assertEquals(published.getString("signature.signature"), rel.signature());
        assertEquals(published.getString("parts.wasm.digest"), rel.envelope().wasm().toString());

        // version metadata carries a receipt against the current checkpoint
        JsonPath version = given().get("/v1/packages/" + p.namespace() + "/logged/versions/1.0.0").then().statusCode(200).extract().jsonPath();
        assertEquals(rel, checkReceipt(version, "transparency"));

        given().header("Authorization", p.bearer()).post("/v1/packages/" + p.namespace() + "/logged/versions/1.0.0/yank").then().statusCode(200);
        given().header("Authorization", p.bearer()).post("/v1/packages/" + p.namespace() + "/logged/versions/1.0.0/unyank").then().statusCode(200);
        SigningKey second = SigningKey.generate();
        byte[] sig = p.key().sign(new KeyStatement(p.namespace(), second.publicKey(), p.key().publicKey().keyId()).canonicalBytes());
        given().header("Authorization", p.bearer()).contentType("application/json")
                .body(Map.of("publicKey", second.publicKey().toString(), "signerKeyId", p.key().publicKey().keyId(),
                        "signature", Base64.getEncoder().encodeToString(sig)))
                .post("/v1/namespaces/" + p.namespace() + "/keys").then().statusCode(201);
        given().header("Authorization", p.bearer()).post("/v1/namespaces/" + p.namespace() + "/keys/" + p.key().publicKey().keyId() + "/revoke")
                .then().statusCode(200);

        Checkpoint after = LogReader.checkpoint();
        List<LogEntry> mine = LogReader.entries(after.size()).subList((int) before, (int) after.size()).stream()
                .map(LogEntries::parse).filter(e -> e.text().contains(p.namespace())).toList();
        assertEquals(List.of("namespace-created", "key-added", "release-published", "release-yanked", "release-unyanked", "key-added",
                "key-revoked"), mine.stream().map(LogEntry::kind).toList());
        LogEntry.KeyAdded vouched = (LogEntry.KeyAdded) mine.get(5);
        assertEquals(second.publicKey(), vouched.key());
        assertEquals(Base64.getEncoder().encodeToString(sig), vouched.signature());
        assertEquals(null, ((LogEntry.KeyAdded) mine.get(1)).signerKeyId());
    }

    @Test
    void proofsBetweenAnySizesVerify() {
        Fixtures.publisher();
        Checkpoint first = LogReader.checkpoint();
        Fixtures.publisher();
        Fixtures.publisher();
        Checkpoint now = LogReader.checkpoint();
        List<byte[]> entries = LogReader.entries(now.size());
        assertEquals(now.root(), LogReader.root(entries, 0, entries.size()), "the checkpoint's root is the entries' RFC 6962 root");
        for (long m = Math.max(1, now.size() - 12); m <= now.size(); m++) {
            JsonPath c = given().get("/tlog/proof/consistency?from=" + m + "&to=" + now.size()).then().statusCode(200).extract().jsonPath();
            assertEquals(m, c.getLong("from"));
            Merkle.verifyConsistency(m, now.size(), LogReader.hashes(c.getList("hashes", String.class)),
                    LogReader.root(entries, 0, (int) m), now.root());
            JsonPath i = given().get("/tlog/proof/inclusion?index=" + (m - 1) + "&size=" + now.size()).then().statusCode(200).extract().jsonPath();
            Merkle.verifyInclusion(Merkle.leafHash(entries.get((int) m - 1)), m - 1, now.size(),
                    LogReader.hashes(i.getList("hashes", String.class)), now.root());
        }
        JsonPath c = given().get("/tlog/proof/consistency?from=" + first.size() + "&to=" + now.size()).then().extract().jsonPath();
        Merkle.verifyConsistency(first.size(), now.size(), LogReader.hashes(c.getList("hashes", String.class)), first.root(), now.root());
        // the level-0 tile holds the leaf hashes; a full tile is cacheable forever
        byte[] tile = given().get("/tlog/" + new ai.asterai.protocol.tlog.Tile(0, 0, (int) Math.min(256, now.size())).path())
                .then().statusCode(200).extract().asByteArray();
        assertEquals(Merkle.leafHash(entries.get(0)), ai.asterai.protocol.tlog.Hash.of(tile, 0));
    }

    @Test
    void concurrentPublishesMakeOneConsistentLog() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        Checkpoint before = LogReader.checkpoint();
        int threads = 8;
        int each = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < each; i++) {
                    String name = "conc" + t;
                    String version = "1.0." + i;
                    results.add(pool.submit(() -> p.publish(new Fixtures.Release(name, version, p.key())).then().statusCode(201)
                            .extract().jsonPath().getLong("transparency.index")));
                }
            }
            List<Long> indexes = new ArrayList<>();
            for (Future<Long> f : results) {
                indexes.add(f.get());
            }
            assertEquals(threads * each, indexes.stream().distinct().count(), "one entry per release: " + indexes);
            Collections.sort(indexes);
            assertTrue(indexes.get(0) >= before.size());
        } finally {
            pool.shutdownNow();
        }
        Checkpoint now = LogReader.checkpoint();
        List<byte[]> entries = LogReader.entries(now.size());
        assertEquals(now.root(), LogReader.root(entries, 0, entries.size()));
        long releases = entries.stream().map(LogEntries::parse).filter(e -> e instanceof LogEntry.ReleasePublished r
                && r.envelope().pkg().namespace().equals(p.namespace())).count();
        assertEquals(threads * each, releases);
        JsonPath c = given().get("/tlog/proof/consistency?from=" + before.size() + "&to=" + now.size()).then().extract().jsonPath();
        Merkle.verifyConsistency(before.size(), now.size(), LogReader.hashes(c.getList("hashes", String.class)), before.root(), now.root());
    }

    @Test
    void aPublishThatFailsLeavesNoEntry() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String user = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        // fails at commit, after the entry was appended in the same transaction
        try (Connection db = DriverManager.getConnection(url, user, "")) {
            db.createStatement().execute("create or replace function refuse_doomed() returns trigger language plpgsql as $$"
                    + " begin if new.version = '6.6.6' then raise exception 'refused by the test'; end if; return new; end $$");
            db.createStatement().execute("create constraint trigger refuse_doomed after insert on releases deferrable initially deferred"
                    + " for each row execute function refuse_doomed()");
        }
        try {
            Checkpoint before = LogReader.checkpoint();
            int status = p.publish(new Fixtures.Release("doomed", "6.6.6", p.key())).then().extract().statusCode();
            assertNotEquals(201, status);
            Checkpoint after = LogReader.checkpoint();
            assertEquals(before, after, "nothing was appended");
            given().get("/v1/packages/" + p.namespace() + "/doomed/versions/6.6.6").then().statusCode(404);
            // and the next change appends at the very index the failed one had
            JsonPath ok = p.publish(new Fixtures.Release("doomed", "6.6.7", p.key())).then().statusCode(201).extract().jsonPath();
            assertTrue(ok.getLong("transparency.index") >= before.size());
            checkReceipt(ok, "transparency");
        } finally {
            try (Connection db = DriverManager.getConnection(url, user, "")) {
                db.createStatement().execute("drop trigger refuse_doomed on releases");
            }
        }
    }

    @Test
    void badInputGetsProblemsNeverServerErrors() {
        long size = LogReader.checkpoint().size();
        for (String path : List.of("/tlog/proof/inclusion", "/tlog/proof/inclusion?index=0", "/tlog/proof/inclusion?index=x&size=1",
                "/tlog/proof/inclusion?index=-1&size=1", "/tlog/proof/inclusion?index=0&size=99999999999999999999",
                "/tlog/proof/inclusion?index=" + size + "&size=" + size, "/tlog/proof/inclusion?index=0&size=" + (size + 1),
                "/tlog/proof/inclusion?index=0&size=0", "/tlog/proof/inclusion?index=01&size=2",
                "/tlog/proof/consistency?from=0&to=1", "/tlog/proof/consistency?from=2&to=1", "/tlog/proof/consistency?from=1",
                "/tlog/proof/consistency?from=1&to=" + (size + 1), "/tlog/proof/consistency?from=1&to=9223372036854775807",
                "/tlog/proof/consistency?from=1e3&to=5", "/tlog/proof/consistency?from=%20&to=5",
                "/tlog/tile/0/1", "/tlog/tile/0/x000/001", "/tlog/tile/9/000", "/tlog/tile/0/000.p/0", "/tlog/tile/0/000.p/256",
                "/tlog/tile/entries/x999/x999/x999/x999/x999/x999/999", "/tlog/tile/0/x001/000", "/tlog/tile/7/000",
                "/tlog/tile/entries/x100/000", "/tlog/tile/0/" + "x000/".repeat(40) + "000", "/tlog/tile/abc", "/tlog/tile/0/%2e%2e/000")) {
            given().urlEncodingEnabled(false).get(path).then().statusCode(greaterThanOrEqualTo(400)).statusCode(lessThan(500))
                    .contentType("application/problem+json");
        }
        given().get("/tlog/proof/inclusion?index=x&size=1").then().statusCode(400).body("field", equalTo("index"));
        given().get("/tlog/tile/0/x001/000").then().statusCode(404);
    }
}
