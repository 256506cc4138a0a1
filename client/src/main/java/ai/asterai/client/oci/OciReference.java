package ai.asterai.client.oci;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.oci.OciNames;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code oci://HOST[:PORT]/REPO(:TAG|@sha256:HEX)}: one artifact in any OCI distribution registry.
 * Strict: the repository and tag follow the distribution spec's grammar, the digest is sha256 in
 * lowercase hex, and the host is a DNS name, an IPv4 address or a bracketed IPv6 address, so nothing
 * in a reference can change the path or the authority of a request built from it.
 *
 * @param port   -1 when none was given
 * @param tag    null when a digest was given
 * @param digest null when a tag was given
 */
public record OciReference(String host, int port, String repository, String tag, Digest digest) {
    public static final String SCHEME = "oci://";
    private static final int MAX_LENGTH = 1024;
    private static final Pattern DNS = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}\\]");

    public OciReference {
        if (host == null || !(DNS.matcher(host).matches() || IPV6.matcher(host).matches()) || host.length() > 253) {
            throw new InvalidInputException("reference", "OCI reference has an invalid host");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (port != -1 && (port < 1 || port > 65535)) {
            throw new InvalidInputException("reference", "OCI reference has an invalid port");
        }
        if (!OciNames.isRepository(repository)) {
            throw new InvalidInputException("reference", "OCI repository '" + PackageName.printable(String.valueOf(repository))
                    + "' is not valid (lowercase path components of letters, digits and . _ -)");
        }
        if ((tag == null) == (digest == null)) {
            throw new InvalidInputException("reference", "an OCI reference names either a :TAG or an @sha256:DIGEST");
        }
        if (tag != null && !OciNames.isTag(tag)) {
            throw new InvalidInputException("reference", "OCI tag '" + PackageName.printable(tag) + "' is not valid");
        }
    }

    /** Whether {@code text} is meant as an OCI reference (it may still be malformed). */
    public static boolean isOci(String text) {
        return text != null && text.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    public static OciReference parse(String text) {
        if (!isOci(text)) {
            throw new InvalidInputException("reference", "an OCI reference starts with oci:// (oci://HOST[:PORT]/REPO:TAG or @sha256:DIGEST)");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInputException("reference", "OCI reference is longer than " + MAX_LENGTH + " characters");
        }
        String rest = text.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new InvalidInputException("reference", "OCI reference '" + PackageName.printable(text) + "' has no repository (oci://HOST[:PORT]/REPO:TAG)");
        }
        String authority = rest.substring(0, slash);
        String path = rest.substring(slash + 1);
        String host = authority;
        int port = -1;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && colon > authority.lastIndexOf(']')) {
            host = authority.substring(0, colon);
            String p = authority.substring(colon + 1);
            if (!p.matches("[0-9]{1,5}")) {
                throw new InvalidInputException("reference", "OCI reference '" + PackageName.printable(text) + "' has an invalid port");
            }
            port = Integer.parseInt(p);
        }
        String repository;
        String tag = null;
        Digest digest = null;
        int at = path.indexOf('@');
        if (at >= 0) {
            repository = path.substring(0, at);
            String d = path.substring(at + 1);
            if (!d.matches("sha256:[0-9a-f]{64}")) {
                throw new InvalidInputException("reference", "OCI digest '" + PackageName.printable(d) + "' must be sha256: and 64 lowercase hex digits");
            }
            digest = Digest.parse(d);
        } else {
            int c = path.lastIndexOf(':');
            if (c < 0) {
                throw new InvalidInputException("reference", "OCI reference '" + PackageName.printable(text)
                        + "' names no tag or digest (add :TAG or @sha256:DIGEST)");
            }
            repository = path.substring(0, c);
            tag = path.substring(c + 1);
        }
        return new OciReference(host, port, repository, tag, digest);
    }

    /** {@code host[:port]}, as in URLs and as Docker's config keys its credentials. */
    public String authority() {
        return port == -1 ? host : host + ":" + port;
    }

    /** The tag or digest, as it goes into {@code /v2/<repo>/manifests/<reference>}. */
    public String reference() {
        return digest != null ? digest.toString() : tag;
    }

    public OciReference withDigest(Digest d) {
        return new OciReference(host, port, repository, null, d);
    }

    public OciReference withTag(String t) {
        return new OciReference(host, port, repository, t, null);
    }

    /** Whether the host is this machine: only then is plain HTTP used without {@code --insecure}. */
    public boolean isLoopback() {
        return host.equals("localhost") || host.matches("127(\\.[0-9]{1,3}){3}") || host.equals("[::1]");
    }

    @Override
    public String toString() {
        return SCHEME + authority() + "/" + repository + (digest != null ? "@" + digest : ":" + tag);
    }
}
