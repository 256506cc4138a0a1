package ai.asterai.protocol.crypto;

import ai.asterai.protocol.InvalidInputException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An Ed25519 public key, written {@code ed25519:<base64 of the 32 raw bytes>}. Its id is the first 16
 * bytes of the SHA-256 of the raw key in hex: short enough to print, long enough not to collide.
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
        return new PublicKey(raw);
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
