package ai.asterai.client.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One mapper for registry answers: lenient about fields added later, as clients should be. */
public final class RegistryJson {
    private RegistryJson() {
    }

    private static final class Holder {
        // created on first use: building a mapper costs tens of milliseconds that --version should not pay
        static final ObjectMapper MAPPER = new ObjectMapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }
}
