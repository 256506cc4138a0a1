package ai.asterai.registry.oci.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint's parsers of client input: scope strings and Basic credentials. Mutated and
 * random inputs (counts in docs/security.md) never throw, and what they grant is always well formed.
 */
class OciAccessFuzzTest {
    static final int CASES = 200_000;
    private static final String ALPHABET = "repository:abcns-/0129,push pull*:: \t\u0000é/..%";

    @Test
    void scopesParseToWellFormedAccessOrNothing() {
        Random r = new Random(20261207);
        String[] seeds = {"repository:acme/hello:push,pull", "repository:acme/hello:pull", "registry:catalog:*",
                "repository:a/b/c:push", "repository:acme/hello:push,pull repository:acme/other:pull"};
        int parsed = 0;
        for (int i = 0; i < CASES; i++) {
            StringBuilder s = new StringBuilder(seeds[r.nextInt(seeds.length)]);
            int edits = r.nextInt(6);
            for (int e = 0; e < edits && s.length() > 0; e++) {
                int at = r.nextInt(s.length() + 1);
                switch (r.nextInt(3)) {
                    case 0 -> s.insert(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                    case 1 -> s.deleteCharAt(Math.min(at, s.length() - 1));
                    default -> s.setCharAt(Math.min(at, s.length() - 1), ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                }
            }
            List<OciAccess> access = OciAccess.parseScopes(List.of(s.toString()));
            assertTrue(access.size() <= 10);
            for (OciAccess a : access) {
                parsed++;
                assertTrue(a.repository().matches("[a-z0-9-]{1,63}/[a-z0-9-]{1,63}"), a.repository());
                assertTrue(Set.of("pull", "push").containsAll(a.actions()), a.actions().toString());
                assertEquals(List.of(a), OciAccess.decodeAll(OciAccess.encodeAll(List.of(a))));
            }
        }
        assertTrue(parsed > CASES / 10, "the mutations kept some scopes valid: " + parsed);
    }

    @Test
    void basicCredentialsNeverThrow() {
        Random r = new Random(7);
        for (int i = 0; i < CASES; i++) {
            byte[] raw = new byte[r.nextInt(40)];
            r.nextBytes(raw);
            String header = switch (i % 3) {
                case 0 -> "Basic " + Base64.getEncoder().encodeToString(raw);
                case 1 -> "Basic " + new String(raw, StandardCharsets.ISO_8859_1);
                default -> "basic " + Base64.getEncoder().encodeToString(("u:" + new String(raw, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            };
            String password = OciTokens.basicPassword(header);
            if (i % 3 == 2) {
                assertTrue(password != null);
            }
        }
    }
}
