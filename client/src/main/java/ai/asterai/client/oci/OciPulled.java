package ai.asterai.client.oci;

import ai.asterai.client.fetch.VerifiedComponent;
import ai.asterai.protocol.crypto.Digest;
import java.nio.file.Path;

/** What an OCI pull produced: a signed release verified as on {@code /v1}, or an unsigned component the user allowed. */
public sealed interface OciPulled {
    /** The reference pinned to the component manifest's digest. */
    OciReference resolved();

    Digest wasmDigest();

    Path wasmPath();

    record Signed(OciReference resolved, VerifiedComponent component) implements OciPulled {
        @Override
        public Digest wasmDigest() {
            return component.wasmDigest().orElseThrow();
        }

        @Override
        public Path wasmPath() {
            return component.wasmPath().orElseThrow();
        }
    }

    /** Nothing vouches for it but the digests (pinned in asterai.lock when there is one). */
    record Unsigned(OciReference requested, OciReference resolved, Digest manifestDigest, Digest wasmDigest, Path wasmPath)
            implements OciPulled {
    }
}
