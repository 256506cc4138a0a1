package ai.asterai.protocol.tlog;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A C2SP tlog-tiles entry bundle: each entry as a 2-byte big-endian length and its bytes, so an entry
 * has at most 65535 bytes.
 */
public final class EntryBundle {
    public static final int MAX_ENTRY = 0xffff;

    private EntryBundle() {
    }

    public static byte[] encode(List<byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] e : entries) {
            if (e.length > MAX_ENTRY) {
                throw new TlogFormatException("entry", "an entry has at most " + MAX_ENTRY + " bytes");
            }
            out.write(e.length >>> 8);
            out.write(e.length & 0xff);
            out.writeBytes(e);
        }
        return out.toByteArray();
    }

    /** The entries of a bundle, at most {@link Tile#WIDTH}; every length must be covered by the bytes present. */
    public static List<byte[]> decode(byte[] bundle) {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (at < bundle.length) {
            if (out.size() == Tile.WIDTH) {
                throw new TlogFormatException("bundle", "an entry bundle holds at most " + Tile.WIDTH + " entries");
            }
            if (bundle.length - at < 2) {
                throw new TlogFormatException("bundle", "an entry bundle ends inside a length prefix");
            }
            int len = ((bundle[at] & 0xff) << 8) | (bundle[at + 1] & 0xff);
            at += 2;
            if (bundle.length - at < len) {
                throw new TlogFormatException("bundle", "an entry bundle ends inside an entry");
            }
            out.add(Arrays.copyOfRange(bundle, at, at + len));
            at += len;
        }
        return out;
    }
}
