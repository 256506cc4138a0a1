package ai.asterai.protocol.release;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import java.nio.charset.StandardCharsets;

/**
 * The byte string a release signature covers (docs/signing.md). The first line separates it from
 * every other signed statement; each later line binds one fact, in a fixed order.
 */
public record ReleaseEnvelope(PackageName pkg, Version version, PackageKind kind, Digest manifest, Digest wasm, Digest wit) {
    public static final String DOMAIN = "asterai-release-v1";

    public byte[] canonicalBytes() {
        String text = DOMAIN + "\n"
                + "package " + pkg + "\n"
                + "version " + version + "\n"
                + "kind " + kind.wire() + "\n"
                + "manifest " + manifest + "\n"
                + "wasm " + (wasm == null ? "none" : wasm.toString()) + "\n"
                + "wit " + wit + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
