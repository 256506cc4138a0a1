package ai.asterai.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.testing.Cli;
import ai.asterai.client.testing.Projects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad argument gives one clear line on stderr and the documented exit code, with no registry involved. */
class CliArgumentsTest {
    @TempDir
    Path tmp;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(tmp.resolve("home"), tmp);
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(new String[] {"--bogus"}, "Unknown option: '--bogus'"),
                Arguments.of(new String[] {"frobnicate"}, "Unmatched argument"),
                Arguments.of(new String[] {"pull"}, "Missing required parameter"),
                Arguments.of(new String[] {"pull", "no-colon"}, "namespace:name"),
                Arguments.of(new String[] {"pull", "Acme:x"}, "namespace 'Acme' is invalid"),
                Arguments.of(new String[] {"pull", "acme:x@"}, "nothing after '@'"),
                Arguments.of(new String[] {"pull", "acme:x@^^1"}, "not valid"),
                Arguments.of(new String[] {"pull", "acme:x@1.0", "--trusted-key", "nope"}, "public key must be ed25519:"),
                Arguments.of(new String[] {"pull", "acme:x", "--lock", "a.lock", "--no-lock"}, "cannot be used together"),
                Arguments.of(new String[] {"info"}, "Missing required parameter"),
                Arguments.of(new String[] {"info", "acme"}, "namespace:name"),
                Arguments.of(new String[] {"yank", "acme:x@^1"}, "needs an exact version"),
                Arguments.of(new String[] {"yank", "acme:x"}, "needs an exact version"),
                Arguments.of(new String[] {"unyank", "acme:x@1.0.0", "--registry", "ftp://x"}, "must start with https:// or http://"),
                Arguments.of(new String[] {"search", "x", "--registry", "http://user:pw@host"}, "must not contain credentials"),
                Arguments.of(new String[] {"search"}, "give a QUERY"),
                Arguments.of(new String[] {"search", "x", "--limit", "0"}, "--limit must be between"),
                Arguments.of(new String[] {"search", "x", "--limit", "many"}, "Invalid value"),
                Arguments.of(new String[] {"search", "--interface", "nope"}, "must look like ns:pkg/interface"),
                Arguments.of(new String[] {"search", "x"}, "no registry given"),
                Arguments.of(new String[] {"keygen", "--name", "Bad Name"}, "key name 'Bad Name' is invalid"),
                Arguments.of(new String[] {"keygen", "--name"}, "Missing required parameter for option '--name'"),
                Arguments.of(new String[] {"login", "--registry", "http://127.0.0.1:9"}, "Missing required argument"),
                Arguments.of(new String[] {"login", "--token", "x"}, "Missing required option: '--registry"),
                Arguments.of(new String[] {"login", "--registry", "http://127.0.0.1:9", "--token", "a b"}, "spaces or control characters"),
                Arguments.of(new String[] {"logout"}, "not logged in to any registry"),
                Arguments.of(new String[] {"whoami", "--registry", "http://127.0.0.1:9"}, "not logged in to http://127.0.0.1:9"),
                Arguments.of(new String[] {"namespace"}, "missing subcommand"),
                Arguments.of(new String[] {"namespace", "create", "Bad_ns", "--registry", "http://127.0.0.1:9"}, "namespace 'Bad_ns' is invalid"),
                Arguments.of(new String[] {"key"}, "missing subcommand: one of add, list, revoke"),
                Arguments.of(new String[] {"key", "revoke", "acme", "xyz", "--registry", "http://127.0.0.1:9"}, "32 lowercase hex digits"),
                Arguments.of(new String[] {"key", "add", "acme", "--key", "missing", "--registry", "http://127.0.0.1:9"}, "no key named 'missing'"),
                Arguments.of(new String[] {"key", "add", "acme", "--key", "a", "--public-key", "ed25519:x"}, "cannot be used together"),
                Arguments.of(new String[] {"publish", "no-such-dir"}, "no asterai.toml in"),
                Arguments.of(new String[] {"cache"}, "missing subcommand"),
                Arguments.of(new String[] {"cache", "gc", "--everything"}, "Unknown option"),
                Arguments.of(new String[] {"trust", "reset"}, "Missing required parameter"),
                Arguments.of(new String[] {"trust", "reset", "../etc"}, "namespace '../etc' is invalid"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentIsOneClearLineAndExitCodeOne(String[] args, String expected) {
        Cli.Result r = cli.fails(1, args);
        assertTrue(r.err().contains(expected), () -> "expected '" + expected + "' in:\n" + r);
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void unreachableRegistryIsExitCodeThree() {
        Cli.Result r = cli.fails(3, "info", "acme:x", "--registry", "http://127.0.0.1:9");
        assertTrue(r.err().contains("cannot reach the registry at http://127.0.0.1:9"), r::toString);
    }

    @Test
    void offlinePullOfSomethingNeverCachedIsExitCodeThree() {
        Cli.Result r = cli.fails(3, "pull", "acme:x@^1", "--offline");
        assertTrue(r.err().contains("no cached release of acme:x matches '^1'"), r::toString);
    }

    @Test
    void helpForEveryCommand() {
        for (String[] cmd : new String[][] {{}, {"keygen"}, {"login"}, {"logout"}, {"whoami"}, {"namespace"}, {"namespace", "create"},
                {"key"}, {"key", "add"}, {"key", "list"}, {"key", "revoke"}, {"publish"}, {"search"}, {"info"}, {"pull"},
                {"yank"}, {"unyank"}, {"cache"}, {"cache", "ls"}, {"cache", "verify"}, {"cache", "gc"}, {"trust"},
                {"trust", "ls"}, {"trust", "reset"}}) {
            String[] args = Stream.concat(Stream.of(cmd), Stream.of("--help")).toArray(String[]::new);
            Cli.Result r = cli.ok(args);
            assertTrue(r.out().startsWith("Usage: asterai"), r::toString);
        }
    }

    @Test
    void versionAndNoArguments() {
        assertTrue(cli.ok("--version").out().startsWith("asterai "));
        assertTrue(cli.ok().out().contains("Commands:"));
    }

    @Test
    void keygenWritesAPrivateKeyFileAndNeverPrintsIt() throws Exception {
        Cli.Result r = cli.ok("keygen", "--name", "laptop");
        Path key = tmp.resolve("home/keys/laptop.key");
        String secret = Files.readString(key).strip();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertFalse(r.out().contains(secret.substring("ed25519-private:".length())));
        assertTrue(r.out().matches("(?s)Generated key 'laptop': [0-9a-f]{32}\n.*"), r::toString);
        Cli.Result again = cli.fails(1, "keygen", "--name", "laptop");
        assertTrue(again.err().contains("already exists"));
        assertEquals(secret, Files.readString(key).strip(), "an existing key is never overwritten");
    }

    @Test
    void aWorldReadableKeyIsRefused() throws Exception {
        cli.ok("keygen");
        Path key = tmp.resolve("home/keys/default.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Projects.component(tmp.resolve("p"), "acme:hello", "1.0.0");
        Cli.Result r = cli.fails(1, "publish", "p", "--dry-run");
        assertTrue(r.err().contains("readable by other users"), r::toString);
    }

    @Test
    void dryRunPublishValidatesAndSignsWithoutARegistry() {
        cli.ok("keygen");
        Projects.component(tmp.resolve("p"), "acme:hello", "1.0.0");
        Cli.Result r = cli.ok("publish", "p", "--dry-run");
        assertTrue(r.out().startsWith("Checked and signed acme:hello@1.0.0 (component"), r::toString);
        assertTrue(r.out().contains("digest sha256:93a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476"), r::toString);
        Cli.Result json = cli.ok("publish", "p", "--dry-run", "--json");
        assertTrue(json.out().contains("\"uploaded\" : false"), json::toString);
    }

    @Test
    void publishRefusesAFileThatIsNotWasm() throws Exception {
        cli.ok("keygen");
        Path p = Projects.component(tmp.resolve("p"), "acme:hello", "1.0.0", "not wasm at all".getBytes());
        Cli.Result r = cli.fails(1, "publish", p.toString(), "--dry-run");
        assertTrue(r.err().contains("is not a WebAssembly binary"), r::toString);
    }

    @Test
    void publishRefusesAnInvalidManifest() throws Exception {
        cli.ok("keygen");
        Path p = Projects.component(tmp.resolve("p"), "acme:hello", "1.0", Projects.EMPTY_MODULE);
        Cli.Result r = cli.fails(1, "publish", p.toString(), "--dry-run");
        assertTrue(r.err().contains("version '1.0' is not SemVer"), r::toString);
    }

    @Test
    void loginToAnUnreachableRegistrySavesNothing() {
        cli.fails(3, "login", "--registry", "http://127.0.0.1:9", "--token", "ast_x");
        assertFalse(Files.exists(tmp.resolve("home/config.toml")));
    }

    @Test
    void debugModePrintsTheStackTrace() {
        cli.env("ASTERAI_DEBUG", "1");
        Cli.Result r = cli.run("info", "acme:x", "--registry", "http://127.0.0.1:9");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("\tat "), r::toString);
    }
}
