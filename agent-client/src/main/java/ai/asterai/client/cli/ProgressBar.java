package ai.asterai.client.cli;

import java.io.PrintStream;

/** An upload progress line redrawn in place on stderr, at most ten times a second. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final String label;
    private final long total;
    private long lastDraw;

    ProgressBar(PrintStream err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = Math.max(1, total);
    }

    void update(long done) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
        err.print("\r" + label + " [" + bar + "] " + (100 * Math.min(done, total) / total) + "% "
                + Table.bytes(done) + "/" + Table.bytes(total));
        err.flush();
    }

    void finish() {
        err.print("\r" + " ".repeat(label.length() + WIDTH + 40) + "\r");
        err.flush();
    }
}
