package ai.asterai.registry.search;

import ai.asterai.protocol.name.VersionRange;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Search and discovery over the projection, with the strategy of the database the build was made for. */
@ApplicationScoped
public class SearchService {
    private static final Logger LOG = Logger.getLogger(SearchService.class);
    private final DataSource dataSource;
    private final String dbKind;
    private final ImplementationFinder implementations = new ImplementationFinder();
    private volatile SearchStrategy strategy;

    public SearchService(DataSource dataSource, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.dataSource = dataSource;
        this.dbKind = dbKind;
    }

    public SearchStrategy.Found search(SearchQuery q) {
        try (Connection c = dataSource.getConnection()) {
            return strategy(c).find(c, q);
        } catch (SQLException e) {
            throw new jakarta.persistence.PersistenceException("search failed: " + e.getMessage(), e);
        }
    }

    public List<Implementation> implementations(InterfaceId iface, VersionRange range) {
        try (Connection c = dataSource.getConnection()) {
            return implementations.find(c, iface, range);
        } catch (SQLException e) {
            throw new jakarta.persistence.PersistenceException("discovery failed: " + e.getMessage(), e);
        }
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
}
