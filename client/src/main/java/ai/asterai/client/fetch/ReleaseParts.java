package ai.asterai.client.fetch;

import ai.asterai.client.failure.VerificationException;
import ai.asterai.client.release.ReleaseRecord;
import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.PackageKind;

/**
 * The digests and sizes the registry published for a release's parts, validated before anything is
 * downloaded: well-formed digests, sizes within the registry's own limits, a wasm part exactly when
 * the release is a component.
 */
record ReleaseParts(PackageKind kind, Part manifest, Part wit, Part wasm) {
    static final long MAX_WIT = 1024 * 1024;
    static final long MAX_WASM = 1L << 30;

    record Part(String name, Digest digest, long size) {
    }

    static ReleaseParts of(String subject, ReleaseRecord info) {
        PackageKind kind;
        try {
            kind = PackageKind.parse(info.kind());
        } catch (InvalidInputException e) {
            throw new VerificationException(subject, "the registry's metadata has an unknown kind");
        }
        ReleaseRecord.Parts p = info.parts();
        if (p == null || p.manifest() == null || p.wit() == null) {
            throw new VerificationException(subject, "the registry's metadata lacks the manifest or wit digest");
        }
        if ((kind == PackageKind.COMPONENT) != (p.wasm() != null)) {
            throw new VerificationException(subject, kind == PackageKind.COMPONENT
                    ? "the registry's metadata lacks the wasm digest of a component" : "an interface package lists a wasm part");
        }
        return new ReleaseParts(kind, part(subject, "manifest", p.manifest(), Manifest.MAX_BYTES),
                part(subject, "wit", p.wit(), MAX_WIT), p.wasm() == null ? null : part(subject, "wasm", p.wasm(), MAX_WASM));
    }

    private static Part part(String subject, String name, ReleaseRecord.Blob blob, long max) {
        Digest d;
        try {
            d = Digest.parse(blob.digest());
        } catch (InvalidInputException e) {
            throw new VerificationException(subject, "the registry's metadata has a malformed " + name + " digest");
        }
        if (blob.size() < 0 || blob.size() > max) {
            throw new VerificationException(subject, "the registry's metadata gives the " + name + " an impossible size " + blob.size());
        }
        return new Part(name, d, blob.size());
    }

    java.util.List<Part> all() {
        return wasm == null ? java.util.List.of(manifest, wit) : java.util.List.of(manifest, wit, wasm);
    }
}
