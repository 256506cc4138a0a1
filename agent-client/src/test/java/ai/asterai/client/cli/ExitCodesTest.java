package ai.asterai.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.agent.failure.AgentException;
import ai.asterai.client.config.RegistryUrl;
import ai.asterai.client.failure.NotCachedException;
import ai.asterai.client.failure.VerificationException;
import ai.asterai.client.keys.KeyStore;
import ai.asterai.client.project.LockFile;
import ai.asterai.client.registry.RegistryClient;
import ai.asterai.client.trust.TrustStore;
import ai.asterai.runtime.failure.ComponentLinkError;
import ai.asterai.runtime.failure.ComponentTrap;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "internal error" is kept for defects of asterai; what a component or the LLM did is said plainly. */
class ExitCodesTest {
    @Test
    void componentAndAgentFailuresAreNotInternalErrors() {
        ComponentLinkError link = new ComponentLinkError("asterai:x", null, "this is a WebAssembly component (a component-model binary)");
        assertEquals("asterai:x: this is a WebAssembly component (a component-model binary) [link]", ExitCodes.message(link));
        assertEquals(ExitCodes.USER_ERROR, ExitCodes.of(link));
        assertEquals("asterai:x f: trapped: unreachable [trap]", ExitCodes.message(new ComponentTrap("asterai:x", "f", "trapped: unreachable", null)));
        assertEquals("the LLM component failed: boom", ExitCodes.message(new AgentException("the LLM component failed: boom")));
        assertTrue(ExitCodes.message(new IllegalStateException("bug")).startsWith("internal error: IllegalStateException: bug"));
    }

    /**
     * The libraries throw typed failures without the command's words; the command adds what to run next,
     * so a person reads the same line as before the split (issue #12).
     */
    @Test
    void libraryFailuresReadAsTheCommandAlwaysWordedThem(@TempDir Path dir) throws Exception {
        Throwable noKey = thrown(() -> new KeyStore(dir).signingKey("nope"));
        assertEquals("no key named 'nope' in " + dir + "; create one with: asterai keygen --name nope", ExitCodes.message(noKey));
        assertEquals(ExitCodes.USER_ERROR, ExitCodes.of(noKey));

        Throwable noToken = thrown(() -> new RegistryClient(RegistryUrl.parse("http://127.0.0.1:9"), (String) null, "test").whoami());
        assertEquals("not logged in to http://127.0.0.1:9; run: asterai login --registry http://127.0.0.1:9 --token <token>",
                ExitCodes.message(noToken));

        Files.writeString(dir.resolve("acme.toml"), "not = [valid");
        Throwable badTrust = thrown(() -> new TrustStore(dir).load("acme"));
        assertEquals("trust file " + dir.resolve("acme.toml") + " is not valid; remove it with: asterai trust reset acme",
                ExitCodes.message(badTrust));

        Path lock = dir.resolve("asterai.lock");
        Files.writeString(lock, "version = 2\n");
        Throwable badLock = thrown(() -> LockFile.load(lock));
        assertEquals(lock + " has lock format version 2; this asterai reads version 1", ExitCodes.message(badLock));
        assertEquals(ExitCodes.USER_ERROR, ExitCodes.of(badLock));
    }

    @Test
    void verificationAndCacheFailuresEndWithTheirWayOut() {
        VerificationException untrusted = new VerificationException("acme:x@1.0.0", "it was signed by key k, which is not reachable.",
                VerificationException.Remedy.RESET_TRUST, "acme");
        assertEquals("acme:x@1.0.0: it was signed by key k, which is not reachable. If you trust the new keys, run: asterai trust reset acme",
                ExitCodes.message(untrusted));
        assertEquals(ExitCodes.VERIFICATION_FAILED, ExitCodes.of(untrusted));
        assertEquals("acme:x@1.0.0: its signing key k is not pinned for 'acme'; run without --offline to verify it against the registry's keys",
                ExitCodes.message(new VerificationException("acme:x@1.0.0", "its signing key k is not pinned for 'acme'",
                        VerificationException.Remedy.VERIFY_ONLINE, "acme")));
        NotCachedException part = new NotCachedException(NotCachedException.Missing.PART, "the wasm of acme:x@1.0.0 is missing from the cache");
        assertEquals("the wasm of acme:x@1.0.0 is missing from the cache; run without --offline to download it again", ExitCodes.message(part));
        assertEquals(ExitCodes.UNAVAILABLE, ExitCodes.of(part));
    }

    private static Throwable thrown(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("nothing was thrown");
    }
}
