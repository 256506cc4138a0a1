package ai.asterai.registry.release;

import java.nio.file.Path;

/** The four parts of a publish, as files the HTTP layer has already streamed to disk (wasm may be null). */
public record PublishRequest(String namespace, String name, String version, Path wasm, Path wit, Path manifest, Path signature) {
}
