package ai.asterai.registry.search;

import ai.asterai.protocol.name.VersionRange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * The projection in the registry's database, over plain JDBC: writes go through Hibernate's
 * connection (so they commit with the publish, yank or unyank), searches through their own
 * connection with the strategy of the database the build was made for.
 */
@ApplicationScoped
public class JdbcSearchStore implements SearchStore {
    private static final Logger LOG = Logger.getLogger(JdbcSearchStore.class);
    private final EntityManager em;
    private final DataSource dataSource;
    private final String dbKind;
    private final SearchIndexer indexer = new SearchIndexer();
    private final ImplementationFinder implementations = new ImplementationFinder();
    private volatile SearchStrategy strategy;

    public JdbcSearchStore(EntityManager em, DataSource dataSource, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.em = em;
        this.dataSource = dataSource;
        this.dbKind = dbKind;
    }

    @Override
    public void refresh(long packageId) {
        em.flush(); // the release and its interfaces must be visible to plain JDBC on the same connection
        em.unwrap(Session.class).doWork(c -> indexer.refresh(c, packageId));
    }

    @Override
    public void addDownloads(long releaseId, long count) {
        em.createNativeQuery("update package_search set downloads = downloads + ?1"
                        + " where package_id = (select package_id from releases where id = ?2)")
                .setParameter(1, count).setParameter(2, releaseId).executeUpdate();
    }

    @Override
    public List<Long> packagesWithoutRow() {
        List<?> ids = em.createNativeQuery(
                "select p.id from packages p where not exists (select 1 from package_search s where s.package_id = p.id)"
                        + " and exists (select 1 from releases r where r.package_id = p.id and r.yanked = false)")
                .getResultList();
        return ids.stream().map(id -> ((Number) id).longValue()).toList();
    }

    @Override
    public SearchStrategy.Found search(SearchQuery q) {
        try (Connection c = dataSource.getConnection()) {
            return strategy(c).find(c, q);
        } catch (SQLException e) {
            throw new PersistenceException("search failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Implementation> implementations(InterfaceId iface, VersionRange range) {
        try (Connection c = dataSource.getConnection()) {
            return implementations.find(c, iface, range);
        } catch (SQLException e) {
            throw new PersistenceException("discovery failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Listed> packagesIn(long namespaceId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select p.name, p.kind, s.version,"
                        + " coalesce(s.description, p.description), p.downloads, p.updated_at from packages p"
                        + " left join package_search s on s.package_id = p.id where p.namespace_id = ?1 order by p.name")
                .setParameter(1, namespaceId).getResultList();
        return rows.stream().map(r -> new Listed((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                ((Number) r[4]).longValue(), toOffset(r[5]))).toList();
    }

    /** Chosen on first use: db-kind is fixed at build time, pg_trgm is looked up once. */
    private SearchStrategy strategy(Connection c) throws SQLException {
        SearchStrategy s = strategy;
        if (s == null) {
            if ("postgresql".equals(dbKind)) {
                PostgresSearch pg = PostgresSearch.detect(c);
                LOG.infof("search: PostgreSQL full-text%s", pg.usesTrigrams() ? " with pg_trgm" : " only (no pg_trgm)");
                s = pg;
            } else {
                s = new H2Search();
            }
            strategy = s;
        }
        return s;
    }

    private static OffsetDateTime toOffset(Object o) {
        if (o instanceof OffsetDateTime t) {
            return t;
        }
        if (o instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        return null;
    }
}
