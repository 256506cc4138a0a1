package ai.asterai.registry.oci;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.oci.OciDescriptor;
import java.util.List;
import java.util.Optional;

/**
 * Releases that arrived over OCI push keep the manifests their client pushed, byte for byte: the read
 * side serves those (by tag and by digest, with their referrers) instead of the generated ones, so a
 * client pulls exactly the digests it pushed. The push side ({@code oci.push}) answers; only released
 * content is ever returned, pending pushes stay invisible.
 */
public interface PushedArtifacts {
    /** The pushed component manifest of a release, when the release came from a push. */
    Optional<byte[]> componentOf(long releaseId);

    /** A released pushed manifest or a blob one names, in this repository; null when there is none. */
    OciContent find(String repository, Digest digest);

    /** The pushed referrers of a released pushed manifest (empty when it has none or is not pushed). */
    List<OciDescriptor> referrers(String repository, Digest subject);
}
