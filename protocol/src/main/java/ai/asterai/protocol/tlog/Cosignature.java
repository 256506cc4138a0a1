package ai.asterai.protocol.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A C2SP tlog-cosignature Ed25519 cosignature/v1 as carried in a note signature line: the signature
 * bytes are an 8-byte big-endian POSIX timestamp and the 64-byte Ed25519 signature over
 * {@code "cosignature/v1\ntime <timestamp>\n" || checkpoint body} ({@link #message}).
 */
public record Cosignature(String name, int keyHash, long timestamp, byte[] signature) {
    public static final int SIGNATURE_BYTES = 8 + 64;

    public Cosignature {
        NoteVerifier.requireName(name);
        if (timestamp < 0) {
            throw new TlogFormatException("cosignature", "a cosignature's timestamp is at most 2^63 - 1");
        }
        if (signature == null || signature.length != 64) {
            throw new TlogFormatException("cosignature", "a cosignature has a 64-byte Ed25519 signature");
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** Reads a note signature line's bytes as a cosignature: exactly 72 bytes, timestamp below 2^63. */
    public static Cosignature of(NoteSignature s) {
        byte[] b = s.signature();
        if (b.length != SIGNATURE_BYTES) {
            throw new TlogFormatException("cosignature", "a cosignature/v1 is a timestamp and an Ed25519 signature (72 bytes), not " + b.length);
        }
        long time = ByteBuffer.wrap(b, 0, 8).getLong();
        if (time < 0) {
            throw new TlogFormatException("cosignature", "a cosignature's timestamp is at most 2^63 - 1");
        }
        return new Cosignature(s.name(), s.keyHash(), time, Arrays.copyOfRange(b, 8, SIGNATURE_BYTES));
    }

    /** The note signature line this cosignature is. */
    public NoteSignature noteSignature() {
        byte[] b = ByteBuffer.allocate(SIGNATURE_BYTES).putLong(timestamp).put(signature).array();
        return new NoteSignature(name, keyHash, b);
    }

    /** What a cosigner signs: the header line, the time line, then the checkpoint's whole body. */
    public static byte[] message(long timestamp, String checkpointText) {
        return ("cosignature/v1\ntime " + timestamp + "\n" + checkpointText).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cosignature c && c.name.equals(name) && c.keyHash == keyHash && c.timestamp == timestamp
                && Arrays.equals(c.signature, signature);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + keyHash;
    }

    @Override
    public String toString() {
        return "Cosignature[" + name + " at " + timestamp + "]";
    }
}
