package ai.asterai.protocol.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note: UTF-8 text ending in a newline, a blank line, then one line per signature,
 * {@code — <name> <base64 of 4-byte key hash || signature>}. The text has no control characters but
 * newlines. Parsing is bounded ({@link #MAX_BYTES}, {@link #MAX_SIGNATURES}) and strict; it does not
 * verify: {@link #verifiedBy} does.
 */
public record SignedNote(String text, List<NoteSignature> signatures) {
    public static final int MAX_BYTES = 64 * 1024;
    public static final int MAX_SIGNATURES = 100;
    static final String SIG_PREFIX = "\u2014 ";

    public SignedNote {
        requireText(text);
        signatures = List.copyOf(signatures);
        if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
            throw new TlogFormatException("note", "a signed note has 1 to " + MAX_SIGNATURES + " signatures");
        }
    }

    private static void requireText(String text) {
        if (text == null || text.isEmpty() || !text.endsWith("\n")) {
            throw new TlogFormatException("note", "a note's text ends with a newline");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\n') || c == 0x7f) {
                throw new TlogFormatException("note", "a note's text has no control characters but newlines");
            }
        }
    }

    /** Signs {@code text} (which ends with a newline) with one key. */
    public static SignedNote sign(String text, NoteSigner signer) {
        requireText(text);
        return new SignedNote(text, List.of(signer.sign(text)));
    }

    /** The note as served: text, blank line, signature lines. */
    public String format() {
        StringBuilder b = new StringBuilder(text).append('\n');
        signatures.forEach(s -> b.append(s.line()).append('\n'));
        return b.toString();
    }

    public static SignedNote parse(byte[] bytes) {
        if (bytes == null || bytes.length > MAX_BYTES) {
            throw new TlogFormatException("note", "a signed note has at most " + MAX_BYTES + " bytes");
        }
        String msg;
        try {
            msg = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new TlogFormatException("note", "a signed note is UTF-8");
        }
        int split = msg.lastIndexOf("\n\n");
        if (split < 0) {
            throw new TlogFormatException("note", "a signed note has a blank line between its text and its signatures");
        }
        String text = msg.substring(0, split + 1);
        String sigs = msg.substring(split + 2);
        if (sigs.isEmpty() || !sigs.endsWith("\n")) {
            throw new TlogFormatException("note", "a signed note's signature lines end with a newline");
        }
        String[] lines = sigs.substring(0, sigs.length() - 1).split("\n", -1);
        if (lines.length > MAX_SIGNATURES) {
            throw new TlogFormatException("note", "a signed note has at most " + MAX_SIGNATURES + " signatures");
        }
        List<NoteSignature> out = new ArrayList<>(lines.length);
        for (String line : lines) {
            out.add(parseLine(line));
        }
        return new SignedNote(text, out);
    }

    private static NoteSignature parseLine(String line) {
        if (!line.startsWith(SIG_PREFIX)) {
            throw new TlogFormatException("note", "a signature line starts with an em dash and a space");
        }
        String rest = line.substring(SIG_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space <= 0 || rest.indexOf(' ', space + 1) >= 0) {
            throw new TlogFormatException("note", "a signature line is '\u2014 <name> <base64>'");
        }
        String name = rest.substring(0, space);
        String b64 = rest.substring(space + 1);
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new TlogFormatException("note", "a signature is not valid base64");
        }
        if (blob.length < 5 || !Base64.getEncoder().encodeToString(blob).equals(b64)) {
            throw new TlogFormatException("note", "a signature is the canonical base64 of a key hash and at least one byte");
        }
        int hash = ByteBuffer.wrap(blob, 0, 4).getInt();
        return new NoteSignature(name, hash, Arrays.copyOfRange(blob, 4, blob.length));
    }

    /**
     * The text, if one of the signatures is a valid one by {@code verifier}; otherwise a
     * {@link TlogFormatException}. Signatures by other keys are ignored (cosigners, witnesses).
     */
    public String verifiedBy(NoteVerifier verifier) {
        for (NoteSignature s : signatures) {
            if (s.name().equals(verifier.name()) && s.keyHash() == verifier.keyHash()) {
                if (verifier.verifies(text, s)) {
                    return text;
                }
                throw new TlogFormatException("note", "the note's signature by " + verifier.name() + " does not verify");
            }
        }
        throw new TlogFormatException("note", "the note has no signature by " + verifier.name());
    }
}
