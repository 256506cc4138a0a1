package ai.asterai.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalSafeStreamTest {
    @Test
    void escapeSequencesAreDroppedTextAndUnicodeKept() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new TerminalSafeStream(bytes), true, StandardCharsets.UTF_8);
        out.print("ok\u001b]0;pwned\u0007 red:\u001b[31mx\u001b[0m\ttab é ✓\r\n");
        out.write('\u001b');
        out.write('z');
        assertEquals("ok]0;pwned red:[31mx[0m\ttab é ✓\r\nz", bytes.toString(StandardCharsets.UTF_8));
    }
}
