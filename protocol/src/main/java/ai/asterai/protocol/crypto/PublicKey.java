package ai.asterai.protocol.crypto;

import ai.asterai.protocol.InvalidInputException;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An Ed25519 public key, written {@code ed25519:<base64 of the 32 raw bytes>}. Its id is the first 16
 * bytes of the SHA-256 of the raw key in hex: short enough to print, long enough not to collide.
 *
 * <p>Only usable keys can be made: the 32 bytes must be the canonical encoding (y below the field
 * prime, no sign bit on x = 0) of a point on the curve that lies in the prime-order subgroup. That
 * refuses the identity, the other small-order (torsion) points, all-zero and off-curve values, and
 * mixed-order points; no honestly generated key is any of these, and a signature "by" a small-order
 * key proves nothing. The check is BouncyCastle's full RFC 8032 point validation
 * ({@code Ed25519.validatePublicKeyFull}: decode, check canonical and on the curve, multiply by the
 * group order and compare with the identity). Server (key registration) and client (trust pins,
 * {@code --trusted-key}, key files) both construct keys only through here.
 */
public final class PublicKey {
    public static final String PREFIX = "ed25519:";
    private final byte[] raw;

    private PublicKey(byte[] raw) {
        this.raw = raw.clone();
    }

    public static PublicKey fromRaw(byte[] raw) {
        if (raw == null || raw.length != 32) {
            throw new InvalidInputException("publicKey", "an Ed25519 public key has 32 bytes");
        }
        if (!usable(raw)) {
            throw new InvalidInputException("publicKey", "public key is not a usable Ed25519 key: it must be the canonical"
                    + " encoding of a curve point of prime order (small-order, off-curve and non-canonical encodings are refused)");
        }
        return new PublicKey(raw);
    }

    /** Whether 32 bytes are a canonical encoding of a point on the curve in the prime-order subgroup. */
    static boolean usable(byte[] raw) {
        try {
            return raw.length == Ed25519.PUBLIC_KEY_SIZE && Ed25519.validatePublicKeyFull(raw, 0);
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static PublicKey parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new InvalidInputException("publicKey", "public key must be ed25519: followed by base64 of 32 bytes");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("publicKey", "public key is not valid base64");
        }
        return fromRaw(raw);
    }

    public byte[] raw() {
        return raw.clone();
    }

    public String keyId() {
        byte[] h = Digest.sha256().digest(raw);
        return HexFormat.of().formatHex(h, 0, 16);
    }

    public static boolean isValidKeyId(String id) {
        return id != null && id.matches("[0-9a-f]{32}");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey p && Arrays.equals(raw, p.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return PREFIX + Base64.getEncoder().encodeToString(raw);
    }
}
