package ai.asterai.registry.release;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.wit.DepsProvider;
import ai.asterai.protocol.wit.model.WitPackageName;
import ai.asterai.registry.blob.BlobStore;
import ai.asterai.registry.blob.BlobStoreException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Supplies the WIT of foreign packages from interface releases already published: {@code ns:pkg@1.2.3}
 * is the WIT of release 1.2.3 of the interface package {@code ns:pkg}.
 */
@ApplicationScoped
public class WitDeps implements DepsProvider {
    private final BlobStore blobs;
    private final ReleaseStore store;

    public WitDeps(BlobStore blobs, ReleaseStore store) {
        this.blobs = blobs;
        this.store = store;
    }

    @Override
    public String load(WitPackageName id) {
        if (id.version() == null) {
            return null;
        }
        Release r = store.interfaceRelease(id.toString());
        if (r == null) {
            return null;
        }
        try (InputStream in = blobs.open(Digest.parse(r.witDigest), 0, -1)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (BlobStoreException e) {
            throw new IllegalStateException("object store unavailable while loading WIT dependency " + id, e);
        }
    }
}
