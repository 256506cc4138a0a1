package ai.asterai.registry.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The production search SQL on the local PostgreSQL, in a schema of its own, migrated by Flyway
 * from db/migration/common + postgresql; also without pg_trgm, as on a database that refuses it.
 */
class PostgresSearchTest extends SearchStrategyContract {
    private static final String BASE = System.getenv().getOrDefault("ASTERAI_TEST_JDBC_BASE", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("ASTERAI_TEST_DB_USER", "postgres");
    private String schema;

    @Override
    protected Connection open() throws Exception {
        schema = "search_contract_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Flyway.configure().dataSource(BASE + "?currentSchema=" + schema, USER, "").schemas(schema).defaultSchema(schema)
                .createSchemas(true).locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                .load().migrate();
        return DriverManager.getConnection(BASE + "?currentSchema=" + schema, USER, "");
    }

    @Override
    protected SearchStrategy strategy(Connection c) throws SQLException {
        return PostgresSearch.detect(c);
    }

    @Override
    protected void close() throws Exception {
        c.createStatement().execute("drop schema " + schema + " cascade");
        c.close();
    }

    @Test
    void trigramsFindTyposAndStemmingFindsWordForms() throws SQLException {
        assertTrue(((PostgresSearch) strategy).usesTrigrams(), "pg_trgm is installed by the migration on the local PostgreSQL");
        catalog.component("acme:calculator", "Evaluates arithmetic expressions", List.of("math"), List.of())
                .component("acme:fetcher", "Fetches web pages", List.of(), List.of());
        assertEquals(List.of("acme:calculator"), names("calculater"));
        assertEquals(List.of("acme:calculator"), names("evaluating"));
        assertEquals(List.of("acme:calculator"), names("arith"));
        assertEquals(List.of("acme:fetcher"), names("fetching pages"));
    }

    @Test
    void fullTextOnlyWithoutPgTrgm() throws SQLException {
        strategy = PostgresSearch.fullTextOnly();
        catalog.component("acme:calculator", "Evaluates arithmetic expressions", List.of("math"), List.of());
        assertEquals(List.of(), names("calculater"), "no typo tolerance without trigrams");
        assertEquals(List.of("acme:calculator"), names("calc"));
    }
}
