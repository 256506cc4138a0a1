package ai.asterai.protocol;

/**
 * What text may hold before it is stored: no control characters (C0 except tab and newline in text
 * made of lines, DEL, C1) and no lone surrogates (which have no UTF-8 encoding: PostgreSQL refuses NUL
 * and such text would be altered on the way). Everything else, any language or symbol, is text.
 */
public final class Text {
    private Text() {
    }

    /** Refuses a single-line value (a label, a token description) with a control character or a lone surrogate. */
    public static String requireLine(String field, String value) {
        return check(field, value, false);
    }

    /** As {@link #requireLine} but tab and newline are allowed (a description of several lines). */
    public static String requireLines(String field, String value) {
        return check(field, value, true);
    }

    private static String check(String field, String value, boolean lines) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw new InvalidInputException(field, field + " holds a lone surrogate (U+" + hex(c) + ") at character " + i);
            }
            if (isControl(c) && !(lines && (c == '\t' || c == '\n'))) {
                throw new InvalidInputException(field, field + " holds the control character U+" + hex(c) + " at character " + i
                        + (lines ? " (only tab and newline are allowed)" : ""));
            }
        }
        return value;
    }

    /** C0, DEL and C1. */
    public static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
