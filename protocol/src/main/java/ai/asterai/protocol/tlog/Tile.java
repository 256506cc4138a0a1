package ai.asterai.protocol.tlog;

/**
 * A C2SP tlog-tiles tile: at {@code level} L (tiles are 8 levels high, so 256 hashes wide) the tile
 * {@code index} N holds the hashes of tree level 8L, nodes {@code N*256} up to {@code N*256 + width};
 * the entries tile ({@link #ENTRIES}) holds entries {@code N*256} on. Its path is {@code tile/<L>/<N>} or
 * {@code tile/entries/<N>}, with {@code .p/<W>} for a partial tile of W &lt; 256, and N written in
 * groups of three digits, all but the last prefixed with {@code x} ({@code 1234067 -> x001/x234/067}).
 */
public record Tile(int level, long index, int width) {
    public static final int HEIGHT = 8;
    public static final int WIDTH = 1 << HEIGHT;
    /** The level of entry bundles ({@code tile/entries/...}). */
    public static final int ENTRIES = -1;
    /** Levels 0 to 7 cover every tree of up to 2^64 leaves. */
    public static final int MAX_LEVEL = 7;
    private static final int MAX_PATH = 128;

    public Tile {
        if (level < ENTRIES || level > MAX_LEVEL) {
            throw new TlogFormatException("tile", "tile level must be 0 to " + MAX_LEVEL + " or entries");
        }
        if (width < 1 || width > WIDTH) {
            throw new TlogFormatException("tile", "tile width must be 1 to " + WIDTH);
        }
        if (index < 0 || index > (Long.MAX_VALUE >>> HEIGHT)) {
            throw new TlogFormatException("tile", "tile index out of range");
        }
    }

    public boolean full() {
        return width == WIDTH;
    }

    /** Tree level of the hashes this tile holds (0 for entries, which hash to level 0). */
    public int treeLevel() {
        return level == ENTRIES ? 0 : level * HEIGHT;
    }

    /** The first node (at {@link #treeLevel()}) the tile holds. */
    public long firstNode() {
        return index * WIDTH;
    }

    /**
     * The smallest tree size that holds every hash of this tile, or {@code Long.MAX_VALUE} if no tree of
     * 2^63 - 1 leaves does.
     */
    public long minTreeSize() {
        long nodes = firstNode() + width;
        int shift = treeLevel();
        if (shift >= 63 || nodes > (Long.MAX_VALUE >>> shift)) {
            return Long.MAX_VALUE;
        }
        return nodes << shift;
    }

    /** The path below the log's prefix, e.g. {@code tile/0/x001/234.p/7}. */
    public String path() {
        StringBuilder b = new StringBuilder("tile/").append(level == ENTRIES ? "entries" : Integer.toString(level)).append('/');
        String digits = Long.toString(index);
        int pad = (3 - digits.length() % 3) % 3;
        digits = "0".repeat(pad) + digits;
        for (int i = 0; i < digits.length(); i += 3) {
            if (i + 3 < digits.length()) {
                b.append('x');
            }
            b.append(digits, i, i + 3);
            if (i + 3 < digits.length()) {
                b.append('/');
            }
        }
        if (!full()) {
            b.append(".p/").append(width);
        }
        return b.toString();
    }

    /** Strict: only the canonical path {@link #path()} writes. */
    public static Tile parse(String path) {
        if (path == null || path.length() > MAX_PATH || !path.startsWith("tile/")) {
            throw new TlogFormatException("tile", "a tile path is tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>]");
        }
        String[] parts = path.split("/", -1);
        if (parts.length < 3) {
            throw new TlogFormatException("tile", "a tile path is tile/<L>/<N>[.p/<W>]");
        }
        int level;
        if (parts[1].equals("entries")) {
            level = ENTRIES;
        } else if (parts[1].matches("[0-9]")) {
            level = parts[1].charAt(0) - '0';
        } else {
            throw new TlogFormatException("tile", "a tile level is a digit 0 to " + MAX_LEVEL + " or 'entries'");
        }
        int width = WIDTH;
        int end = parts.length;
        String last = parts[end - 1];
        if (end >= 4 && parts[end - 2].endsWith(".p")) {
            if (!last.matches("[1-9][0-9]{0,2}") || Integer.parseInt(last) >= WIDTH) {
                throw new TlogFormatException("tile", "a partial tile's width is 1 to " + (WIDTH - 1));
            }
            width = Integer.parseInt(last);
            end--;
            parts[end - 1] = parts[end - 1].substring(0, parts[end - 1].length() - 2);
        }
        if (end - 2 > 7) {
            throw new TlogFormatException("tile", "a tile index has at most 7 groups of digits");
        }
        StringBuilder digits = new StringBuilder();
        for (int i = 2; i < end; i++) {
            String g = parts[i];
            boolean lastGroup = i == end - 1;
            if (!(lastGroup ? g.matches("[0-9]{3}") : g.matches("x[0-9]{3}"))) {
                throw new TlogFormatException("tile", "a tile index is written in groups of three digits, all but the last prefixed with x");
            }
            digits.append(lastGroup ? g : g.substring(1));
        }
        long index;
        try {
            index = Long.parseLong(digits.toString());
        } catch (NumberFormatException e) {
            throw new TlogFormatException("tile", "tile index out of range");
        }
        Tile t = new Tile(level, index, width);
        if (!t.path().equals(path)) {
            throw new TlogFormatException("tile", "tile path is not canonical (no leading zero groups); expected " + t.path());
        }
        return t;
    }
}
