package ai.asterai.client.fetch;

import ai.asterai.client.failure.VerificationException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.PackageKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A release whose every part matched its digest and whose signature verified with a trusted key of
 * its namespace. {@code wasmPath} points into the content-addressed cache (absent for an interface
 * package); {@link #readWasm()} reads it and checks the digest again, for callers that load it later.
 *
 * @param keyId     the namespace key that signed the release
 * @param yanked    whether the registry marked it yanked (only possible when pinned exactly or locked)
 * @param fromCache whether it was resolved offline, from the cache alone
 */
public record VerifiedComponent(PackageName name, Version version, PackageKind kind, Manifest manifest,
                                Digest manifestDigest, Optional<Path> wasmPath, Optional<Digest> wasmDigest,
                                Path witPath, String witText, Digest witDigest, String keyId, boolean yanked,
                                boolean fromCache) {

    public String reference() {
        return name + "@" + version;
    }

    /** The component's bytes, re-checked against the verified digest. */
    public byte[] readWasm() {
        Path p = wasmPath.orElseThrow(() -> new IllegalStateException(reference() + " is an interface package: it has no wasm"));
        try {
            byte[] bytes = Files.readAllBytes(p);
            if (!Digest.of(bytes).matches(wasmDigest.orElseThrow())) {
                throw new VerificationException(reference(), "the cached wasm changed on disk after it was verified");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
