package ai.asterai.registry.release;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A streamed copy of a core module without the payloads of its custom sections, for validation:
 * custom sections (debug info, names, producers) are most of many large modules, and a validator
 * that parses in memory would hold them all. Their framing is still checked here (section and
 * name lengths, a UTF-8 name), since a malformed custom section makes the module malformed.
 */
final class CustomSections {
    /** Longest custom section name read (a longer one is left to the validator). */
    private static final int MAX_NAME = 64 * 1024;

    private CustomSections() {
    }

    /**
     * The copy, or null when there is nothing to strip or the module is not a well-framed core
     * module: then the original is what must be validated (and refused with the validator's words).
     */
    static Path withoutCustomSections(Path module) throws IOException {
        long size = Files.size(module);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(module), 1 << 16)) {
            byte[] header = in.readNBytes(8);
            if (header.length < 8 || header[0] != 0 || header[1] != 'a' || header[2] != 's' || header[3] != 'm'
                    || header[4] != 1 || header[5] != 0 || header[6] != 0 || header[7] != 0) {
                return null; // not a core module (a component, or not wasm): nothing to do here
            }
            Path copy = Files.createTempFile("asterai-validate", ".wasm");
            boolean keep = false;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(copy), 1 << 16)) {
                out.write(header);
                long pos = 8;
                boolean stripped = false;
                byte[] buf = new byte[1 << 16];
                for (int id; (id = in.read()) >= 0; ) {
                    byte[] leb = new byte[5];
                    int lebLength = readU32(in, leb);
                    if (lebLength < 0) {
                        return null;
                    }
                    long length = decode(leb, lebLength);
                    if (pos + 1 + lebLength + length > size) {
                        return null;
                    }
                    if (id == 0) {
                        if (!nameIsWellFormed(in, length)) {
                            return null;
                        }
                        stripped = true;
                    } else {
                        out.write(id);
                        out.write(leb, 0, lebLength);
                        for (long left = length; left > 0; ) {
                            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                            if (n < 0) {
                                return null;
                            }
                            out.write(buf, 0, n);
                            left -= n;
                        }
                    }
                    pos += 1 + lebLength + length;
                }
                keep = stripped;
            } finally {
                if (!keep) {
                    Files.deleteIfExists(copy);
                }
            }
            return keep ? copy : null;
        }
    }

    /** Reads a custom section's name (length, UTF-8 bytes) and skips the rest of its payload. */
    private static boolean nameIsWellFormed(InputStream in, long sectionLength) throws IOException {
        byte[] leb = new byte[5];
        int lebLength = readU32(in, leb);
        if (lebLength < 0) {
            return false;
        }
        long nameLength = decode(leb, lebLength);
        if (lebLength + nameLength > sectionLength || nameLength > MAX_NAME) {
            return false;
        }
        byte[] name = in.readNBytes((int) nameLength);
        if (name.length != nameLength) {
            return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(name));
        } catch (CharacterCodingException e) {
            return false;
        }
        long rest = sectionLength - lebLength - nameLength;
        in.skipNBytes(rest);
        return true;
    }

    /** Reads an unsigned LEB128 u32 into {@code leb}; its length in bytes, or -1 when malformed. */
    private static int readU32(InputStream in, byte[] leb) throws IOException {
        for (int i = 0; i < 5; i++) {
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            leb[i] = (byte) b;
            if ((b & 0x80) == 0) {
                return i == 4 && (b & 0x70) != 0 ? -1 : i + 1;
            }
        }
        return -1;
    }

    private static long decode(byte[] leb, int length) {
        long v = 0;
        for (int i = 0; i < length; i++) {
            v |= (long) (leb[i] & 0x7f) << (7 * i);
        }
        return v;
    }
}
