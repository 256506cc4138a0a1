package ai.asterai.client.cli;

import ai.asterai.client.fetch.DownloadProgress;
import java.io.PrintStream;

/** A {@link ProgressBar} on stderr for each part being downloaded that is large enough to wait for. */
final class DownloadBars implements DownloadProgress {
    /** Smaller parts arrive before a bar would be worth drawing. */
    static final long MIN_BYTES = 256 * 1024;
    private final PrintStream err;
    private String current;
    private ProgressBar bar;

    DownloadBars(PrintStream err) {
        this.err = err;
    }

    /** Bars on a terminal; nothing when the output is read by a program ({@code --json}, or not a terminal). */
    static DownloadProgress forCommand(CliContext ctx, boolean json) {
        return ctx.interactive() && !json ? new DownloadBars(ctx.err()) : DownloadProgress.NONE;
    }

    @Override
    public void update(String subject, String part, long done, long total) {
        if (total < MIN_BYTES) {
            return;
        }
        String key = subject + " " + part;
        if (!key.equals(current)) {
            if (bar != null) {
                bar.finish();
            }
            current = key;
            bar = new ProgressBar(err, "Downloading " + subject + " (" + part + ")", total);
        }
        bar.update(done);
        if (done >= total) {
            bar.finish();
            bar = null;
            current = null;
        }
    }
}
