package ai.asterai.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.testing.Cli;
import ai.asterai.client.testing.Projects;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.tlog.Cosigner;
import ai.asterai.protocol.tlog.LogAudit;
import ai.asterai.registry.testing.RegistryProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asterai log witness} and witness policies against a real registry configured with two witness
 * keys: one witness cosigns, the registry serves it, a client requiring one cosignature accepts and one
 * requiring two refuses; the witness refuses a rolled-back log; {@code log verify --from} checks only
 * the new part.
 */
class LogWitnessTest {
    private static final SigningKey KEY_ONE = SigningKey.generate();
    private static final Cosigner ONE = new Cosigner("witness.test/cli-one", KEY_ONE);
    private static final Cosigner TWO = new Cosigner("witness.test/cli-two", SigningKey.generate());
    private static RegistryProcess registry;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        registry = RegistryProcess.start(Map.of("ASTERAI_TLOG_WITNESSES", ONE.verifier().text() + "," + TWO.verifier().text()));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static String logKey() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry.url() + "/tlog/key")).build(),
                HttpResponse.BodyHandlers.ofString()).body().strip();
    }

    @Test
    void aWitnessCosignsAndClientsRequireCosignatures() throws Exception {
        Cli cli = new Cli(tmp.resolve("home"), tmp);
        cli.ok("login", "--registry", registry.url(), "--token", registry.adminToken());
        cli.ok("keygen");
        cli.ok("namespace", "create", "witnessed");
        cli.ok("key", "add", "witnessed", "--label", "first");
        cli.ok("publish", Projects.component(tmp.resolve("src"), "witnessed:hello", "1.0.0").toString());

        Path keyFile = tmp.resolve("witness.key");
        Files.writeString(keyFile, KEY_ONE.encode() + "\n");
        Path state = tmp.resolve("witness-state");
        String[] witness = {"log", "witness", "--log-key", logKey(), "--name", ONE.verifier().name(), "--key-file", keyFile.toString(),
                "--state", state.toString()};
        Cli.Result cosigned = cli.ok(witness);
        assertTrue(cosigned.out().startsWith("Cosigned " + logKey().substring(0, logKey().indexOf('+'))), cosigned::toString);
        assertTrue(Files.readString(state).contains("\u2014 " + ONE.verifier().name() + " "), "the state keeps the cosigned checkpoint");

        String w1 = ONE.verifier().text();
        String w2 = TWO.verifier().text();
        Cli.Result one = cli.ok("log", "verify", "--witness", w1, "--witness", w2, "--require-cosignatures", "1");
        assertTrue(one.out().contains("cosigned by " + ONE.verifier().name()), one::toString);
        Cli.Result two = cli.run("log", "verify", "--witness", w1, "--witness", w2, "--require-cosignatures", "2");
        assertEquals(2, two.code(), two::toString);
        assertTrue(two.err().contains("the checkpoint has 1 valid cosignature from the configured witnesses, 2 required"), two::toString);

        // the policy from ~/.asterai/trust/witnesses.toml: the new checkpoint after a publish is not cosigned yet
        Files.writeString(tmp.resolve("home/trust/witnesses.toml"), "required = 1\nwitnesses = [\"" + w1 + "\", \"" + w2 + "\"]\n");
        cli.ok("log", "verify");
        cli.ok("publish", Projects.component(tmp.resolve("src2"), "witnessed:hello", "1.0.1").toString());
        Cli.Result uncosigned = cli.run("log", "verify");
        assertEquals(2, uncosigned.code(), uncosigned::toString);
        assertTrue(uncosigned.err().contains("0 valid cosignatures"), uncosigned::toString);
        Cli.Result again = cli.ok(witness);
        assertTrue(again.out().contains("(previously "), again::toString);

        // --from: only the entries since the checkpoint kept by the last run, or since an index
        Cli.Result fromLast = cli.ok("log", "verify", "--from", "last");
        cli.ok("publish", Projects.component(tmp.resolve("src3"), "witnessed:hello", "1.0.2").toString());
        cli.ok(witness);
        Cli.Result incremental = cli.ok("log", "verify", "--from", "last", "--json");
        assertTrue(incremental.out().contains("\"unchecked\" : 1"), incremental::toString);
        Cli.Result fromOne = cli.ok("log", "verify", "--from", "1");
        assertTrue(fromOne.out().contains("(entries 1 on;"), fromOne::toString);
        Cli.Result beyond = cli.run("log", "verify", "--from", "999999");
        assertEquals(2, beyond.code(), beyond::toString);
        assertEquals(1, cli.run("log", "verify", "--from", "x").code());
        assertTrue(fromLast.out().startsWith("Verified"), fromLast::toString);

        // the log rolled back by one entry: the witness refuses and keeps its state
        String url = RegistryProcess.jdbcBase() + "?currentSchema=" + registry.schema();
        byte[] kept = Files.readAllBytes(state);
        try (Connection db = DriverManager.getConnection(url, RegistryProcess.dbUser(), "")) {
            long size;
            byte[] root;
            try (ResultSet rs = db.createStatement().executeQuery("select size, root from tlog_head")) {
                assertTrue(rs.next());
                size = rs.getLong(1);
                root = rs.getBytes(2);
            }
            LogAudit shorter = new LogAudit();
            try (ResultSet rs = db.createStatement().executeQuery("select data from tlog_entries where idx < " + (size - 1) + " order by idx")) {
                while (rs.next()) {
                    shorter.add(rs.getBytes(1));
                }
            }
            try {
                head(db, size - 1, shorter.root().bytes());
                Cli.Result refused = cli.run(witness);
                assertEquals(2, refused.code(), refused::toString);
                assertTrue(refused.err().contains("the log went back from " + size + " entries (cosigned before) to " + (size - 1)
                        + ": a rollback"), refused::toString);
                assertEquals(new String(kept, StandardCharsets.UTF_8), Files.readString(state));
            } finally {
                head(db, size, root);
            }
        }
        cli.ok(witness);
    }

    private static void head(Connection db, long size, byte[] root) throws Exception {
        try (PreparedStatement st = db.prepareStatement("update tlog_head set size = ?, root = ?")) {
            st.setLong(1, size);
            st.setBytes(2, root);
            assertEquals(1, st.executeUpdate());
        }
    }
}
