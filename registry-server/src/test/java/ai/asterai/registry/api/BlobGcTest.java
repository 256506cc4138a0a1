package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.registry.blob.BlobCollector;
import ai.asterai.registry.blob.BlobLease;
import ai.asterai.registry.blob.BlobLeases;
import ai.asterai.registry.blob.BlobStore;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The blob collector against real PostgreSQL and a real S3 server: what a failed publish left behind
 * goes, what any release refers to stays, and a publish racing the collector never loses a blob.
 */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class BlobGcTest {
    @Inject
    EntityManager em;

    @Inject
    BlobStore store;

    @Inject
    BlobLeases leases;

    @Inject
    BlobCollector collector;

    private static byte[] uniqueModule() {
        return Fixtures.moduleOfSize(10_000 + ThreadLocalRandom.current().nextInt(50_000), ThreadLocalRandom.current().nextInt(256));
    }

    private Digest putDirectly(byte[] bytes) throws Exception {
        Path f = Files.createTempFile("blob", ".bin");
        try {
            Files.write(f, bytes);
            Digest d = Digest.of(bytes);
            store.put(d, f, bytes.length);
            return d;
        } finally {
            Files.delete(f);
        }
    }

    private void expireLease(Digest d) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update blob_leases set lease_until = ?1 where digest = ?2")
                .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1)).setParameter(2, d.toString()).executeUpdate());
    }

    private static io.restassured.response.ValidatableResponse gc(String minAge) {
        var request = given().header("Authorization", Fixtures.ADMIN);
        if (minAge != null) {
            request = request.queryParam("min-age", minAge);
        }
        return request.post("/v1/admin/blob-gc").then();
    }

    @Test
    void aFailedPublishLeavesBlobsThatAreCollectedOnceItsLeaseEndsAndReferencedBlobsStay() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release first = new Fixtures.Release("gcpkg", "1.0.0", p.key());
        first.wasm = uniqueModule();
        p.publish(first).then().statusCode(201);
        Digest kept = Digest.of(first.wasm);

        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("create or replace function injected_gc_fault() returns trigger as "
                    + "$$ begin raise exception 'injected fault'; end $$ language plpgsql").executeUpdate();
            em.createNativeQuery("create trigger injected_gc_fault before insert on releases for each row "
                    + "when (new.version = '2.0.0') execute function injected_gc_fault()").executeUpdate();
        });
        Fixtures.Release second = new Fixtures.Release("gcpkg", "2.0.0", p.key());
        second.wasm = uniqueModule();
        Digest orphan = Digest.of(second.wasm);
        try {
            p.publish(second).then().statusCode(503);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("drop trigger injected_gc_fault on releases").executeUpdate());
        }
        assertTrue(store.exists(orphan), "the failed publish stored its module before the database refused it");

        // the publish's lease still runs: nothing it stored may go
        gc("PT0S").statusCode(200).body("leased", greaterThanOrEqualTo(1));
        assertTrue(store.exists(orphan));

        expireLease(orphan);
        gc("PT0S").statusCode(200).body("deleted", greaterThanOrEqualTo(1));
        assertFalse(store.exists(orphan), "unreferenced and unleased: collected");
        assertTrue(store.exists(kept), "referenced by 1.0.0: kept");
        byte[] served = given().get("/v1/packages/" + p.namespace() + "/gcpkg/versions/1.0.0/wasm").then().statusCode(200)
                .extract().asByteArray();
        assertArrayEquals(first.wasm, served);

        // the retry stores the module again
        p.publish(second).then().statusCode(201);
        assertArrayEquals(second.wasm, given().get("/v1/packages/" + p.namespace() + "/gcpkg/versions/2.0.0/wasm").then()
                .statusCode(200).extract().asByteArray());
        // and a yanked release still holds its blobs
        given().header("Authorization", p.bearer()).post("/v1/packages/" + p.namespace() + "/gcpkg/versions/2.0.0/yank")
                .then().statusCode(200);
        gc("PT0S").statusCode(200);
        assertTrue(store.exists(orphan));
    }

    @Test
    void blobsYoungerThanTheMinimumAgeStay() throws Exception {
        Digest d = putDirectly(uniqueModule());
        BlobCollector.Report r = collector.collect(Duration.ofHours(24));
        assertTrue(r.young() >= 1, r.toString());
        assertTrue(store.exists(d));
        gc("PT0S").statusCode(200);
        assertFalse(store.exists(d), "no lease and no release: collected once old enough");
    }

    /** The interleaving that would lose data: the collector deletes a blob a publish is about to reuse. */
    @Test
    void aPublishLeasingABlobWaitsWhileTheCollectorHoldsIt() throws Exception {
        byte[] bytes = uniqueModule();
        Digest d = putDirectly(bytes);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // stands in for the collector between its lock and its commit
        CompletableFuture<Void> collectorSide = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            BlobLease lock = new BlobLease();
            lock.digest = d.toString();
            lock.leaseUntil = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
            lock.persistAndFlush();
            held.countDown();
            try {
                assertTrue(release.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            lock.delete();
        }));
        assertTrue(held.await(30, TimeUnit.SECONDS));
        CompletableFuture<Void> publishSide = CompletableFuture.runAsync(() -> leases.take(List.of(d)));
        Thread.sleep(500);
        assertFalse(publishSide.isDone(), "the publish's lease waits for the collector's transaction");
        release.countDown();
        collectorSide.get(30, TimeUnit.SECONDS);
        publishSide.get(30, TimeUnit.SECONDS);
        BlobLease lease = QuarkusTransaction.requiringNew().call(() -> BlobLease.findById(d.toString()));
        assertTrue(lease.leaseUntil.isAfter(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(30)), "the publish holds a fresh lease");
        gc("PT0S").statusCode(200);
        assertTrue(store.exists(d), "leased: kept");
    }

    @Test
    void badInputAndMissingRightsGetProblems() {
        gc("yesterday").statusCode(400).contentType("application/problem+json").body("field", equalTo("min-age"));
        gc("-PT1H").statusCode(400).contentType("application/problem+json");
        gc("P" + "9".repeat(60) + "D").statusCode(400).contentType("application/problem+json");
        given().post("/v1/admin/blob-gc").then().statusCode(401).contentType("application/problem+json");
        Fixtures.Publisher p = Fixtures.publisher();
        given().header("Authorization", p.bearer()).post("/v1/admin/blob-gc").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void theDefaultMinimumAgeKeepsEverythingRecent() {
        gc(null).statusCode(200).body("deleted", equalTo(0));
    }

    @Test
    void onlyKeysTheRegistryWritesNameDigests() {
        String hex = "ab" + "0".repeat(62);
        assertEquals("sha256:" + hex, BlobStore.digestOf("sha256/ab/" + hex).orElseThrow().toString());
        assertTrue(BlobStore.digestOf("sha256/cd/" + hex).isEmpty(), "fan-out folder does not match");
        assertTrue(BlobStore.digestOf("sha256/AB/" + hex.toUpperCase()).isEmpty());
        assertTrue(BlobStore.digestOf("sha256/ab/" + hex + ".tmp").isEmpty());
        assertTrue(BlobStore.digestOf("other/ab/" + hex).isEmpty());
        assertTrue(BlobStore.digestOf("sha256/ab/.upload123.tmp").isEmpty());
    }
}
