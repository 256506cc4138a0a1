package ai.asterai.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.testing.Cli;
import ai.asterai.client.testing.Projects;
import ai.asterai.client.testing.SharedRegistry;
import ai.asterai.registry.testing.RegistryProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asterai log verify} against a real registry: an honest log verifies; a rewritten entry is caught and named;
 * a log rolled back below the checkpoint verified last time is refused.
 */
class LogVerifyTest {
    @TempDir
    Path tmp;

    @Test
    void verifiesTheLogAndCatchesARewrittenEntry() throws Exception {
        RegistryProcess registry = SharedRegistry.get();
        String ns = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Cli cli = new Cli(tmp.resolve("home"), tmp);
        cli.ok("login", "--registry", registry.url(), "--token", registry.adminToken());
        cli.ok("keygen");
        cli.ok("namespace", "create", ns);
        cli.ok("key", "add", ns, "--label", "first");
        cli.ok("publish", Projects.component(tmp.resolve("src"), ns + ":audited", "1.0.0").toString());
        cli.ok("yank", ns + ":audited@1.0.0");

        Cli.Result ok = cli.ok("log", "verify");
        assertTrue(ok.out().startsWith("Verified the transparency log of " + registry.url()), ok::toString);
        String key = new String(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(registry.url() + "/tlog/key")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body()).strip();
        assertTrue(cli.ok("log", "verify", "--key", key, "--json").out().contains("\"keyPinned\" : true"));
        Cli.Result otherKey = cli.run("log", "verify", "--key", "other.example+12345678+" + key.substring(key.lastIndexOf('+') + 1));
        assertEquals(2, otherKey.code(), otherKey::toString);

        // the database rewritten behind the log's back: the yank of this release disappears from its entry
        String url = RegistryProcess.jdbcBase() + "?currentSchema=" + registry.schema();
        try (Connection db = DriverManager.getConnection(url, RegistryProcess.dbUser(), "")) {
            long index;
            byte[] original;
            try (ResultSet rs = db.createStatement().executeQuery(
                    "select idx, data from tlog_entries where convert_from(data, 'UTF8') like '%release-yanked%" + ns + ":audited%'")) {
                assertTrue(rs.next(), "the yank's entry");
                index = rs.getLong(1);
                original = rs.getBytes(2);
            }
            byte[] forged = new String(original, java.nio.charset.StandardCharsets.UTF_8).replace("release-yanked", "release-unyanked")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try {
                update(db, index, forged);
                Cli.Result caught = cli.run("log", "verify");
                assertEquals(2, caught.code(), caught::toString);
                assertTrue(caught.err().contains("the log was rewritten"), caught::toString);
                assertTrue(caught.err().contains("entry " + index + " differs from the leaf hash the log recorded"), caught::toString);
            } finally {
                update(db, index, original);
            }
        }
        cli.ok("log", "verify");

        // the log rolled back by one entry (a consistent smaller tree): caught against the checkpoint kept from the last run
        try (Connection db = DriverManager.getConnection(url, RegistryProcess.dbUser(), "")) {
            long size;
            byte[] root;
            try (ResultSet rs = db.createStatement().executeQuery("select size, root from tlog_head")) {
                assertTrue(rs.next());
                size = rs.getLong(1);
                root = rs.getBytes(2);
            }
            ai.asterai.protocol.tlog.LogAudit shorter = new ai.asterai.protocol.tlog.LogAudit();
            try (ResultSet rs = db.createStatement().executeQuery("select data from tlog_entries where idx < " + (size - 1) + " order by idx")) {
                while (rs.next()) {
                    shorter.add(rs.getBytes(1));
                }
            }
            try {
                head(db, size - 1, shorter.root().bytes());
                Cli.Result rolledBack = cli.run("log", "verify");
                assertEquals(2, rolledBack.code(), rolledBack::toString);
                assertTrue(rolledBack.err().contains("the log went back from " + size + " entries (verified before) to " + (size - 1)
                        + ": a rollback"), rolledBack::toString);
            } finally {
                head(db, size, root);
            }
        }
        cli.ok("log", "verify");
    }

    private static void head(Connection db, long size, byte[] root) throws Exception {
        try (PreparedStatement st = db.prepareStatement("update tlog_head set size = ?, root = ?")) {
            st.setLong(1, size);
            st.setBytes(2, root);
            assertEquals(1, st.executeUpdate());
        }
    }

    private static void update(Connection db, long index, byte[] data) throws Exception {
        try (PreparedStatement st = db.prepareStatement("update tlog_entries set data = ? where idx = ?")) {
            st.setBytes(1, data);
            st.setLong(2, index);
            assertEquals(1, st.executeUpdate());
        }
    }
}
