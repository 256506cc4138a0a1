package ai.asterai.protocol.tlog;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** A SHA-256 value in the log's tree: a leaf hash, a node hash or a root. Always 32 bytes. */
public record Hash(byte[] bytes) {
    public static final int SIZE = 32;

    public Hash {
        if (bytes == null || bytes.length != SIZE) {
            throw new TlogFormatException("hash", "a tree hash has " + SIZE + " bytes");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The 32 bytes starting at {@code offset}; the caller has checked they are present. */
    public static Hash of(byte[] data, int offset) {
        return new Hash(Arrays.copyOfRange(data, offset, offset + SIZE));
    }

    /** Standard base64 with padding, as checkpoints and the proof API write hashes. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Strict: exactly the canonical base64 of 32 bytes. */
    public static Hash parseBase64(String field, String text) {
        if (text == null || text.length() != 44) {
            throw new TlogFormatException(field, field + " must be the base64 of 32 bytes (44 characters)");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new TlogFormatException(field, field + " is not valid base64");
        }
        if (raw.length != SIZE || !Base64.getEncoder().encodeToString(raw).equals(text)) {
            throw new TlogFormatException(field, field + " must be the canonical base64 of 32 bytes");
        }
        return new Hash(raw);
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && MessageDigest.isEqual(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Hash[" + hex() + "]";
    }
}
