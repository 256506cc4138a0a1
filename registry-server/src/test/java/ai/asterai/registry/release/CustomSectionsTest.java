package ai.asterai.registry.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomSectionsTest {
    private static final byte[] HEADER = {0, 'a', 's', 'm', 1, 0, 0, 0};
    /** A type section with one type () -> (). */
    private static final byte[] TYPES = {1, 4, 1, 0x60, 0, 0};

    @TempDir
    Path dir;

    private static byte[] custom(byte[] name, int payload) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write(0);
        s.write(1 + name.length + payload); // small: one LEB byte
        s.write(name.length);
        s.writeBytes(name);
        s.writeBytes(new byte[payload]);
        return s.toByteArray();
    }

    private Path file(byte[]... parts) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return Files.write(Files.createTempFile(dir, "m", ".wasm"), b.toByteArray());
    }

    @Test
    void customSectionsAreLeftOutAndTheRestIsKept() throws Exception {
        Path stripped = CustomSections.withoutCustomSections(file(HEADER, custom("pad".getBytes(), 60), TYPES, custom("name".getBytes(), 3)));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(HEADER);
        expected.writeBytes(TYPES);
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(stripped));
        WasmValidator.validate(stripped);
    }

    @Test
    void nothingToStripOrBadFramingLeavesTheOriginalToTheValidator() throws Exception {
        assertNull(CustomSections.withoutCustomSections(file(HEADER, TYPES)), "no custom section");
        assertNull(CustomSections.withoutCustomSections(file(HEADER, custom(new byte[]{(byte) 0xff, (byte) 0xfe}, 2))), "name not UTF-8");
        assertNull(CustomSections.withoutCustomSections(file(HEADER, new byte[]{0, 100, 3, 'p', 'a', 'd'})), "section past the end");
        assertNull(CustomSections.withoutCustomSections(file(HEADER, new byte[]{0, 2, 9, 'p'})), "name past the section");
        assertNull(CustomSections.withoutCustomSections(file(HEADER, new byte[]{0, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x7f})), "bad LEB");
        assertNull(CustomSections.withoutCustomSections(file(new byte[]{0, 'a', 's', 'm', 0x0d, 0, 1, 0}, custom("x".getBytes(), 1))), "a component");
        assertNull(CustomSections.withoutCustomSections(file("not wasm at all".getBytes())), "not wasm");
    }
}
