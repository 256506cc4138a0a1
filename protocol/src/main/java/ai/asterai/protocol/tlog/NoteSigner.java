package ai.asterai.protocol.tlog;

import ai.asterai.protocol.crypto.SigningKey;
import java.nio.charset.StandardCharsets;

/** Signs notes with an Ed25519 key under a name (for a log: its origin). */
public final class NoteSigner {
    private final String name;
    private final SigningKey key;
    private final NoteVerifier verifier;

    public NoteSigner(String name, SigningKey key) {
        NoteVerifier.requireName(name);
        this.name = name;
        this.key = key;
        this.verifier = NoteVerifier.of(name, key.publicKey());
    }

    public String name() {
        return name;
    }

    public NoteVerifier verifier() {
        return verifier;
    }

    NoteSignature sign(String text) {
        return new NoteSignature(name, verifier.keyHash(), key.sign(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "NoteSigner[" + verifier.text() + "]";
    }
}
