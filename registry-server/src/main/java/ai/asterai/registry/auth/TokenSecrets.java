package ai.asterai.registry.auth;

import ai.asterai.protocol.crypto.Digest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Makes and hashes token secrets. The {@code ast_} prefix lets secret scanners recognise them. */
public final class TokenSecrets {
    public static final String PREFIX = "ast_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    public static String generate() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String hash(String secret) {
        return HexFormat.of().formatHex(Digest.sha256().digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
