package ai.asterai.registry.tlog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.tlog.Checkpoint;
import ai.asterai.protocol.tlog.Cosigner;
import ai.asterai.protocol.tlog.NoteSignature;
import ai.asterai.protocol.tlog.SignedNote;
import ai.asterai.registry.api.Fixtures;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Witness cosignatures against the real PostgreSQL: a configured witness's cosignature is kept and
 * served with the checkpoint of its tree size only; every bad submission is a 4xx problem.
 */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class WitnessCosignatureTest {
    /** The witnesses application.properties configures for the test profile. */
    static final Cosigner ONE = new Cosigner("witness.test/one", SigningKey.fromSeed("witness-one-test-key-0123456789a".getBytes(StandardCharsets.US_ASCII)));
    static final Cosigner TWO = new Cosigner("witness.test/two", SigningKey.fromSeed("witness-two-test-key-0123456789a".getBytes(StandardCharsets.US_ASCII)));

    /** The served checkpoint with {@code cosigner}'s cosignature at {@code time} added. */
    private static String cosigned(String served, Cosigner cosigner, long time) {
        SignedNote note = SignedNote.parse(served.getBytes(StandardCharsets.UTF_8));
        List<NoteSignature> lines = new ArrayList<>(note.signatures());
        lines.add(cosigner.cosign(Checkpoint.parse(note.text()), time).noteSignature());
        return new SignedNote(note.text(), lines).format();
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static void post(String body, int status) {
        given().contentType("text/plain; charset=utf-8").body(body.getBytes(StandardCharsets.UTF_8)).post("/tlog/cosignature").then().statusCode(status)
                .contentType(status == 200 ? "text/plain" : "application/problem+json");
    }

    @Test
    void aWitnessCosignatureIsServedForItsTreeSizeOnly() {
        Fixtures.Publisher p = Fixtures.publisher();
        p.publish(new Fixtures.Release("witnessed", "1.0.0", p.key())).then().statusCode(201);
        String served = LogReader.checkpointNote();
        String mine = cosigned(served, ONE, now());
        String answer = given().contentType("text/plain; charset=utf-8").body(mine.getBytes(StandardCharsets.UTF_8)).post("/tlog/cosignature").then().statusCode(200).extract().asString();

        SignedNote now = SignedNote.parse(LogReader.checkpointNote().getBytes(StandardCharsets.UTF_8));
        assertEquals(answer, LogReader.checkpointNote());
        assertEquals(2, now.signatures().size(), answer);
        assertEquals(now.text(), now.verifiedBy(LogReader.verifier()));
        assertTrue(ONE.verifier().verify(now.text(), now.signatures().get(1)) > 0);

        // the second witness adds its own; a repeat by the first replaces, never duplicates
        post(cosigned(served, TWO, now()), 200);
        post(cosigned(served, ONE, now() + 1), 200);
        SignedNote both = SignedNote.parse(LogReader.checkpointNote().getBytes(StandardCharsets.UTF_8));
        assertEquals(3, both.signatures().size());
        assertEquals(now() + 1 >= ONE.verifier().verify(both.text(), both.signatures().get(1)), true);
        TWO.verifier().verify(both.text(), both.signatures().get(2));

        // the log grows: the old cosignatures no longer match the served tree size, so they are not served
        p.publish(new Fixtures.Release("witnessed", "1.0.1", p.key())).then().statusCode(201);
        assertEquals(1, SignedNote.parse(LogReader.checkpointNote().getBytes(StandardCharsets.UTF_8)).signatures().size());
        // and a cosignature of the old tree is refused as stale
        post(cosigned(served, ONE, now()), 409);
    }

    @Test
    void badCosignaturesAre4xx() {
        Fixtures.Publisher p = Fixtures.publisher();
        p.publish(new Fixtures.Release("badwitness", "1.0.0", p.key())).then().statusCode(201);
        String served = LogReader.checkpointNote();
        Checkpoint cp = LogReader.open(served);

        post("", 400);
        post("garbage", 400);
        post("not\na\ncheckpoint\n\n\u2014 x AAAAAAAA\n", 400);
        post("x".repeat(70 * 1024), 400);
        // a key no one configured
        Cosigner stranger = new Cosigner("witness.test/one", SigningKey.generate());
        post(cosigned(served, stranger, now()), 403);
        // only the log's own signature
        post(served, 403);
        // a configured witness's line with a broken signature
        String good = cosigned(served, ONE, now());
        int at = good.lastIndexOf(' ') + 20;
        String broken = good.substring(0, at) + (good.charAt(at) == 'A' ? 'B' : 'A') + good.substring(at + 1);
        post(broken, 400);
        // the right witness, dated an hour ahead
        post(cosigned(served, ONE, now() + 3600), 400);
        // another log's checkpoint, and this log's size with another root
        Checkpoint other = new Checkpoint("other.example", cp.size(), cp.root());
        String otherNote = new SignedNote(other.text(), List.of(ONE.cosign(other, now()).noteSignature())).format();
        post(otherNote, 400);
        Checkpoint forked = new Checkpoint(cp.origin(), cp.size(), ai.asterai.protocol.tlog.Merkle.emptyRoot());
        post(new SignedNote(forked.text(), List.of(ONE.cosign(forked, now()).noteSignature())).format(), 400);
        // a larger tree than the log has
        Checkpoint ahead = new Checkpoint(cp.origin(), cp.size() + 5, cp.root());
        post(new SignedNote(ahead.text(), List.of(ONE.cosign(ahead, now()).noteSignature())).format(), 409);
        // none of that was kept
        given().get("/tlog/checkpoint").then().statusCode(200).body(equalTo(served));
    }
}
