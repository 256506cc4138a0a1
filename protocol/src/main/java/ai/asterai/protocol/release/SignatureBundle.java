package ai.asterai.protocol.release;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.PublicKey;
import ai.asterai.protocol.json.StrictJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The {@code signature} part of a publish: which key signed, and the 64-byte signature in base64. */
public record SignatureBundle(String keyId, String signature) {
    private static final ObjectMapper JSON = StrictJson.mapper();

    /** Strict UTF-8 JSON as for manifests ({@link StrictJson}): one object, no field twice, strings as strings. */
    public static SignatureBundle parse(byte[] bytes) {
        SignatureBundle b;
        try {
            b = JSON.readValue(StrictJson.utf8(bytes, "signature"), SignatureBundle.class);
        } catch (Exception e) {
            throw new InvalidInputException("signature", "signature must be JSON {\"keyId\": ..., \"signature\": base64}");
        }
        if (b == null || !PublicKey.isValidKeyId(b.keyId())) {
            throw new InvalidInputException("signature", "signature.keyId must be 32 lowercase hex digits");
        }
        b.signatureBytes();
        return b;
    }

    public byte[] signatureBytes() {
        try {
            byte[] s = Base64.getDecoder().decode(signature == null ? "" : signature);
            if (s.length != 64) {
                throw new InvalidInputException("signature", "an Ed25519 signature has 64 bytes");
            }
            return s;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("signature", "signature is not valid base64");
        }
    }

    public byte[] toJson() {
        return ("{\"keyId\":\"" + keyId + "\",\"signature\":\"" + signature + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    public static SignatureBundle sign(ai.asterai.protocol.crypto.SigningKey key, byte[] message) {
        return new SignatureBundle(key.publicKey().keyId(), Base64.getEncoder().encodeToString(key.sign(message)));
    }
}
