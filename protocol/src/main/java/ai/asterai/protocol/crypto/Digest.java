package ai.asterai.protocol.crypto;

import ai.asterai.protocol.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A SHA-256 content digest, written {@code sha256:<64 lowercase hex>}. */
public record Digest(String hex) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    public static final String PREFIX = "sha256:";

    public Digest {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new InvalidInputException("digest", "digest must be sha256: followed by 64 lowercase hex digits");
        }
    }

    public static Digest parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new InvalidInputException("digest", "digest must be sha256: followed by 64 lowercase hex digits");
        }
        return new Digest(text.substring(PREFIX.length()));
    }

    public static Digest of(byte[] bytes) {
        return new Digest(HexFormat.of().formatHex(sha256().digest(bytes)));
    }

    public static Digest of(InputStream in) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
        }
        return new Digest(HexFormat.of().formatHex(md.digest()));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    public static Digest fromRaw(byte[] raw) {
        return new Digest(HexFormat.of().formatHex(raw));
    }

    /** Compares without leaking where the first difference is. */
    public boolean matches(Digest other) {
        return other != null && MessageDigest.isEqual(hex.getBytes(), other.hex.getBytes());
    }

    @Override
    public String toString() {
        return PREFIX + hex;
    }
}
