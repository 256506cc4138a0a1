package ai.asterai.registry.release;

import ai.asterai.registry.blob.BlobReferences;
import jakarta.enterprise.context.ApplicationScoped;

/** Releases name their parts' blobs by digest: the collector keeps every blob a release names. */
@ApplicationScoped
public class ReleaseBlobReferences implements BlobReferences {
    @Override
    public boolean referenced(String digest) {
        return Release.count("manifestDigest = ?1 or wasmDigest = ?1 or witDigest = ?1", digest) > 0;
    }
}
