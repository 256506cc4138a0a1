package ai.asterai.protocol.release;

import ai.asterai.protocol.crypto.PublicKey;
import java.nio.charset.StandardCharsets;

/**
 * The byte string signed when a namespace adds a key: an existing key of the namespace vouches for
 * the new one, so a client can follow a rotation from a key it already trusts.
 */
public record KeyStatement(String namespace, PublicKey key, String signerKeyId) {
    public static final String DOMAIN = "asterai-key-add-v1";

    public byte[] canonicalBytes() {
        return (DOMAIN + "\n"
                + "namespace " + namespace + "\n"
                + "key " + key + "\n"
                + "signer " + signerKeyId + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
