package ai.asterai.protocol.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signature part is read like a manifest: strict UTF-8 JSON, one object, no field twice. */
class SignatureBundleStrictTest {
    @Test
    void onlyOneStrictObjectIsRead() {
        SigningKey k = SigningKey.generate();
        byte[] good = SignatureBundle.sign(k, "m".getBytes(StandardCharsets.UTF_8)).toJson();
        assertEquals(k.publicKey().keyId(), SignatureBundle.parse(good).keyId());
        String text = new String(good, StandardCharsets.UTF_8);
        String other = SigningKey.generate().publicKey().keyId();
        for (String bad : List.of("\uFEFF" + text, text + " {}", text.replace("{", "{\"keyId\":\"" + other + "\","),
                text.replace("}", ",\"extra\":1}"))) {
            assertEquals("signature", assertThrows(InvalidInputException.class,
                    () -> SignatureBundle.parse(bad.getBytes(StandardCharsets.UTF_8)), bad).field());
        }
        assertThrows(InvalidInputException.class, () -> SignatureBundle.parse(text.getBytes(StandardCharsets.UTF_16LE)));
    }
}
