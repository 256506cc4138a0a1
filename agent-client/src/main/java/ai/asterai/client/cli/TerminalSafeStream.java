package ai.asterai.client.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Drops control bytes (escape sequences above all) from what commands print, except newline,
 * carriage return and tab: package descriptions, labels and versions come from a registry, and
 * a registry must not be able to drive the user's terminal. In UTF-8 a byte below 0x20 is always
 * a control character by itself, so filtering bytes never splits a character.
 */
final class TerminalSafeStream extends FilterOutputStream {
    TerminalSafeStream(OutputStream out) {
        super(out);
    }

    static boolean allowed(int b) {
        return (b >= 0x20 && b != 0x7f) || b == '\n' || b == '\r' || b == '\t' || b < 0;
    }

    @Override
    public void write(int b) throws IOException {
        if (allowed((byte) b)) {
            out.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (!allowed(b[i])) {
                out.write(b, start, i - start);
                start = i + 1;
            }
        }
        out.write(b, start, off + len - start);
    }
}
