package ai.asterai.registry.oci.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the OCI push side (docs/oci.md "Push", docs/operations.md). */
@ConfigMapping(prefix = "asterai.oci-push")
public interface OciPushConfig {
    /** How long a bearer token from {@code /v2/token} is good for. */
    @WithDefault("PT5M")
    Duration tokenLifetime();

    /** A blob upload session not finished within this is gone (BLOB_UPLOAD_UNKNOWN). */
    @WithDefault("PT1H")
    Duration uploadExpiry();

    /** A pushed component manifest whose signature referrer has not arrived within this is dropped. */
    @WithDefault("PT1H")
    Duration pendingExpiry();

    /** Blob upload requests (POST, PATCH, PUT) allowed per token per window ({@code asterai.publish-rate.window}). */
    @WithDefault("600")
    int uploadRateLimit();

    /** Chunks one upload session may have. */
    @WithDefault("1000")
    int maxChunks();

    /** How often expired sessions, tokens and pending manifests are deleted ({@code off}: never). */
    @WithDefault("5m")
    String cleanEvery();
}
