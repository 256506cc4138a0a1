package ai.asterai.runtime.abi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Stores a string lifted from one component into another's memory as the spec's store_string does
 * when the two sides' encodings differ: the first allocation is sized from the source's code units,
 * then grown to the worst case or shrunk to the exact size with realloc. The sequence of realloc calls
 * is what a guest observes, so it follows the spec step by step; the bytes written are the same as
 * an exact-size copy would give.
 *
 * <p>One approximation: a {@code latin1+utf16} source string is taken to have been Latin-1 when all
 * its characters fit in Latin-1 (a guest could have passed such a string tagged as UTF-16); only the
 * allocation sizes can differ, never the bytes or the length.
 */
final class StringTranscoder {
    private StringTranscoder() {
    }

    static boolean isLatin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 256) {
                return false;
            }
        }
        return true;
    }

    /** Returns {ptr, code units (tagged when UTF-16 under latin1+utf16)}. */
    static long[] store(Lowerer out, String s, StringEncoding source) {
        boolean latin1Source = source == StringEncoding.LATIN1_UTF16 && isLatin1(s);
        long units = source == StringEncoding.UTF8 ? utf8Length(s) : s.length();
        return switch (out.encoding()) {
            case UTF8 -> source == StringEncoding.UTF8
                    ? out.copy(s.getBytes(StandardCharsets.UTF_8), 1, units)
                    : toUtf8(out, s, units, latin1Source ? 2 * units : 3 * units);
            case UTF16 -> source == StringEncoding.UTF8
                    ? utf8ToUtf16(out, s, units)
                    : out.copy(s.getBytes(StandardCharsets.UTF_16LE), 2, s.length());
            case LATIN1_UTF16 -> source != StringEncoding.LATIN1_UTF16
                    ? toLatin1OrUtf16(out, s, units)
                    : latin1Source ? out.copy(s.getBytes(StandardCharsets.ISO_8859_1), 2, units) : probablyUtf16(out, s, units);
        };
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** UTF-16 or Latin-1 to UTF-8: optimistic ASCII, then the worst case, then shrink. */
    private static long[] toUtf8(Lowerer out, String s, long units, long worst) {
        GuestMemory mem = out.memory();
        int ptr = out.allocate(1, (int) units);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                mem.writeByte(ptr + i, (byte) c);
                continue;
            }
            ptr = out.reallocate(ptr, (int) units, 1, (int) worst);
            byte[] encoded = s.getBytes(StandardCharsets.UTF_8);
            mem.writeBytes(ptr + i, Arrays.copyOfRange(encoded, i, encoded.length));
            if (worst > encoded.length) {
                ptr = out.reallocate(ptr, (int) worst, 1, encoded.length);
            }
            return new long[] {ptr & 0xFFFFFFFFL, encoded.length};
        }
        return new long[] {ptr & 0xFFFFFFFFL, units};
    }

    /** UTF-8 to UTF-16: two bytes per source byte at worst, then shrink. */
    private static long[] utf8ToUtf16(Lowerer out, String s, long units) {
        long worst = 2 * units;
        int ptr = out.allocate(2, (int) worst);
        byte[] encoded = s.getBytes(StandardCharsets.UTF_16LE);
        out.memory().writeBytes(ptr, encoded);
        if (encoded.length < worst) {
            ptr = out.reallocate(ptr, (int) worst, 2, encoded.length);
        }
        return new long[] {ptr & 0xFFFFFFFFL, encoded.length / 2};
    }

    /** UTF-8 or UTF-16 to latin1+utf16: Latin-1 while it fits, else inflate to UTF-16 in place. */
    private static long[] toLatin1OrUtf16(Lowerer out, String s, long units) {
        GuestMemory mem = out.memory();
        int ptr = out.allocate(2, (int) units);
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 256) {
                mem.writeByte(ptr + n, (byte) c);
                n++;
                continue;
            }
            long worst = 2 * units;
            ptr = out.reallocate(ptr, (int) units, 2, (int) worst);
            for (int j = n - 1; j >= 0; j--) {
                byte b = mem.readByte(ptr + j);
                mem.writeByte(ptr + 2 * j, b);
                mem.writeByte(ptr + 2 * j + 1, (byte) 0);
            }
            byte[] encoded = s.getBytes(StandardCharsets.UTF_16LE);
            mem.writeBytes(ptr + 2 * n, Arrays.copyOfRange(encoded, 2 * n, encoded.length));
            if (worst > encoded.length) {
                ptr = out.reallocate(ptr, (int) worst, 2, encoded.length);
            }
            return new long[] {ptr & 0xFFFFFFFFL, (encoded.length / 2 | StringEncoding.UTF16_TAG) & 0xFFFFFFFFL};
        }
        if (n < units) {
            ptr = out.reallocate(ptr, (int) units, 2, n);
        }
        return new long[] {ptr & 0xFFFFFFFFL, n};
    }

    /** A UTF-16 string under latin1+utf16 on both sides: copy, then deflate to Latin-1 if it fits. */
    private static long[] probablyUtf16(Lowerer out, String s, long units) {
        GuestMemory mem = out.memory();
        long bytes = 2 * units;
        int ptr = out.allocate(2, (int) bytes);
        byte[] encoded = s.getBytes(StandardCharsets.UTF_16LE);
        mem.writeBytes(ptr, encoded);
        if (!isLatin1(s)) {
            return new long[] {ptr & 0xFFFFFFFFL, (encoded.length / 2 | StringEncoding.UTF16_TAG) & 0xFFFFFFFFL};
        }
        int latin1 = encoded.length / 2;
        for (int i = 0; i < latin1; i++) {
            mem.writeByte(ptr + i, mem.readByte(ptr + 2 * i));
        }
        ptr = out.reallocate(ptr, (int) bytes, 1, latin1);
        return new long[] {ptr & 0xFFFFFFFFL, latin1};
    }
}
