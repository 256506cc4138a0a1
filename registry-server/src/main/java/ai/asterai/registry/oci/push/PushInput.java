package ai.asterai.registry.oci.push;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.registry.oci.auth.OciError;
import java.util.regex.Pattern;

/** Checks what a push request names: the repository, digests and tags, as the spec's errors. */
final class PushInput {
    /** The spec's digest grammar: {@code algorithm ":" encoded}. */
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    private PushInput() {
    }

    /** {@code ns/name} from the path, or NAME_INVALID: each part is a package-name label. */
    static String repository(String ns, String name) {
        try {
            return new PackageName(ns, name).namespace() + "/" + name;
        } catch (InvalidInputException e) {
            throw new OciError(400, "NAME_INVALID", "repository name must be <namespace>/<name>: " + e.getMessage());
        }
    }

    /** A sha256 digest, or DIGEST_INVALID naming what is wrong (malformed, another algorithm). */
    static Digest digest(String text) {
        if (text == null || text.isEmpty()) {
            throw new OciError(400, "DIGEST_INVALID", "a digest is required (sha256:<64 hex digits>)");
        }
        if (text.length() > 200 || !DIGEST.matcher(text).matches()) {
            throw new OciError(400, "DIGEST_INVALID", "'" + printable(text) + "' is not a digest (sha256:<64 hex digits>)");
        }
        String algorithm = text.substring(0, text.indexOf(':'));
        if (!algorithm.equals("sha256")) {
            throw new OciError(400, "DIGEST_INVALID", "digest algorithm '" + algorithm + "' is not supported here; use sha256");
        }
        try {
            return Digest.parse(text);
        } catch (InvalidInputException e) {
            throw new OciError(400, "DIGEST_INVALID", "'" + printable(text) + "' is not a sha256 digest: 64 lowercase hex digits");
        }
    }

    static boolean looksLikeDigest(String reference) {
        return reference.indexOf(':') >= 0;
    }

    static String tag(String reference) {
        if (!TAG.matcher(reference).matches()) {
            throw new OciError(400, "MANIFEST_INVALID", "'" + printable(reference) + "' is neither a tag nor a digest");
        }
        return reference;
    }

    static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
