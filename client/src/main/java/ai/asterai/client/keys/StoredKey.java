package ai.asterai.client.keys;

import ai.asterai.protocol.crypto.PublicKey;
import java.nio.file.Path;

/** A key pair in the key folder, seen through its public half; the private half stays in the file. */
public record StoredKey(String name, PublicKey publicKey, Path privateKeyFile) {
    public String keyId() {
        return publicKey.keyId();
    }
}
