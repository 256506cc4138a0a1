package ai.asterai.registry.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.crypto.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's listing and deletion, which the blob collector relies on. */
class FileBlobStoreTest {
    @TempDir
    Path dir;

    private Digest put(FileBlobStore store, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path f = Files.writeString(dir.resolve("in-" + text), text);
        Digest d = Digest.of(bytes);
        store.put(d, f, bytes.length);
        return d;
    }

    @Test
    void listsOnlyItsOwnBlobsAndDeletesIdempotently() throws Exception {
        FileBlobStore store = new FileBlobStore(dir.resolve("blobs"));
        Digest a = put(store, "alpha");
        Digest b = put(store, "beta");
        // things in the folder that are not blobs it wrote: an interrupted upload, a stray file
        Path fan = dir.resolve("blobs").resolve(BlobStore.key(a)).getParent();
        Files.writeString(fan.resolve(".upload123.tmp"), "partial");
        Files.writeString(dir.resolve("blobs/sha256/README"), "not a blob");
        Files.createDirectories(dir.resolve("blobs/other"));
        Files.writeString(dir.resolve("blobs/other/" + a.hex()), "elsewhere");

        List<BlobStore.StoredBlob> seen = new ArrayList<>();
        store.list(seen::add);
        assertEquals(2, seen.size(), seen.toString());
        assertTrue(seen.stream().anyMatch(s -> s.digest().matches(a) && s.size() == 5));
        assertTrue(seen.stream().anyMatch(s -> s.digest().matches(b) && s.size() == 4));

        store.delete(a);
        store.delete(a);
        assertFalse(store.exists(a));
        assertTrue(store.exists(b));
        assertTrue(Files.exists(fan.resolve(".upload123.tmp")), "what is not a blob is never deleted");
        assertTrue(Files.exists(dir.resolve("blobs/other/" + a.hex())));
    }

    @Test
    void anEmptyStoreListsNothing() throws Exception {
        List<BlobStore.StoredBlob> seen = new ArrayList<>();
        new FileBlobStore(dir.resolve("empty")).list(seen::add);
        assertTrue(seen.isEmpty());
    }
}
