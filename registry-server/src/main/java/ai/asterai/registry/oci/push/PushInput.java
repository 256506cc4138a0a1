package ai.asterai.registry.oci.push;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.oci.OciErrorCode;
import ai.asterai.protocol.oci.OciNames;
import ai.asterai.registry.oci.OciReference;

/** Checks what a push request names (the repository, digests), with the read side's rules and codes. */
final class PushInput {
    private PushInput() {
    }

    /** {@code ns/name} of the path: NAME_INVALID outside the spec's grammar, NAME_UNKNOWN when no package can have it. */
    static String repository(String ns, String name) {
        return OciNames.repository(pkg(ns, name));
    }

    static PackageName pkg(String ns, String name) {
        return OciReference.repository(ns + "/" + name);
    }

    /** A sha256 digest; any other algorithm, or a malformed digest, is DIGEST_INVALID: content must be verifiable. */
    static Digest digest(String text) {
        if (text == null || text.isEmpty()) {
            throw ai.asterai.registry.oci.auth.OciRefusals.of(OciErrorCode.DIGEST_INVALID, 400, "a digest is required (sha256:<64 hex digits>)");
        }
        return OciReference.digest(text, OciErrorCode.DIGEST_INVALID);
    }

    static String printable(String s) {
        return PackageName.printable(s);
    }
}
