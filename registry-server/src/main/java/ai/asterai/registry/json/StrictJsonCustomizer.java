package ai.asterai.registry.json;

import ai.asterai.protocol.json.StrictJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies are bound strictly, as manifests are ({@link StrictJson}): {@code {"name": true}} is
 * not the name "true", {@code "label": 5} not the label "5"; unknown fields, a field twice and content
 * after the value are refused. Applied last, after Quarkus's own settings.
 */
@Singleton
public class StrictJsonCustomizer implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        StrictJson.configure(mapper);
    }

    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }
}
