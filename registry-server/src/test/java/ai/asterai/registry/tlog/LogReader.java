package ai.asterai.registry.tlog;

import static io.restassured.RestAssured.given;

import ai.asterai.protocol.tlog.Checkpoint;
import ai.asterai.protocol.tlog.EntryBundle;
import ai.asterai.protocol.tlog.Hash;
import ai.asterai.protocol.tlog.Merkle;
import ai.asterai.protocol.tlog.NoteVerifier;
import ai.asterai.protocol.tlog.SignedNote;
import ai.asterai.protocol.tlog.Tile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the served log as an outside verifier would: key, signed checkpoint, entry bundles, proofs. */
final class LogReader {
    private LogReader() {
    }

    static NoteVerifier verifier() {
        return NoteVerifier.parse(given().get("/tlog/key").then().statusCode(200).contentType("text/plain").extract().asString());
    }

    static String checkpointNote() {
        return given().get("/tlog/checkpoint").then().statusCode(200).header("Cache-Control", "no-cache").extract().asString();
    }

    /** The current checkpoint, its signature checked with the served key. */
    static Checkpoint checkpoint() {
        return open(checkpointNote());
    }

    static Checkpoint open(String note) {
        return Checkpoint.parse(SignedNote.parse(note.getBytes(StandardCharsets.UTF_8)).verifiedBy(verifier()));
    }

    /** Every entry of the tree of {@code size} entries, from the entry bundles. */
    static List<byte[]> entries(long size) {
        List<byte[]> out = new ArrayList<>();
        for (long n = 0; n * Tile.WIDTH < size; n++) {
            int width = (int) Math.min(Tile.WIDTH, size - n * Tile.WIDTH);
            byte[] bundle = given().get("/tlog/" + new Tile(Tile.ENTRIES, n, width).path()).then().statusCode(200).extract().asByteArray();
            out.addAll(EntryBundle.decode(bundle));
        }
        return out;
    }

    /** RFC 6962's root of these entries, computed from scratch. */
    static Hash root(List<byte[]> entries, int lo, int hi) {
        if (hi - lo == 1) {
            return Merkle.leafHash(entries.get(lo));
        }
        int k = Integer.highestOneBit(hi - lo - 1);
        return Merkle.nodeHash(root(entries, lo, lo + k), root(entries, lo + k, hi));
    }

    static List<Hash> hashes(List<String> base64) {
        return base64.stream().map(h -> Hash.parseBase64("hash", h)).toList();
    }
}
