package ai.asterai.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.testing.Cli;
import ai.asterai.client.testing.Projects;
import ai.asterai.registry.testing.RegistryProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the transparency log by the registry's own database, against a real registry process of
 * its own (a log no other test writes to), each caught by the client's pull or by `log verify` with its
 * reason and exit code 2: a rewritten entry, a rollback, a fork, a hidden key revocation; and the log key
 * pinned at login.
 */
class LogAttackTest {
    private static RegistryProcess registry;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        registry = RegistryProcess.start();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private Connection db() throws Exception {
        return DriverManager.getConnection(RegistryProcess.jdbcBase() + "?currentSchema=" + registry.schema(), RegistryProcess.dbUser(), "");
    }

    private Cli publisher(String ns) {
        Cli cli = new Cli(tmp.resolve("home"), tmp);
        cli.ok("login", "--registry", registry.url(), "--token", registry.adminToken());
        cli.ok("keygen");
        cli.ok("namespace", "create", ns);
        cli.ok("key", "add", ns, "--label", "first");
        cli.ok("publish", Projects.component(tmp.resolve("src1"), ns + ":app", "1.0.0").toString());
        return cli;
    }

    @Test
    void loginPinsTheLogKeyAndMonitorShowsTheNamespace() throws Exception {
        Cli cli = publisher("mon");
        Cli.Result again = cli.ok("login", "--registry", registry.url(), "--token", registry.adminToken());
        String key = again.out().lines().filter(l -> l.startsWith("Transparency log key pinned: ")).findFirst().orElseThrow()
                .substring("Transparency log key pinned: ".length());
        String other = ai.asterai.protocol.tlog.NoteVerifier.of("other.example", ai.asterai.protocol.tlog.NoteVerifier.parse(key).key()).text();
        Cli.Result changed = cli.run("login", "--registry", registry.url(), "--token", registry.adminToken(), "--log-key", other);
        assertEquals(2, changed.code(), changed::toString);
        Cli.Result refusedPull = cli.run("pull", "mon:app@1.0.0");
        assertEquals(2, refusedPull.code(), refusedPull::toString);
        assertTrue(refusedPull.err().contains("the registry's log key changed from the pinned"), refusedPull::toString);
        cli.ok("login", "--registry", registry.url(), "--token", registry.adminToken(), "--log-key", key);
        cli.ok("pull", "mon:app@1.0.0");

        Cli.Result monitor = cli.ok("log", "monitor", "mon");
        assertTrue(monitor.out().contains(" namespace-created mon\n"), monitor::toString);
        assertTrue(monitor.out().contains(" key-added "), monitor::toString);
        assertTrue(monitor.out().contains(" release-published mon:app@1.0.0 signed by "), monitor::toString);
        long last = Long.parseLong(monitor.out().lines().filter(l -> l.contains("release-published")).findFirst().orElseThrow().split(" ")[0]);
        Cli.Result since = cli.ok("log", "monitor", "mon", "--since", String.valueOf(last));
        assertTrue(since.out().startsWith(last + " release-published mon:app@1.0.0"), since::toString);
        assertTrue(since.out().contains("1 entries of 'mon' from index " + last), since::toString);
    }

    @Test
    void aRewrittenEntryIsCaughtByPullAndByLogVerify() throws Exception {
        Cli cli = publisher("rw");
        cli.ok("pull", "rw:app@1.0.0");
        try (Connection db = db()) {
            long index;
            byte[] original;
            try (ResultSet rs = db.createStatement().executeQuery(
                    "select idx, data from tlog_entries where convert_from(data, 'UTF8') like '%release-published%package rw:app%'")) {
                assertTrue(rs.next());
                index = rs.getLong(1);
                original = rs.getBytes(2);
            }
            byte[] forged = new String(original, StandardCharsets.UTF_8).replace("version 1.0.0", "version 9.0.0").getBytes(StandardCharsets.UTF_8);
            try {
                update(db, index, forged);
                Cli.Result pull = cli.run("pull", "rw:app@1.0.0");
                assertEquals(2, pull.code(), pull::toString);
                assertTrue(pull.err().contains("the transparency log's entries do not hash to its signed checkpoint's root"), pull::toString);
                assertTrue(pull.err().contains("the log was rewritten; entry " + index + " differs from the leaf hash the log recorded"), pull::toString);
                Cli.Result verify = cli.run("log", "verify");
                assertEquals(2, verify.code(), verify::toString);
                assertTrue(verify.err().contains("entry " + index + " differs from the leaf hash the log recorded"), verify::toString);
            } finally {
                update(db, index, original);
            }
        }
        cli.ok("pull", "rw:app@1.0.0");
    }

