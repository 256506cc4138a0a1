package ai.asterai.registry.tlog;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.tlog.Checkpoint;
import ai.asterai.protocol.tlog.Cosigner;
import ai.asterai.protocol.tlog.NoteSignature;
import ai.asterai.protocol.tlog.SignedNote;
import ai.asterai.registry.api.Fixtures;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * An independent implementation checks the served log: a small Go program (src/test/go/tlogcheck)
 * built on Go's golang.org/x/mod/sumdb/note and sumdb/tlog (Debian's golang-golang-x-mod-dev, built
 * offline) verifies the checkpoint signature with the served key, a consistency proof from an earlier
 * checkpoint, every entry's inclusion proof, and the tiles (authenticated against the root by Go's
 * TileHashReader, and giving the same proofs). Installed by .ci/ensure-go.sh; skips only without Go.
 */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class GoTlogCheckTest {
    private static final Path GOPATH = Path.of("/usr/share/gocode");

    @Test
    void goVerifiesTheServedLog() throws Exception {
        Path go = goBinary();
        Assumptions.assumeTrue(go != null && Files.isDirectory(GOPATH.resolve("src/golang.org/x/mod/sumdb/tlog")),
                "Go or golang.org/x/mod is missing: run .ci/ensure-go.sh (Debian golang-go, golang-golang-x-mod-dev)");
        Path out = Path.of("target/tlogcheck").toAbsolutePath();
        Files.createDirectories(out);
        Path binary = out.resolve("tlogcheck");
        run(List.of(go.toString(), "build", "-o", binary.toString(), "./src/test/go/tlogcheck"), out, "go build");

        Fixtures.Publisher p = Fixtures.publisher();
        p.publish(new Fixtures.Release("gochecked", "1.0.0", p.key())).then().statusCode(201);
        Path earlier = out.resolve("earlier-checkpoint");
        Files.writeString(earlier, LogReader.checkpointNote(), StandardCharsets.UTF_8);
        long earlierSize = LogReader.checkpoint().size();
        // past a full tile of 256 entries, so full and partial tiles at level 0 and a level-1 tile are read
        for (int i = 0; i < 300; i++) {
            given().header("Authorization", Fixtures.ADMIN).contentType("application/json").body(Map.of("name", Fixtures.uniqueNamespace()))
                    .post("/v1/namespaces").then().statusCode(201);
        }
        p.publish(new Fixtures.Release("gochecked", "1.0.1", p.key())).then().statusCode(201);
        Checkpoint now = LogReader.checkpoint();
        assertTrue(now.size() > 256 + earlierSize - 1);

        // both configured witnesses cosign the current checkpoint; Go checks their cosignatures too
        for (Cosigner w : List.of(WitnessCosignatureTest.ONE, WitnessCosignatureTest.TWO)) {
            SignedNote served = SignedNote.parse(LogReader.checkpointNote().getBytes(StandardCharsets.UTF_8));
            List<NoteSignature> lines = new ArrayList<>(served.signatures());
            lines.add(w.cosign(now, System.currentTimeMillis() / 1000).noteSignature());
            given().contentType("text/plain; charset=utf-8").body(new SignedNote(served.text(), lines).format().getBytes(StandardCharsets.UTF_8))
                    .post("/tlog/cosignature").then().statusCode(200);
        }
        String output = run(List.of(binary.toString(), TestHTTPResourceManager.getUri(), earlier.toString(),
                WitnessCosignatureTest.ONE.verifier().text(), WitnessCosignatureTest.TWO.verifier().text()), out, "tlogcheck");
        System.out.print(output);
        assertTrue(output.contains("ok checkpoint registry.test/asterai size " + now.size()), output);
        assertTrue(output.contains("ok consistency " + earlierSize + " -> " + now.size()), output);
        assertTrue(output.contains("ok inclusion of all " + now.size() + " entries"), output);
        assertTrue(output.contains("ok tiles give the root"), output);
        assertTrue(output.contains("ok sumdb/note refuses the type 0x04 key as a note verifier key"), output);
        assertTrue(output.contains("ok cosignature witness.test/one"), output);
        assertTrue(output.contains("ok cosignature witness.test/two"), output);
    }

    private static Path goBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "go");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        Path debian = Path.of("/usr/lib/go/bin/go");
        return Files.isExecutable(debian) ? debian : null;
    }

    private static String run(List<String> command, Path work, String what) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.directory(Path.of("").toAbsolutePath().toFile());
        Map<String, String> env = pb.environment();
        env.put("GO111MODULE", "off");
        env.put("GOPATH", GOPATH.toString());
        env.put("GOCACHE", work.resolve("go-cache").toString());
        env.put("GOFLAGS", "");
        env.put("NO_PROXY", "*");
        Process process = pb.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), what + " finished");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), what + " failed:\n" + text);
        return text;
    }
}
