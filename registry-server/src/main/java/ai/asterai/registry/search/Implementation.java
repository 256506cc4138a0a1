package ai.asterai.registry.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

/**
 * A component whose latest non-yanked release exports the interface asked for: {@code exported} is
 * the interface id it exports ({@code ns:pkg/iface@1.2.0}) and {@code interfaceVersion} its version
 * (null when the WIT package has none).
 */
public record Implementation(String name, String version, @JsonProperty("interface") String exported,
                             String interfaceVersion, String description, long downloads, String keyId,
                             OffsetDateTime updatedAt) {
}
