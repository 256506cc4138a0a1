package ai.asterai.registry.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The packaged registry (target/quarkus-app) run as a process against the real PostgreSQL on
 * loopback, in a schema of its own, and a fresh S3Proxy: what client tests talk to.
 */
public final class RegistryProcess implements AutoCloseable {
    public static final String ADMIN_TOKEN = "ast_registry-process-admin-token-0123456789";
    /** The transparency log key of every registry process the tests start. */
    public static final String TLOG_SIGNING_KEY = "ed25519-private:cmVnaXN0cnktcHJvY2Vzcy10bG9nLWtleS0wMTIzNDU=";
    private final S3ProxyProcess s3;
    private final String schema;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final Process process;

    private RegistryProcess(S3ProxyProcess s3, String schema, int port, int managementPort, Path log, Process process) {
        this.s3 = s3;
        this.schema = schema;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.process = process;
    }

    public static RegistryProcess start() {
        return start(Map.of());
    }

    /** Starts a registry; {@code env} adds settings (e.g. ASTERAI_PUBLISH_RATE_LIMIT). */
    public static RegistryProcess start(Map<String, String> env) {
        return start(env, List.of("-Xmx384m"));
    }

    /** The JVM options the shipped launchers use ({@code ./asterai-registry}, the Dockerfile). */
    public static final List<String> SHIPPED_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError");

    /** Starts a registry with these JVM options (e.g. {@link #SHIPPED_JVM_OPTIONS}) and settings. */
    public static RegistryProcess start(Map<String, String> env, List<String> jvmOptions) {
        S3ProxyProcess s3 = S3ProxyProcess.start();
        try {
            String schema = "asterai_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            createSchema(schema);
            int port = S3ProxyProcess.freePort();
            int managementPort = S3ProxyProcess.freePort();
            Path log = Files.createTempFile("registry", ".log");
            List<String> command = new java.util.ArrayList<>();
            command.add("java");
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar().toString()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> e = pb.environment();
            e.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            e.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            e.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
            e.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcBase() + "?currentSchema=" + schema);
            e.put("QUARKUS_DATASOURCE_USERNAME", dbUser());
            e.put("QUARKUS_FLYWAY_SCHEMAS", schema);
            e.put("QUARKUS_FLYWAY_DEFAULT_SCHEMA", schema);
            e.put("ASTERAI_S3_ENDPOINT", s3.endpoint());
            e.put("ASTERAI_S3_ACCESS_KEY", S3ProxyProcess.ACCESS_KEY);
            e.put("ASTERAI_S3_SECRET_KEY", S3ProxyProcess.SECRET_KEY);
            e.put("ASTERAI_ADMIN_TOKEN", ADMIN_TOKEN);
            // one log key for every process, as replicas share theirs (and nothing is written to a data folder)
            e.put("ASTERAI_TLOG_SIGNING_KEY", TLOG_SIGNING_KEY);
            e.putAll(env);
            RegistryProcess r = new RegistryProcess(s3, schema, port, managementPort, log, pb.start());
            r.waitUntilReady(Duration.ofSeconds(90));
            return r;
        } catch (IOException | SQLException e) {
            s3.close();
            throw new IllegalStateException("cannot start the registry: " + e.getMessage(), e);
        }
    }

    public static Path jar() {
        for (Path p : List.of(Path.of("target/quarkus-app/quarkus-run.jar"), Path.of("../registry-server/target/quarkus-app/quarkus-run.jar"))) {
            if (Files.exists(p)) {
                return p.toAbsolutePath();
            }
        }
        throw new IllegalStateException("registry-server/target/quarkus-app/quarkus-run.jar not found: package registry-server first");
    }

    public static String jdbcBase() {
        return System.getenv().getOrDefault("ASTERAI_TEST_JDBC_BASE", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    public static String dbUser() {
        return System.getenv().getOrDefault("ASTERAI_TEST_DB_USER", "postgres");
    }

    private static void createSchema(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcBase(), dbUser(), "")) {
            c.createStatement().execute("create schema " + schema);
        }
    }

    private void waitUntilReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("registry exited:\n" + Files.readString(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(managementUrl() + "/q/health/ready").toURL().openConnection();
                c.setConnectTimeout(500);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        throw new IOException("registry not ready within " + timeout + ":\n" + Files.readString(log));
    }

    /** The PostgreSQL schema this registry's data is in (a second replica can be pointed at it). */
    public String schema() {
        return schema;
    }

    /**
     * Settings that make another registry a replica of this one: the same schema and object store.
     * It still gets an S3Proxy and schema of its own, unused, dropped when it closes.
     */
    public Map<String, String> replicaSettings() {
        return Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcBase() + "?currentSchema=" + schema, "QUARKUS_FLYWAY_SCHEMAS", schema,
                "QUARKUS_FLYWAY_DEFAULT_SCHEMA", schema, "ASTERAI_S3_ENDPOINT", s3.endpoint());
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The management interface: health and metrics. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public String adminToken() {
        return ADMIN_TOKEN;
    }

    public S3ProxyProcess s3() {
        return s3;
    }

    public Path log() {
        return log;
    }

    /** The registry's process, e.g. to look at its heap or whether it is still alive. */
    public Process process() {
        return process;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        s3.close();
        try (Connection c = DriverManager.getConnection(jdbcBase(), dbUser(), "")) {
            c.createStatement().execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
        }
    }
}
