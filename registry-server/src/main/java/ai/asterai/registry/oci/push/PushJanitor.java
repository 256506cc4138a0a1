package ai.asterai.registry.oci.push;

import ai.asterai.registry.oci.auth.OciTokens;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Deletes what a push left unfinished: expired upload sessions, pending manifests whose signature
 * never came, expired bearer tokens. Blobs they named are left to the blob collector, which deletes
 * them once nothing (no release, no manifest row, no lease) names them.
 */
@ApplicationScoped
public class PushJanitor {
    private static final Logger LOG = Logger.getLogger(PushJanitor.class);
    private final BlobUploads uploads;
    private final ManifestPushes manifests;
    private final OciTokens tokens;

    public PushJanitor(BlobUploads uploads, ManifestPushes manifests, OciTokens tokens) {
        this.uploads = uploads;
        this.manifests = manifests;
        this.tokens = tokens;
    }

    /** What one pass removed. */
    public record Report(long uploads, long manifests, long tokens) {
    }

    @Scheduled(every = "${asterai.oci-push.clean-every:5m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            clean();
        } catch (RuntimeException e) {
            LOG.warnf("OCI push cleaning stopped: %s", e.getMessage()); // the next pass tries again
        }
    }

    public Report clean() {
        Report r = new Report(uploads.clean(), manifests.clean(), tokens.clean());
        if (r.uploads() + r.manifests() + r.tokens() > 0) {
            LOG.infof("OCI push cleaning: %d expired uploads, %d pending manifests, %d bearer tokens removed", r.uploads(), r.manifests(), r.tokens());
        }
        return r;
    }
}
