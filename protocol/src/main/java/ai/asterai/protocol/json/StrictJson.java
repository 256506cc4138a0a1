package ai.asterai.protocol.json;

import ai.asterai.protocol.InvalidInputException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one way JSON is read where a value is stored or signed: strict UTF-8 text without a byte order
 * mark, one value and nothing after it, no field twice, no field the type does not have, and no
 * coercion between scalar types ({@code "name": true} is not the string "true", {@code "memory": "5"}
 * is not the number 5, {@code 1.5} is not an integer). The manifest parser and the registry's request
 * bodies both use it.
 */
public final class StrictJson {
    private StrictJson() {
    }

    /** A new mapper configured by {@link #configure(ObjectMapper)}. */
    public static ObjectMapper mapper() {
        return configure(new ObjectMapper());
    }

    /** Makes {@code mapper}'s reading strict (its writing is left alone); returns it. */
    @SuppressWarnings("deprecation") // MapperFeature on a built mapper: the only way for a framework's instance
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
                .disable(DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
                .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        // ALLOW_COERCION_OF_SCALARS does not stop numbers and booleans from becoming strings
        for (LogicalType type : new LogicalType[]{LogicalType.Textual, LogicalType.Integer, LogicalType.Float,
                LogicalType.Boolean, LogicalType.Enum}) {
            for (CoercionInputShape shape : new CoercionInputShape[]{CoercionInputShape.Integer,
                    CoercionInputShape.Float, CoercionInputShape.Boolean, CoercionInputShape.String,
                    CoercionInputShape.EmptyString}) {
                if (!isNatural(type, shape)) {
                    mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
                }
            }
        }
        return mapper;
    }

    private static boolean isNatural(LogicalType type, CoercionInputShape shape) {
        return switch (type) {
            case Textual -> shape == CoercionInputShape.String || shape == CoercionInputShape.EmptyString;
            case Integer -> shape == CoercionInputShape.Integer;
            case Float -> shape == CoercionInputShape.Float || shape == CoercionInputShape.Integer;
            case Boolean -> shape == CoercionInputShape.Boolean;
            case Enum -> shape == CoercionInputShape.String;
            default -> false;
        };
    }

    /**
     * Decodes strict UTF-8: malformed or overlong sequences, encoded surrogates and a leading byte order
     * mark are refused (a UTF-16 or UTF-32 text is malformed UTF-8, or starts with NUL bytes that JSON
     * refuses next).
     */
    public static String utf8(byte[] bytes, String field) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(field, field + " is not valid UTF-8 (UTF-16, UTF-32 and other encodings are refused)");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            throw new InvalidInputException(field, field + " starts with a byte order mark; send UTF-8 without one");
        }
        return text;
    }
}
