package ai.asterai.registry.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Gives each test run a PostgreSQL schema of its own on the real server, so runs from two checkouts
 * (or CI beside a developer) never clean each other's tables. Dropped when the run ends.
 */
public class PostgresSchemaTestResource implements QuarkusTestResourceLifecycleManager {
    private String schema;

    @Override
    public Map<String, String> start() {
        schema = "asterai_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = DriverManager.getConnection(RegistryProcess.jdbcBase(), RegistryProcess.dbUser(), "")) {
            c.createStatement().execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + RegistryProcess.jdbcBase() + " is needed by the tests: " + e.getMessage(), e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", RegistryProcess.jdbcBase() + "?currentSchema=" + schema,
                "quarkus.flyway.schemas", schema,
                "quarkus.flyway.default-schema", schema);
    }

    @Override
    public void stop() {
        try (Connection c = DriverManager.getConnection(RegistryProcess.jdbcBase(), RegistryProcess.dbUser(), "")) {
            c.createStatement().execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
        }
    }
}
