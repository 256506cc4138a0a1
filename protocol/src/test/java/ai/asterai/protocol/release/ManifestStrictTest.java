package ai.asterai.protocol.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.asterai.protocol.InvalidInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Manifests are strict UTF-8 JSON without a BOM, one object, no field twice, every field of its type. */
class ManifestStrictTest {
    static final String TEXT = "{\"name\":\"acme:calc\",\"version\":\"1.0.0\",\"kind\":\"component\","
            + "\"description\":\"caf\u00e9 \u2603\",\"world\":\"acme:calc/calc\"}";

    static final String BARE = "{\"name\":\"acme:calc\",\"version\":\"1.0.0\",\"kind\":\"component\",\"world\":\"acme:calc/calc\"}";

    static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] withDescriptionBytes(byte[] description) {
        String[] halves = TEXT.split("caf\u00e9 \u2603");
        return concat(halves[0].getBytes(StandardCharsets.UTF_8), description, halves[1].getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void onlyStrictUtf8WithoutBomIsRead() {
        assertEquals("caf\u00e9 \u2603", Manifest.parse(TEXT.getBytes(StandardCharsets.UTF_8)).description());
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("BOM", concat(bytes(0xef, 0xbb, 0xbf), TEXT.getBytes(StandardCharsets.UTF_8)));
        bad.put("UTF-16LE", TEXT.getBytes(StandardCharsets.UTF_16LE));
        bad.put("UTF-16BE", TEXT.getBytes(StandardCharsets.UTF_16BE));
        bad.put("UTF-16 with BOM", TEXT.getBytes(StandardCharsets.UTF_16));
        bad.put("UTF-32BE", TEXT.getBytes(Charset.forName("UTF-32BE")));
        bad.put("UTF-32LE", TEXT.getBytes(Charset.forName("UTF-32LE")));
        bad.put("Latin-1", TEXT.getBytes(StandardCharsets.ISO_8859_1));
        bad.put("overlong NUL", withDescriptionBytes(bytes(0xc0, 0x80)));
        bad.put("overlong slash", withDescriptionBytes(bytes(0xe0, 0x80, 0xaf)));
        bad.put("encoded surrogate", withDescriptionBytes(bytes(0xed, 0xa0, 0x80)));
        bad.put("beyond U+10FFFF", withDescriptionBytes(bytes(0xf4, 0x90, 0x80, 0x80)));
        bad.put("truncated sequence", withDescriptionBytes(bytes(0xe2, 0x98)));
        bad.put("trailing object", (TEXT + "{}").getBytes(StandardCharsets.UTF_8));
        bad.put("trailing word", (TEXT + " x").getBytes(StandardCharsets.UTF_8));
        bad.put("two objects", (TEXT + "\n" + TEXT).getBytes(StandardCharsets.UTF_8));
        bad.put("duplicate field", TEXT.replace("{", "{\"version\":\"9.9.9\",").getBytes(StandardCharsets.UTF_8));
        bad.put("comment", TEXT.replace("{", "{/* c */").getBytes(StandardCharsets.UTF_8));
        bad.put("single quotes", TEXT.replace("\"kind\"", "'kind'").getBytes(StandardCharsets.UTF_8));
        bad.forEach((what, b) -> {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Manifest.parse(b), what);
            assertEquals("manifest", e.field(), what);
        });
    }

    @Test
    void wrongTypesAreRefusedAndNamed() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("\"keywords\":[5]", "manifest.keywords");
        cases.put("\"keywords\":[true]", "manifest.keywords");
        cases.put("\"keywords\":\"math\"", "manifest.keywords");
        cases.put("\"description\":5", "manifest.description");
        cases.put("\"description\":false", "manifest.description");
        cases.put("\"description\":{}", "manifest.description");
        cases.put("\"license\":1.5", "manifest.license");
        cases.put("\"permissions\":{\"memory\":\"1024\"}", "manifest.permissions.memory");
        cases.put("\"permissions\":{\"memory\":1024.5}", "manifest.permissions.memory");
        cases.put("\"permissions\":{\"memory\":1024.0}", "manifest.permissions.memory");
        cases.put("\"permissions\":{\"memory\":true}", "manifest.permissions.memory");
        cases.put("\"permissions\":{\"timeMs\":1e3}", "manifest.permissions.timeMs");
        cases.put("\"permissions\":{\"env\":[1]}", "manifest.permissions.env");
        cases.put("\"permissions\":{\"files\":[{\"guest\":\"/d\",\"access\":1}]}", "manifest.permissions.files.access");
        cases.put("\"permissions\":[]", "manifest.permissions");
        cases.forEach((extra, field) -> {
            byte[] b = BARE.replace("}", "," + extra + "}").getBytes(StandardCharsets.UTF_8);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Manifest.parse(b), extra);
            assertEquals(field, e.field(), extra);
        });
        byte[] numericVersion = BARE.replace("\"1.0.0\"", "100").getBytes(StandardCharsets.UTF_8);
        assertEquals("manifest.version", assertThrows(InvalidInputException.class, () -> Manifest.parse(numericVersion)).field());
    }

    @Test
    void canonicalJsonIsValidAndReadsBackTheSame() throws Exception {
        String odd = "{ \"version\" : \"1.0.0\",\n\t\"name\":\"acme:calc\", \"kind\":\"component\",\r\n"
                + "\"description\":\"caf\\u00e9 \\\"q\\\" \\\\ </script>\", \"keywords\": [ \"a\" ], \"world\":\"acme:calc/calc\","
                + "\"permissions\":{\"memory\":1024,\"hosts\":[\"https://x.example\"]} }";
        Manifest m = Manifest.parse(odd.getBytes(StandardCharsets.UTF_8));
        String canonical = m.canonicalJson();
        new ObjectMapper().readTree(canonical);
        assertEquals(m, Manifest.parse(canonical.getBytes(StandardCharsets.UTF_8)));
        assertEquals(canonical, Manifest.parse(canonical.getBytes(StandardCharsets.UTF_8)).canonicalJson());
        assertEquals(List.of("a"), m.keywords());
    }

    @Test
    void rowsStoredBeforeReadingWasStrictStillRead() {
        // what a registry stored from an upload with a BOM, or from UTF-16 bytes read as UTF-8 (H2 kept the NULs)
        String bom = "\uFEFF" + TEXT;
        String utf16 = new String(TEXT.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.UTF_8);
        for (String stored : List.of(TEXT, bom, utf16)) {
            assertEquals("acme:calc", Manifest.parseStored(stored).name());
        }
        assertEquals(Manifest.parse(TEXT.getBytes(StandardCharsets.UTF_8)).canonicalJson(), Manifest.parseStored(bom).canonicalJson());
        assertThrows(InvalidInputException.class, () -> Manifest.parseStored("{"));
    }
}
