package ai.asterai.protocol.tlog;

import ai.asterai.protocol.crypto.SigningKey;

/** A witness's signing side: cosigns checkpoints (C2SP tlog-cosignature, Ed25519 cosignature/v1) under a name. */
public final class Cosigner {
    private final SigningKey key;
    private final CosignerKey verifier;

    public Cosigner(String name, SigningKey key) {
        this.key = key;
        this.verifier = CosignerKey.of(name, key.publicKey());
    }

    public CosignerKey verifier() {
        return verifier;
    }

    /** The cosignature over {@code checkpoint}'s body at {@code timestamp} (POSIX seconds). */
    public Cosignature cosign(Checkpoint checkpoint, long timestamp) {
        byte[] sig = key.sign(Cosignature.message(timestamp, checkpoint.text()));
        return new Cosignature(verifier.name(), verifier.keyHash(), timestamp, sig);
    }

    @Override
    public String toString() {
        return "Cosigner[" + verifier.text() + "]";
    }
}
