package ai.asterai.registry.release;

import java.nio.file.Path;

/**
 * The four parts of a publish, as files the HTTP layer has already streamed to disk (wasm may be
 * null). The version is the signed manifest's, so it is not part of the request.
 */
public record PublishRequest(String namespace, String name, Path wasm, Path wit, Path manifest, Path signature) {
}
