package ai.asterai.registry.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/**
 * Uploads whose wasm declares far more than it holds (issue #11: a 22-byte publish stopped every
 * replica), and the order of a publish's checks: nothing in the wasm is read before the signature
 * over its digest holds.
 */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class HostileWasmUploadTest {
    private static final long HUGE = 256L << 20;

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 0x61, 0x73, 0x6d, 1, 0, 0, 0});
        for (Object p : parts) {
            if (p instanceof Long l) {
                long v = l;
                do {
                    int b = (int) (v & 0x7f);
                    v >>>= 7;
                    out.write(v != 0 ? b | 0x80 : b);
                } while (v != 0);
            } else {
                out.write((Integer) p);
            }
        }
        return out.toByteArray();
    }

    @Test
    void wasmDeclaringHugeLengthsIsRefusedWithTheOffset() {
        Fixtures.Publisher p = Fixtures.publisher();
        List<byte[]> hostile = List.of(
                bytes(0, 5L, HUGE),                          // custom section name of 256 MiB (22 bytes)
                bytes(11, 7L, 1L, 1L, HUGE),                 // a passive data segment of 256 MiB
                bytes(2, 6L, 1L, HUGE),                      // an import module name of 256 MiB
                bytes(1, 7L, 1L, 0x60, 0xffffffffL),          // a type with 2^32-1 parameters
                bytes(9, 5L, 0xffffffffL),                   // 2^32-1 element segments
                bytes(10, 5L, 0xffffffffL));                 // 2^32-1 function bodies
        int i = 0;
        for (byte[] wasm : hostile) {
            Fixtures.Release r = new Fixtures.Release("huge" + i++, "1.0.0", p.key());
            r.wasm = wasm;
            p.publish(r).then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("wasm"))
                    .body("detail", containsString("malformed WebAssembly at byte"));
            given().get("/v1/packages/" + p.namespace() + "/" + r.name).then().statusCode(404);
        }
    }

    @Test
    void aComponentWithAMalformedNestedModuleIsRefused() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release("badcomponent", "1.0.0", p.key());
        // component header, then a core module section whose module declares a 256 MiB custom name
        byte[] inner = bytes(0, 5L, HUGE);
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        c.writeBytes(new byte[] {0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 1, (byte) inner.length});
        c.writeBytes(inner);
        r.wasm = c.toByteArray();
        p.publish(r).then().statusCode(400).body("field", equalTo("wasm"))
                .body("detail", containsString("malformed WebAssembly at byte 20"));
    }

    @Test
    void theSignatureIsCheckedBeforeTheWasmIsParsed() {
        Fixtures.Publisher p = Fixtures.publisher();
        // signed by a key the namespace does not have: refused for that, whatever the wasm holds
        Fixtures.Release stranger = new Fixtures.Release("unsigned", "1.0.0", SigningKey.generate());
        stranger.wasm = bytes(0, 5L, HUGE);
        p.publish(stranger).then().statusCode(400).body("field", equalTo("signature"))
                .body("detail", containsString("is not a key of namespace"));
        // signed by the namespace's key over other bytes: the signature fails before the wasm is read
        Fixtures.Release forged = new Fixtures.Release("forged", "1.0.0", p.key());
        forged.wasm = bytes(0, 5L, HUGE);
        forged.signedWasm = Fixtures.emptyModule();
        p.publish(forged).then().statusCode(400).body("field", equalTo("signature"))
                .body("detail", containsString("does not verify"));
    }
}
