package ai.asterai.registry.search;

import ai.asterai.registry.release.DownloadsCounted;
import ai.asterai.registry.release.PackageChanged;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Keeps the search projection in step with releases: rebuilt in the transaction that publishes,
 * yanks or unyanks (so search never shows what was not committed, and a publish is searchable the
 * moment it answers 201), and filled at start-up for packages that have no row yet.
 */
@ApplicationScoped
public class SearchIndexUpdater {
    private static final Logger LOG = Logger.getLogger(SearchIndexUpdater.class);
    private final SearchStore store;

    public SearchIndexUpdater(SearchStore store) {
        this.store = store;
    }

    void onChange(@Observes PackageChanged event) {
        store.refresh(event.packageId());
    }

    /** Search ranks and sorts by its own copy of the package total, so it never joins packages. */
    void onDownloads(@Observes DownloadsCounted event) {
        store.addDownloads(event.releaseId(), event.count());
    }

    /** Packages with a visible release but no search row: those published before search existed. */
    void onStart(@Observes StartupEvent ev) {
        List<Long> missing = QuarkusTransaction.requiringNew().call(store::packagesWithoutRow);
        for (long packageId : missing) {
            QuarkusTransaction.requiringNew().run(() -> store.refresh(packageId));
        }
        if (!missing.isEmpty()) {
            LOG.infof("search: indexed %d packages that had no search entry", missing.size());
        }
    }
}
