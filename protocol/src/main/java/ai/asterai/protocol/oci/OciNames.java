package ai.asterai.protocol.oci;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import java.util.regex.Pattern;

/**
 * The distribution spec's grammars for repository names, tags and digests, and how an asterai package
 * and version map onto them: repository {@code <ns>/<name>}, tag = the SemVer version with its build
 * metadata's {@code +} written {@code _} (a tag cannot hold {@code +}, and SemVer's identifiers never
 * hold {@code _}, so the mapping is one to one).
 */
public final class OciNames {
    /** The distribution spec's {@code <name>} component grammar, components joined by {@code /}. */
    private static final Pattern REPOSITORY = Pattern.compile(
            "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
    /** The image spec's digest grammar: {@code algorithm:encoded}. */
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    /** The tag naming the newest non-yanked version. */
    public static final String LATEST = "latest";
    /** Longest repository name a client may send (the spec's advice: 255 characters with the host). */
    public static final int MAX_REPOSITORY = 255;

    private OciNames() {
    }

    public static boolean isRepository(String s) {
        return s != null && s.length() <= MAX_REPOSITORY && REPOSITORY.matcher(s).matches();
    }

    public static boolean isTag(String s) {
        return s != null && TAG.matcher(s).matches();
    }

    /** Whether {@code s} follows the digest grammar (any algorithm; only sha256 is stored here). */
    public static boolean isDigestSyntax(String s) {
        return s != null && s.length() <= 1024 && DIGEST.matcher(s).matches();
    }

    /** The repository of a package: {@code ns/name}. */
    public static String repository(PackageName pkg) {
        return pkg.namespace() + "/" + pkg.name();
    }

    /** The package of a repository name {@code ns/name}; an {@code InvalidInputException} when it is not one. */
    public static PackageName packageOf(String repository) {
        if (!isRepository(repository)) {
            throw new InvalidInputException("repository", "repository '" + PackageName.printable(String.valueOf(repository))
                    + "' is not a valid OCI repository name");
        }
        int slash = repository.indexOf('/');
        if (slash < 0 || repository.indexOf('/', slash + 1) >= 0) {
            throw new InvalidInputException("repository", "repository '" + PackageName.printable(repository)
                    + "' must be <namespace>/<name>, as a package namespace:name");
        }
        return new PackageName(repository.substring(0, slash), repository.substring(slash + 1));
    }

    /** The tag of a version: its text, with {@code +} written {@code _}. */
    public static String tag(Version version) {
        return version.toString().replace('+', '_');
    }

    /** The version a tag names, or null when the tag is not a version (e.g. {@code latest}). */
    public static Version versionOf(String tag) {
        if (!isTag(tag)) {
            return null;
        }
        String text = tag.replace('_', '+');
        return Version.isValid(text) ? Version.parse(text) : null;
    }
}
