package ai.asterai.protocol.crypto;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Verifies Ed25519 signatures (RFC 8032, pure Ed25519, no pre-hash). */
public final class SignatureVerifier {
    private SignatureVerifier() {
    }

    /** True only for a valid signature by {@code key}; false, never an exception, for anything else. */
    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        if (key == null || message == null || signature == null || signature.length != 64) {
            return false;
        }
        try {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(key.raw(), 0));
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(signature);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * As {@link #verify(PublicKey, byte[], byte[])} for a key in its text form as it was stored, possibly
     * before keys were checked: a key that is malformed or unusable (small order, off the curve, not
     * canonical) verifies nothing.
     */
    public static boolean verify(String storedKey, byte[] message, byte[] signature) {
        PublicKey key;
        try {
            key = PublicKey.parse(storedKey);
        } catch (RuntimeException e) {
            return false;
        }
        return verify(key, message, signature);
    }
}
