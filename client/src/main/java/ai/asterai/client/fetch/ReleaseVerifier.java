package ai.asterai.client.fetch;

import ai.asterai.client.failure.VerificationException;
import ai.asterai.client.release.ListedKey;
import ai.asterai.client.release.ReleaseRecord;
import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.PublicKey;
import ai.asterai.protocol.crypto.SignatureVerifier;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.ReleaseEnvelope;
import ai.asterai.protocol.release.SignatureBundle;
import ai.asterai.protocol.wasm.MalformedWasmException;
import ai.asterai.protocol.wasm.WasmBinary;
import ai.asterai.protocol.wasm.WasmLimits;
import java.time.Instant;
import java.util.Optional;

/**
 * The checks of docs/signing.md, each failing with a {@link VerificationException} that says what
 * did not match. Digests of downloaded bytes are compared where they are received (see
 * {@link ComponentFetcher}); this class checks what the digests and the signature bind together.
 */
final class ReleaseVerifier {
    private ReleaseVerifier() {
    }

    /** The metadata is about the release that was asked for. */
    static void checkIdentity(String subject, PackageName pkg, Version version, ReleaseRecord info) {
        if (!pkg.toString().equals(info.name())) {
            throw new VerificationException(subject, "the registry answered with metadata for '" + printable(info.name()) + "'");
        }
        if (info.version() == null || !Version.isValid(info.version()) || Version.parse(info.version()).compareTo(version) != 0) {
            throw new VerificationException(subject, "the registry answered with metadata for version '" + printable(info.version()) + "'");
        }
    }

    /** The signed manifest names the same package, version and kind as the metadata. */
    static Manifest checkManifest(String subject, byte[] bytes, PackageName pkg, Version version, PackageKind kind) {
        Manifest m;
        try {
            m = Manifest.parse(bytes);
        } catch (InvalidInputException e) {
            throw new VerificationException(subject, "the manifest is not valid: " + e.getMessage());
        }
        if (!m.packageName().equals(pkg) || m.parsedVersion().compareTo(version) != 0 || m.packageKind() != kind) {
            throw new VerificationException(subject, "the manifest describes " + m.name() + "@" + m.version() + " (" + m.kind() + ")");
        }
        return m;
    }

    /** The Ed25519 signature covers the envelope built from the verified digests. */
    static void checkSignature(String subject, ReleaseEnvelope envelope, ReleaseRecord.Signature sig, PublicKey key) {
        byte[] signature;
        try {
            signature = new SignatureBundle(sig.keyId(), sig.signature()).signatureBytes();
        } catch (InvalidInputException e) {
            throw new VerificationException(subject, "the release signature is malformed: " + e.getMessage());
        }
        if (!key.keyId().equals(sig.keyId())) {
            throw new VerificationException(subject, "the signature names key " + sig.keyId() + " but key " + key.keyId() + " was offered");
        }
        if (!SignatureVerifier.verify(key, envelope.canonicalBytes(), signature)) {
            throw new VerificationException(subject, "the signature does not verify with key " + key.keyId()
                    + ": the release was altered after it was signed");
        }
    }

    /** The key belonged to the namespace when the release was published and was not revoked before. */
    static void checkKeyWasValid(String subject, ListedKey key, ReleaseRecord release) {
        String publishedAt = release.publishedAt();
        Optional<Instant> published = release.published();
        if (published.isEmpty()) {
            throw new VerificationException(subject, "the registry's metadata has no valid publication time");
        }
        if (key.revokedAt() != null) {
            Optional<Instant> revoked = key.revoked();
            if (revoked.isEmpty() || !published.get().isBefore(revoked.get())) {
                throw new VerificationException(subject, "it was signed by key " + key.keyId() + ", which was revoked at "
                        + key.revokedAt() + ", before the release was published at " + publishedAt);
            }
        }
        Optional<Instant> added = key.added();
        if (added.isPresent() && published.get().isBefore(added.get())) {
            throw new VerificationException(subject, "it was published before its signing key " + key.keyId() + " joined the namespace");
        }
    }

    /** The wasm part is a well-formed WebAssembly binary (core module or component) within the loader's limits. */
    static void checkWasm(String subject, java.nio.file.Path wasm) throws java.io.IOException {
        try {
            WasmBinary.check(wasm, WasmLimits.DEFAULT);
        } catch (MalformedWasmException e) {
            throw new VerificationException(subject, "the wasm part is not a valid WebAssembly binary: " + e.getMessage());
        }
    }

    static String printable(String s) {
        return s == null ? "null" : PackageName.printable(s);
    }
}
