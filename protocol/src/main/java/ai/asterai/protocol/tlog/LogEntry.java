package ai.asterai.protocol.tlog;

import ai.asterai.protocol.crypto.PublicKey;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.ReleaseEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One entry of the registry's transparency log: a state change, in canonical bytes (docs/transparency.md).
 * Every entry is UTF-8 lines, each ending in a newline: {@code asterai-log-v1 <kind>}, then the kind's
 * fields in a fixed order. A release entry ends with the release envelope's own bytes
 * ({@link ReleaseEnvelope#canonicalBytes()}), exactly what the publisher signed and the client verifies.
 * {@link LogEntries#parse} accepts only the bytes {@link #bytes()} writes.
 */
public sealed interface LogEntry {
    String DOMAIN = "asterai-log-v1";

    /** The entry's kind, as written after the domain on the first line. */
    String kind();

    /** The canonical bytes: what the log hashes into its leaf. */
    default byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    String text();

    /** The RFC 6962 leaf hash of the entry. */
    default Hash leafHash() {
        return Merkle.leafHash(bytes());
    }

    /** A namespace was created. */
    record NamespaceCreated(String namespace) implements LogEntry {
        public NamespaceCreated {
            requireNamespace(namespace);
        }

        @Override
        public String kind() {
            return "namespace-created";
        }

        @Override
        public String text() {
            return head(kind()) + "namespace " + namespace + "\n";
        }
    }

    /**
     * A key was added to a namespace, vouched for by {@code signerKeyId}'s {@code signature} over the
     * {@link ai.asterai.protocol.release.KeyStatement}; both are null for a first key the administrator added.
     */
    record KeyAdded(String namespace, PublicKey key, String signerKeyId, String signature) implements LogEntry {
        public KeyAdded {
            requireNamespace(namespace);
            if (key == null) {
                throw new TlogFormatException("key", "a key entry names its key");
            }
            if ((signerKeyId == null) != (signature == null)) {
                throw new TlogFormatException("signature", "signer and signature go together");
            }
            if (signerKeyId != null) {
                requireKeyId("signer", signerKeyId);
                requireSignature(signature);
            }
        }

        @Override
        public String kind() {
            return "key-added";
        }

        @Override
        public String text() {
            return head(kind()) + "namespace " + namespace + "\n" + "key " + key + "\n"
                    + "signer " + (signerKeyId == null ? "none" : signerKeyId) + "\n"
                    + "signature " + (signature == null ? "none" : signature) + "\n";
        }
    }

    /** A key of a namespace was revoked. */
    record KeyRevoked(String namespace, String keyId) implements LogEntry {
        public KeyRevoked {
            requireNamespace(namespace);
            requireKeyId("key", keyId);
        }

        @Override
        public String kind() {
            return "key-revoked";
        }

        @Override
        public String text() {
            return head(kind()) + "namespace " + namespace + "\n" + "key " + keyId + "\n";
        }
    }

    /** A release was published: the envelope its signature covers, the key id and the signature (base64). */
    record ReleasePublished(ReleaseEnvelope envelope, String keyId, String signature) implements LogEntry {
        public ReleasePublished {
            if (envelope == null) {
                throw new TlogFormatException("envelope", "a release entry has its envelope");
            }
            requireKeyId("key", keyId);
            requireSignature(signature);
        }

        @Override
        public String kind() {
            return "release-published";
        }

        @Override
        public String text() {
            return head(kind()) + "key " + keyId + "\n" + "signature " + signature + "\n"
                    + new String(envelope.canonicalBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A release was yanked. */
    record ReleaseYanked(PackageName pkg, Version version) implements LogEntry {
        public ReleaseYanked {
            requireRelease(pkg, version);
        }

        @Override
        public String kind() {
            return "release-yanked";
        }

        @Override
        public String text() {
            return head(kind()) + "package " + pkg + "\n" + "version " + version + "\n";
        }
    }

    /** A yanked release was restored. */
    record ReleaseUnyanked(PackageName pkg, Version version) implements LogEntry {
        public ReleaseUnyanked {
            requireRelease(pkg, version);
        }

        @Override
        public String kind() {
            return "release-unyanked";
        }

        @Override
        public String text() {
            return head(kind()) + "package " + pkg + "\n" + "version " + version + "\n";
        }
    }

    private static String head(String kind) {
        return DOMAIN + " " + kind + "\n";
    }

    private static void requireNamespace(String ns) {
        if (!PackageName.isValidLabel(ns)) {
            throw new TlogFormatException("namespace", "a log entry's namespace is a valid namespace name");
        }
    }

    private static void requireKeyId(String field, String id) {
        if (!PublicKey.isValidKeyId(id)) {
            throw new TlogFormatException(field, "a log entry's " + field + " is a key id (32 lowercase hex digits)");
        }
    }

    private static void requireSignature(String sig) {
        byte[] raw;
        try {
            raw = sig == null ? null : Base64.getDecoder().decode(sig);
        } catch (IllegalArgumentException e) {
            raw = null;
        }
        if (raw == null || raw.length != 64 || !Base64.getEncoder().encodeToString(raw).equals(sig)) {
            throw new TlogFormatException("signature", "a log entry's signature is the canonical base64 of 64 bytes");
        }
    }

    private static void requireRelease(PackageName pkg, Version version) {
        if (pkg == null || version == null) {
            throw new TlogFormatException("package", "a yank entry names a package and a version");
        }
    }
}
