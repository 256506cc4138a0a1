package ai.asterai.registry.release;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.release.Manifest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Checks the {@code wit} part of a publish: UTF-8 WIT text of bounded size. */
@jakarta.enterprise.context.ApplicationScoped
public class WitPolicy {
    public static final int MAX_BYTES = 1024 * 1024;

    /** Returns the decoded WIT text, or throws a 400-mapped error naming the part. */
    public String check(byte[] bytes, Manifest manifest) {
        if (bytes.length == 0) {
            throw new InvalidInputException("wit", "part 'wit' is empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException("wit", "part 'wit' is larger than " + MAX_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("wit", "part 'wit' is not UTF-8 text");
        }
    }
}
