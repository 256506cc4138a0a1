package ai.asterai.protocol.tlog;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** One signature line of a signed note: the signer's name, its key hash and the signature bytes. */
public record NoteSignature(String name, int keyHash, byte[] signature) {
    public NoteSignature {
        NoteVerifier.requireName(name);
        if (signature == null || signature.length < 1 || signature.length > 1024) {
            throw new TlogFormatException("signature", "a note signature has 1 to 1024 bytes");
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The line without its newline: {@code — <name> <base64 of key hash || signature>}. */
    public String line() {
        byte[] blob = new byte[4 + signature.length];
        blob[0] = (byte) (keyHash >>> 24);
        blob[1] = (byte) (keyHash >>> 16);
        blob[2] = (byte) (keyHash >>> 8);
        blob[3] = (byte) keyHash;
        System.arraycopy(signature, 0, blob, 4, signature.length);
        return SignedNote.SIG_PREFIX + name + " " + Base64.getEncoder().encodeToString(blob);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteSignature s && s.name.equals(name) && s.keyHash == keyHash && Arrays.equals(s.signature, signature);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + keyHash;
    }

    @Override
    public String toString() {
        return "NoteSignature[" + name + "+" + HexFormat.of().toHexDigits(keyHash) + "]";
    }
}
