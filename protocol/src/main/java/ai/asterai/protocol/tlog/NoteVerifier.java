package ai.asterai.protocol.tlog;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.PublicKey;
import ai.asterai.protocol.crypto.SignatureVerifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A C2SP signed-note Ed25519 verifier key, written {@code <name>+<key hash, 8 hex>+<base64 of 0x01 ||
 * 32-byte public key>}. The key hash is the first four bytes of SHA-256({@code name || 0x0A || 0x01 ||
 * public key}), big-endian: signature lines carry it so a reader finds the key to try.
 */
public record NoteVerifier(String name, int keyHash, PublicKey key) {
    static final byte ED25519 = 0x01;
    /** Bounds what {@link #parse} reads: a name, 8 hex digits and 44 base64 characters, with room for long names. */
    public static final int MAX_CHARS = 1024;

    public NoteVerifier {
        requireName(name);
        if (key == null) {
            throw new TlogFormatException("key", "a verifier key has a public key");
        }
        if (keyHash != keyHash(name, key)) {
            throw new TlogFormatException("key", "the verifier key's hash does not match its name and public key");
        }
    }

    public static NoteVerifier of(String name, PublicKey key) {
        return new NoteVerifier(name, keyHash(name, key), key);
    }

    static int keyHash(String name, PublicKey key) {
        MessageDigest md = Digest.sha256();
        md.update(name.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
        md.update(ED25519);
        md.update(key.raw());
        return ByteBuffer.wrap(md.digest()).getInt();
    }

    /** A key name: not empty, no white space, no {@code +}, no control characters (the C2SP signed-note rules). */
    static void requireName(String name) {
        if (name == null || name.isEmpty() || name.length() > 256) {
            throw new TlogFormatException("name", "a key name has 1 to 256 characters");
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                    || Character.isSurrogate(name.charAt(i)) && !Character.isSupplementaryCodePoint(c)) {
                throw new TlogFormatException("name", "a key name has no spaces, '+' or control characters");
            }
            i += Character.charCount(c);
        }
    }

    /** Strict: a name, the 8 lowercase hex digits of its key hash, and the canonical base64 of the typed key. */
    public static NoteVerifier parse(String text) {
        if (text == null || text.length() > MAX_CHARS) {
            throw new TlogFormatException("verifierKey", "a verifier key has at most " + MAX_CHARS + " characters");
        }
        String t = text.strip();
        // names have no '+', base64 may: the first two '+' end the name and the hash
        int first = t.indexOf('+');
        int second = first <= 0 ? -1 : t.indexOf('+', first + 1);
        if (first <= 0 || second < 0) {
            throw new TlogFormatException("verifierKey", "a verifier key is <name>+<key hash>+<base64 key>");
        }
        String name = t.substring(0, first);
        String hash = t.substring(first + 1, second);
        String b64 = t.substring(second + 1);
        if (!hash.matches("[0-9a-f]{8}")) {
            throw new TlogFormatException("verifierKey", "a verifier key's hash is 8 lowercase hex digits");
        }
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new TlogFormatException("verifierKey", "a verifier key's key is not valid base64");
        }
        if (typed.length != 33 || typed[0] != ED25519 || !Base64.getEncoder().encodeToString(typed).equals(b64)) {
            throw new TlogFormatException("verifierKey", "a verifier key's key is the canonical base64 of 0x01 and a 32-byte Ed25519 key");
        }
        PublicKey key;
        try {
            key = PublicKey.fromRaw(java.util.Arrays.copyOfRange(typed, 1, 33));
        } catch (InvalidInputException e) {
            throw new TlogFormatException("verifierKey", e.getMessage());
        }
        requireName(name);
        return new NoteVerifier(name, HexFormat.fromHexDigits(hash), key);
    }

    public String text() {
        byte[] typed = new byte[33];
        typed[0] = ED25519;
        System.arraycopy(key.raw(), 0, typed, 1, 32);
        return name + "+" + HexFormat.of().toHexDigits(keyHash) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** Whether {@code signature} is this key's over the note text. */
    public boolean verifies(String text, NoteSignature signature) {
        return signature.name().equals(name) && signature.keyHash() == keyHash
                && SignatureVerifier.verify(key, text.getBytes(StandardCharsets.UTF_8), signature.signature());
    }

    @Override
    public String toString() {
        return text();
    }
}
