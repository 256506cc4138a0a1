package ai.asterai.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DownloadBarsTest {
    @Test
    void drawsABarForLargePartsOnlyAndClearsItWhenDone() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DownloadBars bars = new DownloadBars(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        bars.update("acme:tool@1.0.0", "manifest", 300, 300);
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "a small part draws nothing");

        long total = 4 * DownloadBars.MIN_BYTES;
        bars.update("acme:tool@1.0.0", "wasm", 1, total);
        String started = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(started.startsWith("\rDownloading acme:tool@1.0.0 (wasm) [>"), started);
        assertTrue(started.contains("0% "), started);
        bars.update("acme:tool@1.0.0", "wasm", total, total);
        String done = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(done.contains("100% "), done);
        assertTrue(done.endsWith("\r"), "the line is cleared for what follows: " + done);
        String cleared = done.substring(done.lastIndexOf("100% "));
        assertTrue(cleared.contains("\r" + " ".repeat(20)), cleared);
    }
}
