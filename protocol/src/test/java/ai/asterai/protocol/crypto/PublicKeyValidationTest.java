package ai.asterai.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.InvalidInputException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unusable Ed25519 public keys are refused when parsed, and verify nothing when stored earlier. */
class PublicKeyValidationTest {
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

    @ParameterizedTest
    @ValueSource(strings = {
            // the eight small-order (torsion) points
            "0100000000000000000000000000000000000000000000000000000000000000", // identity (0, 1)
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2 (0, -1)
            "0000000000000000000000000000000000000000000000000000000000000000", // order 4, also all zeros
            "0000000000000000000000000000000000000000000000000000000000000080", // order 4
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85", // order 8
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa", // order 8
            // non-canonical encodings
            "0100000000000000000000000000000000000000000000000000000000000080", // x = 0 with the sign bit set
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", // x = 0 with the sign bit set
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p + 1
            "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = 2^255 - 1
            // not on the curve: (y^2 - 1) / (d y^2 + 1) is not a square for y = 2
            "0200000000000000000000000000000000000000000000000000000000000000",
    })
    void unusableKeysAreRefused(String hex) {
        byte[] raw = HexFormat.of().parseHex(hex);
        String text = PublicKey.PREFIX + Base64.getEncoder().encodeToString(raw);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PublicKey.parse(text));
        assertEquals("publicKey", e.field());
        assertThrows(InvalidInputException.class, () -> PublicKey.fromRaw(raw));
        // as stored before keys were checked: verifies nothing, throws nothing
        assertFalse(SignatureVerifier.verify(text, "m".getBytes(StandardCharsets.UTF_8), new byte[64]));
    }

    @Test
    void mixedOrderKeysAreRefused() {
        // a real key plus the point of order 2: (x, y) + (0, -1) = (-x, -y); 8 * P is not the identity,
        // but P is outside the prime-order subgroup, which no generated key is
        SigningKey k = SigningKey.generate();
        byte[] raw = k.publicKey().raw();
        int sign = (raw[31] >> 7) & 1;
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[31 - i] = raw[i];
        }
        be[0] &= 0x7f;
        BigInteger y = P.subtract(new BigInteger(1, be));
        byte[] yb = y.toByteArray();
        byte[] mixed = new byte[32];
        for (int i = 0; i < yb.length && i < 32; i++) {
            mixed[i] = yb[yb.length - 1 - i];
        }
        mixed[31] = (byte) ((mixed[31] & 0x7f) | ((1 - sign) << 7));
        assertThrows(InvalidInputException.class, () -> PublicKey.fromRaw(mixed));
    }

    @Test
    void generatedKeysAreUsableAndVerify() {
        for (int i = 0; i < 20; i++) {
            SigningKey k = SigningKey.generate();
            PublicKey pk = PublicKey.parse(k.publicKey().toString());
            byte[] m = ("message " + i).getBytes(StandardCharsets.UTF_8);
            assertTrue(SignatureVerifier.verify(pk, m, k.sign(m)));
            assertTrue(SignatureVerifier.verify(pk.toString(), m, k.sign(m)));
            assertFalse(SignatureVerifier.verify(pk.toString(), m, new byte[64]));
        }
        for (String bad : List.of("", "ed25519:", "ed25519:AAAA", "ed25519:!!", "x")) {
            assertFalse(SignatureVerifier.verify(bad, new byte[0], new byte[64]));
        }
        assertFalse(SignatureVerifier.verify((String) null, new byte[0], new byte[64]));
    }
}
