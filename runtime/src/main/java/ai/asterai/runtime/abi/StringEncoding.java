package ai.asterai.runtime.abi;

/**
 * The {@code string-encoding} canonical option: how a component's strings sit in its memory. The
 * length that travels with a pointer counts code units (bytes for UTF-8 and Latin-1, 16-bit units for
 * UTF-16); with {@code latin1+utf16} its high bit ({@link #UTF16_TAG}) marks a UTF-16 string.
 */
public enum StringEncoding {
    UTF8("utf8"), UTF16("utf16"), LATIN1_UTF16("latin1+utf16");

    /** The high bit of a 32-bit length: set for a UTF-16 string under {@code latin1+utf16}. */
    public static final int UTF16_TAG = 1 << 31;

    private final String text;

    StringEncoding(String text) {
        this.text = text;
    }

    /** The option's name in the text format. */
    public String text() {
        return text;
    }
}
