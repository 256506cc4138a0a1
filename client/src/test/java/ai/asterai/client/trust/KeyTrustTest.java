package ai.asterai.client.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.failure.VerificationException;
import ai.asterai.client.release.ListedKey;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.release.KeyStatement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyTrustTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    final SigningKey a = seed(1);
    final SigningKey b = seed(2);
    final SigningKey c = seed(3);

    static SigningKey seed(int n) {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) n);
        return SigningKey.fromSeed(s);
    }

    static ListedKey unsigned(SigningKey k, String created) {
        return new ListedKey(k.publicKey().keyId(), k.publicKey().toString(), null, null, null, created, null, true);
    }

    static ListedKey signed(SigningKey k, SigningKey by, String created) {
        String sig = Base64.getEncoder().encodeToString(by.sign(new KeyStatement("acme", k.publicKey(), by.publicKey().keyId()).canonicalBytes()));
        return new ListedKey(k.publicKey().keyId(), k.publicKey().toString(), null, by.publicKey().keyId(), sig, created, null, true);
    }

    static ListedKey revoked(ListedKey k, String at) {
        return new ListedKey(k.keyId(), k.publicKey(), k.label(), k.signerKeyId(), k.signature(), k.createdAt(), at, false);
    }

    static NamespacePins pinned(SigningKey... keys) {
        return new NamespacePins("acme", Arrays.stream(keys)
                .map(k -> new PinnedKey(k.publicKey().keyId(), k.publicKey().toString(), "t", "first use")).toList());
    }

    @Test
    void firstUsePinsEveryListedKey() {
        KeyTrust.Decision d = KeyTrust.evaluate("acme", Optional.empty(), List.of(unsigned(a, "2025-01-01T00:00:00Z")), List.of(), NOW);
        assertTrue(d.firstUse());
        assertTrue(d.trusts(a.publicKey().keyId()));
        assertEquals(List.of("first use"), d.newPins().stream().map(PinnedKey::reason).toList());
    }

    @Test
    void aRotationSignedByAPinnedKeyIsFollowed() {
        List<ListedKey> listed = List.of(revoked(unsigned(a, "2025-01-01T00:00:00Z"), "2025-06-01T00:00:00Z"),
                signed(b, a, "2025-05-01T00:00:00Z"), signed(c, b, "2025-07-01T00:00:00Z"));
        KeyTrust.Decision d = KeyTrust.evaluate("acme", Optional.of(pinned(a)), listed, List.of(), NOW);
        assertTrue(d.trusts(b.publicKey().keyId()));
        assertTrue(d.trusts(c.publicKey().keyId()), "rotations chain");
        assertEquals(2, d.newPins().size());
        assertTrue(d.newPins().get(0).reason().startsWith("rotation signed by "));
    }

    @Test
    void anUnsignedKeyIsNotTrustedOnceKeysArePinned() {
        List<ListedKey> listed = List.of(revoked(unsigned(a, "2025-01-01T00:00:00Z"), "2025-06-01T00:00:00Z"),
                unsigned(b, "2025-07-01T00:00:00Z"));
        KeyTrust.Decision d = KeyTrust.evaluate("acme", Optional.of(pinned(a)), listed, List.of(), NOW);
        assertFalse(d.trusts(b.publicKey().keyId()));
        assertTrue(d.newPins().isEmpty());
    }

    @Test
    void aSignatureOverAnotherStatementDoesNotCount() {
        ListedKey forged = signed(b, a, "2025-05-01T00:00:00Z");
        String otherSig = signed(c, a, "2025-05-01T00:00:00Z").signature();
        ListedKey bad = new ListedKey(forged.keyId(), forged.publicKey(), null, forged.signerKeyId(), otherSig, forged.createdAt(), null, true);
        KeyTrust.Decision d = KeyTrust.evaluate("acme", Optional.of(pinned(a)), List.of(unsigned(a, "2025-01-01T00:00:00Z"), bad), List.of(), NOW);
        assertFalse(d.trusts(b.publicKey().keyId()));
    }

    @Test
    void aRevokedKeyVouchesOnlyForKeysAddedBeforeItsRevocation() {
        List<ListedKey> listed = List.of(revoked(unsigned(a, "2025-01-01T00:00:00Z"), "2025-06-01T00:00:00Z"),
                signed(b, a, "2025-07-01T00:00:00Z"));
        KeyTrust.Decision d = KeyTrust.evaluate("acme", Optional.of(pinned(a)), listed, List.of(), NOW);
        assertFalse(d.trusts(b.publicKey().keyId()));
    }

    @Test
    void anExplicitlyTrustedKeyReplacesTrustOnFirstUse() {
        List<ListedKey> listed = List.of(unsigned(a, "2025-01-01T00:00:00Z"), signed(b, a, "2025-05-01T00:00:00Z"),
                unsigned(c, "2025-05-02T00:00:00Z"));
        KeyTrust.Decision d = KeyTrust.evaluate("acme", Optional.empty(), listed, List.of(b.publicKey()), NOW);
        assertFalse(d.firstUse());
        assertTrue(d.trusts(b.publicKey().keyId()));
        assertFalse(d.trusts(a.publicKey().keyId()), "trust flows forward only");
        assertFalse(d.trusts(c.publicKey().keyId()));
        assertEquals("--trusted-key", d.newPins().get(0).reason());
    }

    @Test
    void aListedKeyWhoseIdDoesNotMatchItsPublicKeyIsRefused() {
        ListedKey lie = new ListedKey(b.publicKey().keyId(), a.publicKey().toString(), null, null, null, "2025-01-01T00:00:00Z", null, true);
        assertThrows(VerificationException.class, () -> KeyTrust.evaluate("acme", Optional.empty(), List.of(lie), List.of(), NOW));
    }

    /** The identity point, a small-order key: the registry refuses it now, and the client never pins it. */
    static final String SMALL_ORDER_KEY = "ed25519:AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    @Test
    void unusableKeysAreNeverPinned() {
        String id = "00000000000000000000000000000000";
        ListedKey bad = new ListedKey(id, SMALL_ORDER_KEY, null, null, null, "2025-01-01T00:00:00Z", null, true);
        VerificationException e = assertThrows(VerificationException.class, () -> KeyTrust.evaluate("acme", Optional.empty(),
                List.of(unsigned(a, "2025-01-01T00:00:00Z"), bad), List.of(), NOW));
        assertTrue(e.getMessage().contains("not a usable Ed25519 key"), e.getMessage());
        // and a pin file holding one is refused rather than trusted
        NamespacePins pins = new NamespacePins("acme", List.of(new PinnedKey(id, SMALL_ORDER_KEY, "t", "first use")));
        assertThrows(VerificationException.class, () -> KeyTrust.evaluate("acme", Optional.of(pins),
                List.of(unsigned(a, "2025-01-01T00:00:00Z")), List.of(), NOW));
    }
}
