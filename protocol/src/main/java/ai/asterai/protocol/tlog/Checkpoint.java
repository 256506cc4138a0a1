package ai.asterai.protocol.tlog;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A C2SP tlog-checkpoint: the note text {@code <origin>\n<size>\n<base64 root hash>\n} followed by
 * optional extension lines. It is what the log's key signs ({@link SignedNote}).
 */
public record Checkpoint(String origin, long size, Hash root, List<String> extensions) {
    /** Far more than a checkpoint needs; bounds what {@link #parse} reads. */
    public static final int MAX_BYTES = 16 * 1024;

    public Checkpoint {
        requireLine("origin", origin);
        if (origin.isEmpty()) {
            throw new TlogFormatException("origin", "a checkpoint's origin line is not empty");
        }
        if (size < 0) {
            throw new TlogFormatException("size", "a checkpoint's tree size is not negative");
        }
        if (root == null) {
            throw new TlogFormatException("root", "a checkpoint has a root hash");
        }
        extensions = List.copyOf(extensions);
        for (String e : extensions) {
            requireLine("extension", e);
            if (e.isEmpty()) {
                throw new TlogFormatException("extension", "a checkpoint's extension line is not empty");
            }
        }
    }

    public Checkpoint(String origin, long size, Hash root) {
        this(origin, size, root, List.of());
    }

    private static void requireLine(String field, String s) {
        if (s == null) {
            throw new TlogFormatException(field, "a checkpoint's " + field + " is missing");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new TlogFormatException(field, "a checkpoint's " + field + " has a control character");
            }
        }
    }

    /** The note text, ending in a newline. */
    public String text() {
        StringBuilder b = new StringBuilder().append(origin).append('\n').append(size).append('\n').append(root.base64()).append('\n');
        extensions.forEach(e -> b.append(e).append('\n'));
        return b.toString();
    }

    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /** Strict: exactly the form {@link #text()} writes (decimal size without leading zeros, canonical base64). */
    public static Checkpoint parse(String text) {
        if (text == null || text.length() > MAX_BYTES) {
            throw new TlogFormatException("checkpoint", "a checkpoint has at most " + MAX_BYTES + " characters");
        }
        if (!text.endsWith("\n")) {
            throw new TlogFormatException("checkpoint", "a checkpoint ends with a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new TlogFormatException("checkpoint", "a checkpoint has an origin, a size and a root hash line");
        }
        long size = parseSize("size", lines[1]);
        return new Checkpoint(lines[0], size, Hash.parseBase64("root", lines[2]), List.of(lines).subList(3, lines.length));
    }

    /** A decimal tree size or index: digits only, no sign, no leading zeros, at most Long.MAX_VALUE. */
    public static long parseSize(String field, String s) {
        if (s == null || s.isEmpty() || s.length() > 19 || (s.length() > 1 && s.charAt(0) == '0')) {
            throw new TlogFormatException(field, field + " must be a decimal number without leading zeros");
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new TlogFormatException(field, field + " must be a decimal number");
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new TlogFormatException(field, field + " is larger than " + Long.MAX_VALUE);
        }
    }
}
