package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A publish is all or nothing, whatever fails midway, and a version is taken exactly once. */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class ReliabilityTest {
    @Inject
    EntityManager em;

    @Test
    void objectStoreDownMidPublishLeavesNothingAndRetrySucceeds() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release("s3fault", "1.0.0", p.key());
        r.wasm = Fixtures.moduleOfSize(20_000, 5);
        S3ProxyTestResource.s3().stop();
        try {
            p.publish(r).then().statusCode(503).header("Retry-After", "5").contentType("application/problem+json");
            given().get("/v1/packages/" + p.namespace() + "/s3fault").then().statusCode(404);
            Fixtures.management().get("/q/health/ready").then().statusCode(503);
        } finally {
            S3ProxyTestResource.s3().launch();
        }
        p.publish(r).then().statusCode(201);
        given().get("/v1/packages/" + p.namespace() + "/s3fault/versions/1.0.0/wasm").then().statusCode(200);
    }

    @Test
    void aBlobHeldInMemoryIsServedWithoutTheObjectStore() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release("cached", "1.0.0", p.key());
        r.wasm = Fixtures.moduleOfSize(30_000, 7);
        p.publish(r).then().statusCode(201);
        String digest = ai.asterai.protocol.crypto.Digest.of(r.wasm).toString();
        given().get("/v1/blobs/" + digest).then().statusCode(200); // read once: now in memory
        S3ProxyTestResource.s3().stop();
        try {
            byte[] served = given().get("/v1/blobs/" + digest).then().statusCode(200).header("ETag", "\"" + digest + "\"")
                    .extract().asByteArray();
            org.junit.jupiter.api.Assertions.assertArrayEquals(r.wasm, served);
            given().header("Range", "bytes=0-9").get("/v1/blobs/" + digest).then().statusCode(206);
            // a blob not in memory needs the store: a clear 503, not a 404
            given().get("/v1/blobs/sha256:" + "0".repeat(64)).then().statusCode(503).header("Retry-After", "5");
        } finally {
            S3ProxyTestResource.s3().launch();
        }
    }

    @Test
    void databaseFailureMidPublishLeavesNothingAndRetrySucceeds() {
        Fixtures.Publisher p = Fixtures.publisher();
        // first version creates the package, so the fault hits the release insert itself
        p.publish(new Fixtures.Release("dbfault", "1.0.0", p.key())).then().statusCode(201);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("create or replace function injected_fault() returns trigger as "
                    + "$$ begin raise exception 'injected fault'; end $$ language plpgsql").executeUpdate();
            em.createNativeQuery("create trigger injected_fault before insert on releases for each row "
                    + "when (new.version = '2.0.0') execute function injected_fault()").executeUpdate();
        });
        try {
            p.publish(new Fixtures.Release("dbfault", "2.0.0", p.key())).then().statusCode(503).header("Retry-After", "5");
            given().get("/v1/packages/" + p.namespace() + "/dbfault/versions/2.0.0").then().statusCode(404);
            given().get("/v1/packages/" + p.namespace() + "/dbfault").then().body("versions.version", equalTo(List.of("1.0.0")));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("drop trigger injected_fault on releases").executeUpdate());
        }
        p.publish(new Fixtures.Release("dbfault", "2.0.0", p.key())).then().statusCode(201);
    }

    @Test
    void aFirstPublishThatFailsLeavesNoEmptyPackage() {
        // issue #12: the package row was committed in its own transaction before the release's, so a
        // first publish refused at the release insert left an empty package visible
        Fixtures.Publisher p = Fixtures.publisher();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("create or replace function injected_first_fault() returns trigger as "
                    + "$$ begin raise exception 'injected fault'; end $$ language plpgsql").executeUpdate();
            em.createNativeQuery("create trigger injected_first_fault before insert on releases for each row "
                    + "when (new.version = '7.7.7') execute function injected_first_fault()").executeUpdate();
        });
        try {
            p.publish(new Fixtures.Release("firstfault", "7.7.7", p.key())).then().statusCode(503);
            given().get("/v1/packages/" + p.namespace() + "/firstfault").then().statusCode(404);
            given().get("/v1/namespaces/" + p.namespace()).then().statusCode(200).body("packages", equalTo(List.of()));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("drop trigger injected_first_fault on releases").executeUpdate());
        }
        p.publish(new Fixtures.Release("firstfault", "7.7.7", p.key())).then().statusCode(201);
    }

    @Test
    void concurrentPublishesOfOneVersionGiveExactlyOneCreated() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                int seed = i;
                results.add(pool.submit(() -> {
                    Fixtures.Release r = new Fixtures.Release("race", "1.0.0", p.key());
                    r.wasm = Fixtures.moduleOfSize(4000, seed);
                    start.await();
                    return p.publish(r).then().extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : results) {
                codes.add(f.get());
            }
            assertEquals(1, Collections.frequency(codes, 201), "codes: " + codes);
            assertEquals(n - 1, Collections.frequency(codes, 409), "codes: " + codes);
        } finally {
            pool.shutdownNow();
        }
        given().get("/v1/packages/" + p.namespace() + "/race").then().body("versions.version", equalTo(List.of("1.0.0")));
    }

    @Test
    void concurrentFirstPublishesOfANewPackageAllSucceed() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String v = "1.0." + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return p.publish(new Fixtures.Release("fresh", v, p.key())).then().extract().statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> f : results) {
                assertEquals(201, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        given().get("/v1/packages/" + p.namespace() + "/fresh").then().body("versions.size()", equalTo(n));
    }
}
