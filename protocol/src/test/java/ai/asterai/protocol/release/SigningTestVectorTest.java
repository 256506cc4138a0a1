package ai.asterai.protocol.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.PublicKey;
import ai.asterai.protocol.crypto.SignatureVerifier;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The test vector of docs/signing.md: if this changes, every signature ever made breaks. */
class SigningTestVectorTest {
    private static final SigningKey KEY = SigningKey.fromSeed(seed());

    private static byte[] seed() {
        byte[] s = new byte[32];
        for (int i = 0; i < 32; i++) s[i] = (byte) (i + 1);
        return s;
    }

    private static ReleaseEnvelope envelope() {
        return new ReleaseEnvelope(PackageName.parse("example:hello"), Version.parse("1.0.0"), PackageKind.COMPONENT,
                Digest.of("{\"name\":\"example:hello\"}".getBytes(StandardCharsets.UTF_8)),
                Digest.of(new byte[]{0, 0x61, 0x73, 0x6d, 1, 0, 0, 0}),
                Digest.of("package example:hello@1.0.0;\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void keyEncodingAndId() {
        assertEquals("ed25519:ebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQ=", KEY.publicKey().toString());
        assertEquals("65b60673d6ed884bf01c2c222d82ada0", KEY.publicKey().keyId());
        assertEquals(KEY.publicKey(), PublicKey.parse(KEY.publicKey().toString()));
        assertEquals(KEY.publicKey(), SigningKey.parse(KEY.encode()).publicKey());
        assertFalse(KEY.toString().contains(KEY.encode()), "a private key must never print itself");
    }

    @Test
    void releaseEnvelopeBytesAndSignature() {
        String expected = "asterai-release-v1\npackage example:hello\nversion 1.0.0\nkind component\n"
                + "manifest sha256:8c96fe1a4f00a9f23446eeddab6dc023f6c4afdb59a30ce0992540f8add6b265\n"
                + "wasm sha256:93a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476\n"
                + "wit sha256:ab2a9e712c666f48441c6dedfc331bb707094b6f60f2f22ea45c64886fa11219\n";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), envelope().canonicalBytes());
        byte[] sig = KEY.sign(envelope().canonicalBytes());
        assertEquals("jPDAFqHec8suJF2sp9/oh803WfS1p35jMkmdhS2muu+2hz42NN3QLVhyYdfOCuzoAsRcATikPnDasOzAGb5bDg==",
                Base64.getEncoder().encodeToString(sig));
        assertTrue(SignatureVerifier.verify(KEY.publicKey(), envelope().canonicalBytes(), sig));
    }

    @Test
    void interfaceEnvelopeSaysNone() {
        ReleaseEnvelope e = new ReleaseEnvelope(PackageName.parse("a:b"), Version.parse("1.0.0"), PackageKind.INTERFACE,
                Digest.of(new byte[1]), null, Digest.of(new byte[2]));
        assertTrue(new String(e.canonicalBytes(), StandardCharsets.UTF_8).contains("\nwasm none\n"));
    }

    @Test
    void keyStatementVector() {
        byte[] seed2 = new byte[32];
        Arrays.fill(seed2, (byte) 0x42);
        PublicKey added = SigningKey.fromSeed(seed2).publicKey();
        KeyStatement ks = new KeyStatement("example", added, KEY.publicKey().keyId());
        assertEquals("asterai-key-add-v1\nnamespace example\nkey ed25519:IVL40Zt5HSRFMkLhXy6rbLfP+ntqXtMAl5YOBpiB2xI=\n"
                + "signer 65b60673d6ed884bf01c2c222d82ada0\n", new String(ks.canonicalBytes(), StandardCharsets.UTF_8));
        assertEquals("3eG9781IrFSlRbWnIGkxWPoTM0wKNDT37BL3RgOvVW7yjjmkGQK4uw9zjeGxTQqN4BR+dgtitozK4cGvILHQCw==",
                Base64.getEncoder().encodeToString(KEY.sign(ks.canonicalBytes())));
    }

    @Test
    void tamperedMessagesAndSignaturesFail() {
        byte[] msg = envelope().canonicalBytes();
        byte[] sig = KEY.sign(msg);
        byte[] otherMsg = msg.clone();
        otherMsg[otherMsg.length - 2] ^= 1;
        assertFalse(SignatureVerifier.verify(KEY.publicKey(), otherMsg, sig));
        byte[] badSig = sig.clone();
        badSig[0] ^= 1;
        assertFalse(SignatureVerifier.verify(KEY.publicKey(), msg, badSig));
        assertFalse(SignatureVerifier.verify(KEY.publicKey(), msg, new byte[63]));
        assertFalse(SignatureVerifier.verify(SigningKey.generate().publicKey(), msg, sig));
    }

    @Test
    void malformedKeysAndBundlesAreRefused() {
        assertThrows(InvalidInputException.class, () -> PublicKey.parse("ed25519:AAAA"));
        assertThrows(InvalidInputException.class, () -> PublicKey.parse("rsa:AAAA"));
        assertThrows(InvalidInputException.class, () -> PublicKey.parse("ed25519:!!!"));
        assertThrows(InvalidInputException.class, () -> SigningKey.parse("ed25519:abc"));
        assertThrows(InvalidInputException.class, () -> SignatureBundle.parse("{}".getBytes()));
        assertThrows(InvalidInputException.class, () -> SignatureBundle.parse("not json".getBytes()));
        assertThrows(InvalidInputException.class, () -> SignatureBundle.parse(
                "{\"keyId\":\"65b60673d6ed884bf01c2c222d82ada0\",\"signature\":\"AAAA\"}".getBytes()));
        SignatureBundle ok = SignatureBundle.sign(KEY, new byte[]{1});
        assertEquals(ok, SignatureBundle.parse(ok.toJson()));
    }
}
