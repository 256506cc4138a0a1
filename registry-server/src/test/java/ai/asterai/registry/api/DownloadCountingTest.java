package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A download is a completed GET of a release's wasm: HEAD, an aborted transfer and a repeat by the
 * same client within the window do not count (downloads rank search, so they must mean something).
 */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class DownloadCountingTest {

    private static int downloads(String version) {
        return given().get(version).then().statusCode(200).extract().path("downloads");
    }

    /** Waits for the counter's flush (every second in tests) and a little more. */
    private static void settle() throws InterruptedException {
        Thread.sleep(2_500);
    }

    @Test
    void headDoesNotCount() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        p.publish(new Fixtures.Release("headed", "1.0.0", p.key())).then().statusCode(201);
        String v = "/v1/packages/" + p.namespace() + "/headed/versions/1.0.0";
        for (int i = 0; i < 3; i++) {
            given().head(v + "/wasm").then().statusCode(200);
        }
        settle();
        assertEquals(0, downloads(v));
    }

    @Test
    void abortedDownloadDoesNotCount() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release("aborted", "1.0.0", p.key());
        r.wasm = Fixtures.moduleOfSize(1_900_000, 7); // under the 2M upload limit of the tests, far over socket buffers
        p.publish(r).then().statusCode(201);
        String v = "/v1/packages/" + p.namespace() + "/aborted/versions/1.0.0";
        for (int i = 0; i < 2; i++) {
            try (Socket s = new Socket()) {
                s.setReceiveBufferSize(4096); // a small window: the server cannot hand it the whole body
                s.connect(new InetSocketAddress("127.0.0.1", RestAssured.port));
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(("GET " + v + "/wasm HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
                assertEquals("HTTP/1.1 200", head);
                s.setSoLinger(true, 0); // reset: the client is gone
            }
        }
        settle();
        assertEquals(0, downloads(v));
        // a complete download still counts
        given().get(v + "/wasm").then().statusCode(200);
        settle();
        assertEquals(1, downloads(v));
    }

    @Test
    void oneClientCountsOncePerVersionPerWindow() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        p.publish(new Fixtures.Release("repeated", "1.0.0", p.key())).then().statusCode(201);
        p.publish(new Fixtures.Release("repeated", "1.0.1", p.key())).then().statusCode(201);
        String v0 = "/v1/packages/" + p.namespace() + "/repeated/versions/1.0.0";
        String v1 = "/v1/packages/" + p.namespace() + "/repeated/versions/1.0.1";
        given().get(v0 + "/wasm").then().statusCode(200);
        given().get(v0 + "/wasm").then().statusCode(200);
        given().get(v1 + "/wasm").then().statusCode(200);
        settle();
        assertEquals(1, downloads(v0));
        assertEquals(1, downloads(v1));
    }
}
