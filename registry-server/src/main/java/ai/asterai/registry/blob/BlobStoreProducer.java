package ai.asterai.registry.blob;

import ai.asterai.registry.config.RegistryConfig;
import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/** Picks the blob store the configuration names. */
@ApplicationScoped
public class BlobStoreProducer {
    private static final Logger LOG = Logger.getLogger(BlobStoreProducer.class);

    @Produces
    @ApplicationScoped
    BlobStore blobStore(RegistryConfig config) throws BlobStoreException {
        switch (config.blobStore()) {
            case "filesystem": {
                Path dir = Path.of(config.dataDir(), "blobs");
                LOG.infof("blob store: files under %s", dir.toAbsolutePath());
                return new FileBlobStore(dir);
            }
            case "s3": {
                RegistryConfig.S3 s3 = config.s3();
                MinioClient.Builder b = MinioClient.builder().endpoint(s3.endpoint()).region(s3.region());
                if (s3.accessKey().isPresent()) {
                    b.credentials(s3.accessKey().get(), s3.secretKey().orElse(""));
                }
                S3BlobStore store = new S3BlobStore(b.build(), s3.bucket());
                try {
                    store.ensureBucket();
                } catch (BlobStoreException e) {
                    // Start anyway: readiness reports the store, and the next write tries again.
                    LOG.errorf("object store at %s not ready: %s", s3.endpoint(), e.getMessage());
                }
                LOG.infof("blob store: bucket '%s' at %s", s3.bucket(), s3.endpoint());
                return store;
            }
            default:
                throw new IllegalStateException("asterai.blob-store must be 's3' or 'filesystem', not '" + config.blobStore() + "'");
        }
    }
}
