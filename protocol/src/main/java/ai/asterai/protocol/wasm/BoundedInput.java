package ai.asterai.protocol.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a binary front to back, with nested scopes (a section, a function body): every length or
 * count is checked against the bytes left in the innermost scope before anything is done with it.
 * Memory use is one fixed buffer, whatever the input declares or holds. Public for the component
 * decoder ({@code ai.asterai.protocol.component}), which reads with the same bounds; not an API
 * for other modules. Errors are {@link MalformedWasmException}s carrying the absolute offset.
 */
public final class BoundedInput {
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_SCOPES = 64;

    private final InputStream in;
    private final byte[] buf;
    private int bufPos;
    private int bufLen;
    /** Absolute offset of the next byte. */
    private long pos;
    private final long[] ends = new long[MAX_SCOPES];
    private int depth;

    BoundedInput(InputStream in, long size) {
        this.in = in;
        this.buf = new byte[(int) Math.min(BUFFER, Math.max(16, size))];
        this.ends[0] = size;
    }

    public static BoundedInput of(byte[] bytes) {
        return new BoundedInput(new java.io.ByteArrayInputStream(bytes), bytes.length);
    }

    public long pos() {
        return pos;
    }

    public long remaining() {
        return ends[depth] - pos;
    }

    public boolean atEnd() {
        return pos >= ends[depth];
    }

    public MalformedWasmException error(String reason) {
        return new MalformedWasmException(pos, reason);
    }

    public MalformedWasmException error(long at, String reason) {
        return new MalformedWasmException(at, reason);
    }

    /** Opens a scope of {@code length} bytes from here; the caller has checked it fits. */
    public void push(long length) {
        if (depth + 1 >= MAX_SCOPES) {
            throw error("nested too deeply");
        }
        ends[++depth] = pos + length;
    }

    /** Closes the innermost scope, which must have been read to its end exactly. */
    public void pop(String what) {
        if (pos != ends[depth]) {
            throw error(what + " declares " + (ends[depth] - pos) + " more bytes than its contents use");
        }
        depth--;
    }

    /** At least one unread byte in the buffer, or the input ended before its declared size. */
    private void buffer() {
        if (bufPos < bufLen) {
            return;
        }
        try {
            bufPos = 0;
            bufLen = in.read(buf, 0, buf.length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (bufLen <= 0) {
            throw error("the binary is shorter than its declared size (truncated)");
        }
    }

    public int u8() {
        if (pos >= ends[depth]) {
            throw error(depth == 0 ? "unexpected end of the binary" : "unexpected end of the section or body");
        }
        buffer();
        pos++;
        return buf[bufPos++] & 0xff;
    }

    public int peek() {
        int b = u8();
        bufPos--;
        pos--;
        return b;
    }

    public void skip(long n) {
        if (n < 0 || n > remaining()) {
            throw error("a length of " + n + " bytes runs past the end (" + remaining() + " left)");
        }
        long left = n;
        while (left > 0) {
            buffer();
            int step = (int) Math.min(left, bufLen - bufPos);
            bufPos += step;
            pos += step;
            left -= step;
        }
    }

    /** Unsigned LEB128 of at most {@code bits} bits, in at most ceil(bits/7) bytes. */
    private long unsigned(int bits) {
        long start = pos;
        long result = 0;
        int shift = 0;
        int maxBytes = (bits + 6) / 7;
        for (int i = 0; i < maxBytes; i++) {
            int b = u8();
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (i == maxBytes - 1 && bits % 7 != 0 && (b >>> (bits % 7)) != 0) {
                    throw error(start, "integer too large for u" + bits);
                }
                return result;
            }
            shift += 7;
        }
        throw error(start, "integer representation too long for u" + bits);
    }

    public long u32() {
        return unsigned(32);
    }

    public long u64() {
        return unsigned(64);
    }

    /** Signed LEB128 of at most {@code bits} bits: checked for length and unused bits, value not kept. */
    public void signed(int bits) {
        long start = pos;
        int maxBytes = (bits + 6) / 7;
        for (int i = 0; i < maxBytes; i++) {
            int b = u8();
            if ((b & 0x80) == 0) {
                if (i == maxBytes - 1) {
                    int used = bits - 7 * i; // value bits in this byte, the rest must copy the sign
                    int signAndUnused = b >>> (used - 1) & 0x7f;
                    if (signAndUnused != 0 && signAndUnused != (0x7f >>> (used - 1))) {
                        throw error(start, "integer too large for s" + bits);
                    }
                }
                return;
            }
        }
        throw error(start, "integer representation too long for s" + bits);
    }

    /** A length that must fit in the bytes left in this scope. */
    public long length(String what) {
        long at = pos;
        long n = u32();
        if (n > remaining()) {
            throw error(at, what + " declares " + n + " bytes but only " + remaining() + " follow");
        }
        return n;
    }

    /**
     * A vector count: at most {@code max}, and no more than the bytes left allow when each element
     * takes at least {@code minBytesEach} bytes.
     */
    public int count(String what, long max, int minBytesEach) {
        long at = pos;
        long n = u32();
        if (n > max) {
            throw error(at, what + ": " + n + " is more than the limit of " + max);
        }
        if (n * minBytesEach > remaining()) {
            throw error(at, what + ": " + n + " declared but only " + remaining() + " bytes follow");
        }
        return (int) n;
    }

    /** A UTF-8 name of at most {@code maxBytes} bytes, decoded strictly. */
    public String name(String what, int maxBytes) {
        long at = pos;
        long n = u32();
        if (n > maxBytes) {
            throw error(at, what + " of " + n + " bytes is longer than the limit of " + maxBytes);
        }
        if (n > remaining()) {
            throw error(at, what + " declares " + n + " bytes but only " + remaining() + " follow");
        }
        byte[] bytes = new byte[(int) n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) u8();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw error(at, what + " is not valid UTF-8");
        }
    }

    /** Reads exactly {@code n} bytes (a header). */
    public byte[] bytes(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) u8();
        }
        return out;
    }
}
