package ai.asterai.protocol.wit;

/** One WIT text with its name, turning character offsets into 1-based lines and columns. */
final class SourceFile {
    private final String name;
    private final String text;
    private int[] lineStarts;

    SourceFile(String name, String text) {
        this.name = name;
        this.text = text;
    }

    String name() {
        return name;
    }

    String text() {
        return text;
    }

    WitException error(int offset, String reason) {
        int[] starts = lineStarts();
        int lo = 0;
        int hi = starts.length - 1;
        int at = Math.max(0, Math.min(offset, text.length()));
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= at) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int column = text.codePointCount(starts[lo], at) + 1;
        return new WitException(name, lo + 1, column, reason);
    }

    private int[] lineStarts() {
        if (lineStarts == null) {
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    count++;
                }
            }
            int[] starts = new int[count];
            int n = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts[n++] = i + 1;
                }
            }
            lineStarts = starts;
        }
        return lineStarts;
    }
}
