package ai.asterai.registry.search;

import ai.asterai.registry.release.DownloadsCounted;
import ai.asterai.registry.release.PackageChanged;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Keeps the search projection in step with releases: rebuilt in the transaction that publishes,
 * yanks or unyanks (so search never shows what was not committed, and a publish is searchable the
 * moment it answers 201), and filled at start-up for packages that have no row yet.
 */
@ApplicationScoped
public class SearchIndexUpdater {
    private static final Logger LOG = Logger.getLogger(SearchIndexUpdater.class);
    private final EntityManager em;
    private final SearchIndexer indexer = new SearchIndexer();

    public SearchIndexUpdater(EntityManager em) {
        this.em = em;
    }

    void onChange(@Observes PackageChanged event) {
        em.flush(); // the release and its interfaces must be visible to plain JDBC on the same connection
        em.unwrap(Session.class).doWork(c -> indexer.refresh(c, event.packageId()));
    }

    /** Search ranks and sorts by its own copy of the package total, so it never joins packages. */
    void onDownloads(@Observes DownloadsCounted event) {
        em.createNativeQuery("update package_search set downloads = downloads + ?1"
                        + " where package_id = (select package_id from releases where id = ?2)")
                .setParameter(1, event.count()).setParameter(2, event.releaseId()).executeUpdate();
    }

    /** Packages with a visible release but no search row: those published before search existed. */
    void onStart(@Observes StartupEvent ev) {
        List<?> missing = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select p.id from packages p where not exists (select 1 from package_search s where s.package_id = p.id)"
                        + " and exists (select 1 from releases r where r.package_id = p.id and r.yanked = false)")
                .getResultList());
        for (Object id : missing) {
            long packageId = ((Number) id).longValue();
            QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(c -> indexer.refresh(c, packageId)));
        }
        if (!missing.isEmpty()) {
            LOG.infof("search: indexed %d packages that had no search entry", missing.size());
        }
    }
}
