package ai.asterai.protocol.crypto;

import ai.asterai.protocol.InvalidInputException;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 private key. Written {@code ed25519-private:<base64 of the 32-byte seed>}; it never
 * appears in toString so it cannot leak through logs.
 */
public final class SigningKey {
    public static final String PREFIX = "ed25519-private:";
    private final Ed25519PrivateKeyParameters key;

    private SigningKey(Ed25519PrivateKeyParameters key) {
        this.key = key;
    }

    public static SigningKey generate() {
        return new SigningKey(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    public static SigningKey fromSeed(byte[] seed) {
        if (seed == null || seed.length != 32) {
            throw new InvalidInputException("privateKey", "an Ed25519 private key seed has 32 bytes");
        }
        return new SigningKey(new Ed25519PrivateKeyParameters(seed, 0));
    }

    public static SigningKey parse(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.startsWith(PREFIX)) {
            throw new InvalidInputException("privateKey", "private key must start with " + PREFIX);
        }
        try {
            return fromSeed(Base64.getDecoder().decode(t.substring(PREFIX.length())));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("privateKey", "private key is not valid base64");
        }
    }

    /** The text form for a key file; handle with care. */
    public String encode() {
        return PREFIX + Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public PublicKey publicKey() {
        return PublicKey.fromRaw(key.generatePublicKey().getEncoded());
    }

    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    @Override
    public String toString() {
        return "SigningKey[" + publicKey().keyId() + "]";
    }
}
