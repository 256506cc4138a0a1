package ai.asterai.registry.oci;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.oci.OciErrorCode;
import ai.asterai.protocol.oci.OciNames;

/**
 * What a {@code /v2} path names, checked before anything is looked up: the repository as a package,
 * and a reference that is either a tag or a sha256 digest. Every refusal is an {@link OciException}
 * with the spec's code: a name outside the spec's grammar is NAME_INVALID (400), one in the grammar
 * that no package can have (three components, an upper-case-free label starting with a digit) is
 * NAME_UNKNOWN (404); a digest outside the grammar or of an algorithm this registry does not know is
 * DIGEST_INVALID (400), a well-formed sha512 digest is simply unknown (only sha256 content is held).
 */
public final class OciReference {
    /** A parsed reference: exactly one of {@code tag} and {@code digest} is set. */
    public record Ref(String tag, Digest digest) {
        public boolean isDigest() {
            return digest != null;
        }

        @Override
        public String toString() {
            return digest != null ? digest.toString() : tag;
        }
    }

    private OciReference() {
    }

    public static PackageName repository(String repo) {
        if (!OciNames.isRepository(repo)) {
            throw new OciException(OciErrorCode.NAME_INVALID, "repository name '" + PackageName.printable(String.valueOf(repo))
                    + "' is invalid: lowercase components [a-z0-9] separated by '.', '_', '__' or '-', joined by '/'");
        }
        try {
            return OciNames.packageOf(repo);
        } catch (InvalidInputException e) {
            throw new OciException(OciErrorCode.NAME_UNKNOWN, "repository '" + PackageName.printable(repo)
                    + "' is not known: repositories here are <namespace>/<name> of a published package");
        }
    }

    /** A digest path segment; {@code unknown} is the code for a well-formed digest that cannot be held here. */
    public static Digest digest(String text, OciErrorCode unknown) {
        if (!OciNames.isDigestSyntax(text)) {
            throw new OciException(OciErrorCode.DIGEST_INVALID, "'" + PackageName.printable(String.valueOf(text))
                    + "' is not a digest (algorithm:encoded, e.g. sha256:<64 lowercase hex>)");
        }
        String algorithm = text.substring(0, text.indexOf(':'));
        String encoded = text.substring(text.indexOf(':') + 1);
        switch (algorithm) {
            case "sha256" -> {
                try {
                    return Digest.parse(text);
                } catch (InvalidInputException e) {
                    throw new OciException(OciErrorCode.DIGEST_INVALID, "a sha256 digest has 64 lowercase hex digits");
                }
            }
            case "sha512" -> {
                if (encoded.matches("[0-9a-f]{128}")) {
                    throw new OciException(unknown, "this registry holds only sha256 content; nothing has the digest " + text);
                }
                throw new OciException(OciErrorCode.DIGEST_INVALID, "a sha512 digest has 128 lowercase hex digits");
            }
            default -> throw new OciException(OciErrorCode.DIGEST_INVALID, "unsupported digest algorithm '"
                    + PackageName.printable(algorithm) + "'; this registry uses sha256");
        }
    }

    /** A manifest reference: a digest when it has a ':', else a tag. */
    public static Ref reference(String text) {
        if (text != null && text.indexOf(':') >= 0) {
            return new Ref(null, digest(text, OciErrorCode.MANIFEST_UNKNOWN));
        }
        if (!OciNames.isTag(text)) {
            throw new OciException(OciErrorCode.MANIFEST_UNKNOWN, "'" + PackageName.printable(String.valueOf(text))
                    + "' is neither a tag ([a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}) nor a digest");
        }
        return new Ref(text, null);
    }
}
