package ai.asterai.registry.oci.push;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.oci.OciDescriptor;
import ai.asterai.protocol.oci.OciManifest;
import ai.asterai.protocol.oci.OciMediaTypes;
import ai.asterai.registry.oci.OciContent;
import ai.asterai.registry.oci.PushedArtifacts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the read side serves of pushed manifests: released ones only, byte for byte. */
@ApplicationScoped
public class PushedArtifactsSource implements PushedArtifacts {
    private final ManifestStore store;

    public PushedArtifactsSource(ManifestStore store) {
        this.store = store;
    }

    @Override
    public Optional<byte[]> componentOf(long releaseId) {
        return QuarkusTransaction.joiningExisting().call(() -> store.componentOf(releaseId)).map(ManifestStore.Row::content);
    }

    @Override
    public OciContent find(String repository, Digest digest) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Optional<ManifestStore.Row> m = store.byDigest(repository, digest.toString()).filter(r -> r.releaseId() != null);
            if (m.isPresent()) {
                return new OciContent.Generated(digest, m.get().content(), OciMediaTypes.IMAGE_MANIFEST);
            }
            Optional<ManifestStore.BlobRef> b = store.releasedBlob(repository, digest.toString());
            return b.<OciContent>map(ref -> new OciContent.Stored(digest, ref.size(), ref.mediaType(), 0L)).orElse(null);
        });
    }

    @Override
    public List<OciDescriptor> referrers(String repository, Digest subject) {
        List<ManifestStore.Row> rows = QuarkusTransaction.joiningExisting().call(() -> store.bySubject(repository, subject.toString()));
        List<OciDescriptor> out = new ArrayList<>();
        for (ManifestStore.Row r : rows) {
            if (r.releaseId() == null) {
                continue;
            }
            OciManifest m = OciManifest.parse(r.content());
            String artifactType = m.artifactType() != null ? m.artifactType() : m.config().mediaType();
            out.add(new OciDescriptor(OciMediaTypes.IMAGE_MANIFEST, Digest.parse(r.digest()), r.content().length, artifactType, m.annotations()));
        }
        return out;
    }
}
