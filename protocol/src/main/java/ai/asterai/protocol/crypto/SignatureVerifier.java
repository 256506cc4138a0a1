package ai.asterai.protocol.crypto;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Verifies Ed25519 signatures (RFC 8032, pure Ed25519, no pre-hash). */
public final class SignatureVerifier {
    private SignatureVerifier() {
    }

    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        if (signature == null || signature.length != 64) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(key.raw(), 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }
}
