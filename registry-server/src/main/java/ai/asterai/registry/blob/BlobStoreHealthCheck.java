package ai.asterai.registry.blob;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

@Readiness
@ApplicationScoped
public class BlobStoreHealthCheck implements HealthCheck {
    private final BlobStore store;

    public BlobStoreHealthCheck(BlobStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            store.check();
            return HealthCheckResponse.up("object store");
        } catch (BlobStoreException e) {
            return HealthCheckResponse.named("object store").down().withData("error", e.getMessage()).build();
        }
    }
}
