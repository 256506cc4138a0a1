package ai.asterai.registry.oci.push;

import ai.asterai.registry.blob.BlobReferences;
import jakarta.enterprise.context.ApplicationScoped;

/** Pushed manifests name blobs no release names (their config, the empty config, the signature bundle): the collector keeps those. */
@ApplicationScoped
public class PushedBlobReferences implements BlobReferences {
    private final ManifestStore store;

    public PushedBlobReferences(ManifestStore store) {
        this.store = store;
    }

    @Override
    public boolean referenced(String digest) {
        return store.namesBlob(digest);
    }
}
