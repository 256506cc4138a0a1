package ai.asterai.registry.release;

import ai.asterai.registry.blob.BlobReferences;
import jakarta.enterprise.context.ApplicationScoped;

/** Releases name their parts' blobs by digest: the collector keeps every blob a release names. */
@ApplicationScoped
public class ReleaseBlobReferences implements BlobReferences {
    private final ReleaseStore store;

    public ReleaseBlobReferences(ReleaseStore store) {
        this.store = store;
    }

    @Override
    public boolean referenced(String digest) {
        return store.namesBlob(digest);
    }
}
