package ai.asterai.protocol.tlog;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.PublicKey;
import ai.asterai.protocol.crypto.SignatureVerifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A witness's C2SP tlog-cosignature Ed25519 key (cosignature/v1), written as a signed-note verifier key
 * of type 0x04: {@code <name>+<key hash, 8 hex>+<base64 of 0x04 || 32-byte public key>}. The key hash is
 * the first four bytes of SHA-256({@code name || 0x0A || 0x04 || public key}): another type byte than a
 * log's key (0x01), so a cosignature is never mistaken for a log signature over the same note.
 */
public record CosignerKey(String name, int keyHash, PublicKey key) {
    static final byte COSIGNATURE_V1 = 0x04;

    public CosignerKey {
        NoteVerifier.requireName(name);
        if (key == null) {
            throw new TlogFormatException("key", "a cosigner key has a public key");
        }
        if (keyHash != keyHash(name, key)) {
            throw new TlogFormatException("key", "the cosigner key's hash does not match its name and public key");
        }
    }

    public static CosignerKey of(String name, PublicKey key) {
        return new CosignerKey(name, keyHash(name, key), key);
    }

    static int keyHash(String name, PublicKey key) {
        MessageDigest md = Digest.sha256();
        md.update(name.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
        md.update(COSIGNATURE_V1);
        md.update(key.raw());
        return ByteBuffer.wrap(md.digest()).getInt();
    }

    /** Strict: a name, the 8 lowercase hex digits of its key hash, and the canonical base64 of 0x04 and the key. */
    public static CosignerKey parse(String text) {
        if (text == null || text.length() > NoteVerifier.MAX_CHARS) {
            throw new TlogFormatException("cosignerKey", "a cosigner key has at most " + NoteVerifier.MAX_CHARS + " characters");
        }
        String t = text.strip();
        int first = t.indexOf('+');
        int second = first <= 0 ? -1 : t.indexOf('+', first + 1);
        if (first <= 0 || second < 0) {
            throw new TlogFormatException("cosignerKey", "a cosigner key is <name>+<key hash>+<base64 key>");
        }
        String name = t.substring(0, first);
        String hash = t.substring(first + 1, second);
        String b64 = t.substring(second + 1);
        if (!hash.matches("[0-9a-f]{8}")) {
            throw new TlogFormatException("cosignerKey", "a cosigner key's hash is 8 lowercase hex digits");
        }
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new TlogFormatException("cosignerKey", "a cosigner key's key is not valid base64");
        }
        if (typed.length != 33 || typed[0] != COSIGNATURE_V1 || !Base64.getEncoder().encodeToString(typed).equals(b64)) {
            throw new TlogFormatException("cosignerKey", "a cosigner key's key is the canonical base64 of 0x04 and a 32-byte Ed25519 key");
        }
        PublicKey key;
        try {
            key = PublicKey.fromRaw(Arrays.copyOfRange(typed, 1, 33));
        } catch (InvalidInputException e) {
            throw new TlogFormatException("cosignerKey", e.getMessage());
        }
        NoteVerifier.requireName(name);
        return new CosignerKey(name, HexFormat.fromHexDigits(hash), key);
    }

    public String text() {
        byte[] typed = new byte[33];
        typed[0] = COSIGNATURE_V1;
        System.arraycopy(key.raw(), 0, typed, 1, 32);
        return name + "+" + HexFormat.of().toHexDigits(keyHash) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** Whether this signature line is one this key would write (same name and key hash); says nothing of its validity. */
    public boolean matches(NoteSignature s) {
        return s.name().equals(name) && s.keyHash() == keyHash;
    }

    /**
     * The cosignature's timestamp, if {@code s} is this key's valid cosignature/v1 over the checkpoint
     * text (the note body, ending in a newline); otherwise a {@link TlogFormatException}.
     */
    public long verify(String checkpointText, NoteSignature s) {
        if (!matches(s)) {
            throw new TlogFormatException("cosignature", "the signature is not by cosigner " + name);
        }
        Cosignature c = Cosignature.of(s);
        if (!SignatureVerifier.verify(key, Cosignature.message(c.timestamp(), checkpointText), c.signature())) {
            throw new TlogFormatException("cosignature", "the cosignature by " + name + " does not verify");
        }
        return c.timestamp();
    }

    @Override
    public String toString() {
        return text();
    }
}
