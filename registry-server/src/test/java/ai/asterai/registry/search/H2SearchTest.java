package ai.asterai.registry.search;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * The embedded default's search SQL, on H2 in PostgreSQL mode (the URL settings of the embedded
 * profile), migrated by Flyway from the same folders the embedded build uses.
 */
class H2SearchTest extends SearchStrategyContract {

    @Override
    protected Connection open() throws Exception {
        String url = "jdbc:h2:mem:search" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load().migrate();
        return DriverManager.getConnection(url, "sa", "");
    }

    @Override
    protected SearchStrategy strategy(Connection c) {
        return new H2Search();
    }

    @Override
    protected void close() throws Exception {
        c.createStatement().execute("shutdown");
        c.close();
    }
}
