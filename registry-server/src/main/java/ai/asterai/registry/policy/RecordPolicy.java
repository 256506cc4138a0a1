package ai.asterai.registry.policy;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.PublicKey;
import ai.asterai.protocol.crypto.SignatureVerifier;
import ai.asterai.protocol.release.KeyStatement;
import ai.asterai.protocol.release.ReleaseEnvelope;
import ai.asterai.protocol.release.SignatureBundle;
import java.time.OffsetDateTime;
import java.util.Base64;

/**
 * Who may put what on record (warg's record policy): a release is signed by an active key of its
 * namespace over the envelope of its digests; a new key is vouched for by a current key. Plain Java
 * over what the stores looked up: no framework, no database. A refusal is an
 * {@link InvalidInputException} naming the field, as docs/api.md and docs/signing.md say.
 */
public final class RecordPolicy {
    /** A namespace key as the store holds it: the public key's text and when it was revoked, if it was. */
    public record KeyOnRecord(String keyId, String publicKey, OffsetDateTime revokedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    private RecordPolicy() {
    }

    /** The signing key is a key of the namespace ({@code key} null when it is not) and was not revoked. */
    public static KeyOnRecord mayPublish(String namespace, String keyId, KeyOnRecord key) {
        if (key == null) {
            throw new InvalidInputException("signature", "key " + keyId + " is not a key of namespace '" + namespace + "'");
        }
        if (!key.active()) {
            throw new InvalidInputException("signature", "key " + keyId + " was revoked at " + key.revokedAt());
        }
        return key;
    }

    /** The signature covers the release envelope built from the parts' digests. */
    public static void releaseSigned(ReleaseEnvelope envelope, SignatureBundle signature, KeyOnRecord key) {
        // the stored text, checked when it was added: an unusable key verifies nothing, never throws
        if (!SignatureVerifier.verify(key.publicKey(), envelope.canonicalBytes(), signature.signatureBytes())) {
            throw new InvalidInputException("signature",
                    "signature does not verify over the release envelope (docs/signing.md): wrong key, or a part differs from what was signed");
        }
    }

    /** A new key's statement is signed by {@code signer}, an active key of the namespace the caller looked up. */
    public static void vouches(String namespace, PublicKey added, String signerKeyId, String signatureBase64, KeyOnRecord signer) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signatureBase64);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("signature", "signature is not valid base64");
        }
        byte[] message = new KeyStatement(namespace, added, signerKeyId).canonicalBytes();
        if (!SignatureVerifier.verify(signer.publicKey(), message, signature)) {
            throw new InvalidInputException("signature",
                    "signature does not verify: it must sign the key statement of docs/signing.md with key " + signerKeyId);
        }
    }
}