    @Test
    void aRollbackAndAForkAreCaughtAgainstTheStoredCheckpoint() throws Exception {
        Cli cli = publisher("rb");
        cli.ok("publish", Projects.component(tmp.resolve("src2"), "rb:later", "1.0.0").toString());
        cli.ok("pull", "rb:app@1.0.0"); // keeps the checkpoint of this size
        try (Connection db = db()) {
            long size = head(db)[0];
            byte[] root = rootOf(db, size);
            try {
                setHead(db, size - 1, rootOf(db, size - 1));
                Cli.Result pull = cli.run("pull", "rb:app@1.0.0");
                assertEquals(2, pull.code(), pull::toString);
                assertTrue(pull.err().contains("the transparency log went back from " + size
                        + " entries (a checkpoint verified before) to " + (size - 1) + ": a rollback"), pull::toString);
            } finally {
                setHead(db, size, root);
            }
            cli.ok("pull", "rb:app@1.0.0");

            // a fork: the last entry dropped (with the hashes over it) and two other publishes appended in its place
            try (Statement st = new Statement(db)) {
                st.run("delete from tlog_entries where idx = " + (size - 1));
                st.run("delete from tlog_hashes where idx = (" + (size - 1) + " >> level) and ((idx + 1) << level) <= " + size);
            }
            setHead(db, size - 1, rootOf(db, size - 1));
        }
        Cli other = new Cli(tmp.resolve("other"), tmp);
        other.ok("login", "--registry", registry.url(), "--token", registry.adminToken());
        cli.ok("publish", Projects.component(tmp.resolve("src3"), "rb:forked", "1.0.0").toString());
        cli.ok("publish", Projects.component(tmp.resolve("src4"), "rb:forked", "1.0.1").toString());
        other.ok("pull", "rb:app@1.0.0"); // a client that never saw the first branch accepts the fork
        Cli.Result pull = cli.run("pull", "rb:app@1.0.0");
        assertEquals(2, pull.code(), pull::toString);
        assertTrue(pull.err().contains("is not consistent with the one of ") && pull.err().contains("the log forked or was rewritten"), pull::toString);
        Cli.Result verify = cli.run("log", "verify");
        assertEquals(2, verify.code(), verify::toString);
        assertTrue(verify.err().contains("the log forked or was rewritten since"), verify::toString);
    }

    @Test
    void aHiddenRevocationIsCaughtByReplayingTheLog() throws Exception {
        Cli cli = publisher("hr");
        Cli.Result keys = cli.ok("key", "list", "hr", "--json");
        Matcher m = Pattern.compile("\"keyId\" : \"([0-9a-f]{32})\"").matcher(keys.out());
        assertTrue(m.find(), keys::toString);
        String keyId = m.group(1);
        cli.ok("key", "revoke", "hr", keyId);
        try (Connection db = db(); Statement st = new Statement(db)) {
            // the registry forgets the revocation in its key list (and so accepts the revoked key again)
            st.run("update namespace_keys set revoked_at = null where key_id = '" + keyId + "'");
        }
        cli.ok("publish", Projects.component(tmp.resolve("src2"), "hr:app", "2.0.0").toString());
        Cli.Result pull = cli.run("pull", "hr:app@2.0.0");
        assertEquals(2, pull.code(), pull::toString);
        assertTrue(pull.err().contains("it was signed by key " + keyId + ", which the transparency log shows revoked at entry "), pull::toString);
    }

    /** A statement that closes. */
    private record Statement(Connection db) implements AutoCloseable {
        void run(String sql) throws Exception {
            try (java.sql.Statement st = db.createStatement()) {
                st.executeUpdate(sql);
            }
        }

        @Override
        public void close() {
        }
    }

    private static long[] head(Connection db) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery("select size from tlog_head")) {
            assertTrue(rs.next());
            return new long[] {rs.getLong(1)};
        }
    }

    private static byte[] rootOf(Connection db, long size) throws Exception {
        ai.asterai.protocol.tlog.LogAudit tree = new ai.asterai.protocol.tlog.LogAudit();
        try (ResultSet rs = db.createStatement().executeQuery("select data from tlog_entries where idx < " + size + " order by idx")) {
            while (rs.next()) {
                tree.add(rs.getBytes(1));
            }
        }
        return tree.root().bytes();
    }

    private static void setHead(Connection db, long size, byte[] root) throws Exception {
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
