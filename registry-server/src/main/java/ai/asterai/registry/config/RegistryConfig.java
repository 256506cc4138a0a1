package ai.asterai.registry.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every registry setting; docs/operations.md lists them with their environment variables. */
@ConfigMapping(prefix = "asterai")
public interface RegistryConfig {
    /** {@code s3} (MinIO or any S3-compatible store) or {@code filesystem} (embedded default). */
    @WithDefault("s3")
    String blobStore();

    /** Where the embedded default keeps its database and blobs. */
    @WithDefault(".data")
    String dataDir();

    S3 s3();

    /** Bootstrap administrator token; compared in constant time, never logged. */
    Optional<String> adminToken();

    /** If set and no admin token is configured, a generated one is written here (mode 0600). */
    Optional<String> adminTokenFile();

    @WithDefault("50M")
    MemorySize maxUploadSize();

    /**
     * The registry's public URL (e.g. {@code https://registry.example.com}), used for the absolute
     * links it sends ({@code Location}). Without one, links are relative references, never built
     * from the request's {@code Host}.
     */
    Optional<String> publicUrl();

    PublishRate publishRate();

    BlobCache blobCache();

    Downloads downloads();

    BlobGc blobGc();

    Tlog tlog();

    interface Tlog {
        /**
         * The log's Ed25519 signing key ({@code ed25519-private:<base64 seed>}). Every replica must use
         * the same one. Without it, {@link #signingKeyFile()} is read, or generated once.
         */
        Optional<String> signingKey();

        /** Where the key is kept when none is configured (mode 0600; generated on first start). */
        Optional<String> signingKeyFile();

        /**
         * The log's origin, the first line of its checkpoints and its key's name. Defaults to the public
         * URL without its scheme ({@code registry.example.com}).
         */
        Optional<String> origin();

        /**
         * The witnesses whose cosignatures the registry accepts and serves with its checkpoint: C2SP
         * cosignature/v1 verifier keys ({@code <name>+<hash>+<base64 of 0x04 || key>}), at most 16.
         */
        Optional<List<String>> witnesses();
    }

    interface BlobGc {
        /** How often each replica looks for unreferenced blobs ({@code off} to never). */
        @WithDefault("24h")
        String every();

        /** Blobs younger than this are never collected, whatever references them. */
        @WithDefault("PT24H")
        Duration minAge();
    }

    interface Downloads {
        /** How often buffered download counts are written to the database. */
        @WithDefault("5s")
        String flushEvery();

        /** A client's downloads of one version count once per this window ({@code PT0S}: every completed download). */
        @WithDefault("PT1H")
        Duration window();
    }

    interface S3 {
        @WithDefault("http://127.0.0.1:9000")
        String endpoint();

        @WithDefault("us-east-1")
        String region();

        @WithDefault("asterai-blobs")
        String bucket();

        Optional<String> accessKey();

        Optional<String> secretKey();
    }

    interface PublishRate {
        /** Publishes allowed per token per window. */
        @WithDefault("60")
        int limit();

        @WithDefault("PT1M")
        Duration window();
    }

    interface BlobCache {
        /** Memory for recently served blobs; blobs are immutable, so the cache never goes stale. */
        @WithDefault("64M")
        MemorySize maxBytes();

        /** Larger blobs are streamed from the store instead of cached. */
        @WithDefault("8M")
        MemorySize maxEntry();
    }
}
