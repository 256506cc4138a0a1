package ai.asterai.protocol.name;

import ai.asterai.protocol.InvalidInputException;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SemVer requirement as people write it after {@code @} in a package reference, with Cargo's
 * meaning for each operator:
 * <ul>
 *   <li>{@code *}: any release (pre-releases excluded);</li>
 *   <li>{@code 1.2.3} or {@code =1.2.3}: exactly that version (build metadata ignored);</li>
 *   <li>{@code ^1.2.3}, {@code ^1.2}, {@code ^1}: compatible updates, {@code >=1.2.3, <2.0.0}; below 1.0.0
 *       the left-most non-zero part is the one kept ({@code ^0.2.3} is {@code >=0.2.3, <0.3.0});</li>
 *   <li>{@code ~1.2.3}, {@code ~1.2}: patch updates, {@code >=1.2.3, <1.3.0}; {@code ~1} is {@code >=1.0.0, <2.0.0};</li>
 *   <li>{@code 1.2}, {@code 1}, {@code 1.2.*}, {@code 1.*}: any version with that prefix.</li>
 * </ul>
 * A pre-release matches only a requirement that names a pre-release of the same major.minor.patch,
 * so {@code ^1.2} never picks {@code 2.0.0-rc.1} or {@code 1.3.0-beta}; that is Cargo's and npm's rule.
 */
public final class VersionRange {
    private static final Pattern PARTIAL = Pattern.compile(
            "(0|[1-9]\\d{0,17})(?:\\.(0|[1-9]\\d{0,17}|\\*))?(?:\\.(0|[1-9]\\d{0,17}|\\*))?");
    private static final int MAX_LENGTH = 128;

    /** The operator written before the version. */
    public enum Op { ANY, EXACT, CARET, TILDE, PREFIX }

    private final String text;
    private final Op op;
    private final Version lower;     // inclusive; null for ANY
    private final Version upper;     // exclusive; null for ANY and EXACT

    private VersionRange(String text, Op op, Version lower, Version upper) {
        this.text = text;
        this.op = op;
        this.lower = lower;
        this.upper = upper;
    }

    public static final VersionRange ANY = new VersionRange("*", Op.ANY, null, null);

    public static VersionRange exactly(Version v) {
        return new VersionRange(v.toString(), Op.EXACT, v, null);
    }

    public static VersionRange parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid("version requirement is missing");
        }
        if (text.length() > MAX_LENGTH) {
            throw invalid("version requirement is longer than " + MAX_LENGTH + " characters");
        }
        if (text.equals("*") || text.equals("latest")) {
            return ANY;
        }
        char first = text.charAt(0);
        if (first == '=') {
            return exactly(parseFull(text, text.substring(1)));
        }
        if (first == '^' || first == '~') {
            String rest = text.substring(1);
            Op op = first == '^' ? Op.CARET : Op.TILDE;
            if (Version.isValid(rest)) {
                Version v = Version.parse(rest);
                return new VersionRange(text, op, v, op == Op.CARET ? caretUpper(v.major(), v.minor(), v.patch(), 3)
                        : release(v.major(), v.minor().add(BigInteger.ONE), BigInteger.ZERO));
            }
            Matcher m = PARTIAL.matcher(rest);
            if (!m.matches() || rest.contains("*")) {
                throw invalid("version requirement '" + PackageName.printable(text)
                        + "' is not valid: after " + first + " write MAJOR[.MINOR[.PATCH[-PRE]]]");
            }
            BigInteger major = new BigInteger(m.group(1));
            BigInteger minor = m.group(2) == null ? BigInteger.ZERO : new BigInteger(m.group(2));
            int parts = m.group(2) == null ? 1 : 2;
            Version low = new Version(major, minor, BigInteger.ZERO, List.of(), null);
            Version high = op == Op.CARET ? caretUpper(major, minor, BigInteger.ZERO, parts)
                    : parts == 1 ? release(major.add(BigInteger.ONE), BigInteger.ZERO, BigInteger.ZERO)
                    : release(major, minor.add(BigInteger.ONE), BigInteger.ZERO);
            return new VersionRange(text, op, low, high);
        }
        if (Version.isValid(text)) {
            return exactly(Version.parse(text));
        }
        Matcher m = PARTIAL.matcher(text);
        if (!m.matches() || (m.group(2) != null && m.group(2).equals("*") && m.group(3) != null)) {
            throw invalid("version requirement '" + PackageName.printable(text)
                    + "' is not valid: use 1.2.3, =1.2.3, ^1.2, ~1.2.3, 1.2, 1.* or *");
        }
        BigInteger major = new BigInteger(m.group(1));
        if (m.group(2) == null || m.group(2).equals("*")) {
            return new VersionRange(text, Op.PREFIX, release(major, BigInteger.ZERO, BigInteger.ZERO),
                    release(major.add(BigInteger.ONE), BigInteger.ZERO, BigInteger.ZERO));
        }
        BigInteger minor = new BigInteger(m.group(2));
        if (m.group(3) == null || m.group(3).equals("*")) {
            return new VersionRange(text, Op.PREFIX, release(major, minor, BigInteger.ZERO),
                    release(major, minor.add(BigInteger.ONE), BigInteger.ZERO));
        }
        throw invalid("version requirement '" + PackageName.printable(text) + "' is not valid");
    }

    private static Version parseFull(String text, String version) {
        if (!Version.isValid(version)) {
            throw invalid("version requirement '" + PackageName.printable(text) + "' is not valid: after = write a full version");
        }
        return Version.parse(version);
    }

    /** Cargo's caret: the upper bound bumps the left-most non-zero part of those written. */
    private static Version caretUpper(BigInteger major, BigInteger minor, BigInteger patch, int written) {
        if (major.signum() > 0 || written == 1) {
            return release(major.add(BigInteger.ONE), BigInteger.ZERO, BigInteger.ZERO);
        }
        if (minor.signum() > 0 || written == 2) {
            return release(major, minor.add(BigInteger.ONE), BigInteger.ZERO);
        }
        return release(major, minor, patch.add(BigInteger.ONE));
    }

    private static Version release(BigInteger major, BigInteger minor, BigInteger patch) {
        return new Version(major, minor, patch, List.of(), null);
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException("version", message);
    }

    public Op op() {
        return op;
    }

    public boolean isExact() {
        return op == Op.EXACT;
    }

    /** The version named by an exact requirement. */
    public Optional<Version> exactVersion() {
        return op == Op.EXACT ? Optional.of(lower) : Optional.empty();
    }

    public boolean matches(Version v) {
        if (op == Op.ANY) {
            return !v.isPreRelease();
        }
        if (op == Op.EXACT) {
            return v.compareTo(lower) == 0;
        }
        if (v.compareTo(lower) < 0 || v.compareTo(upper) >= 0) {
            return false;
        }
        // a pre-release only when the requirement itself names one on the same release line
        return !v.isPreRelease() || (lower.isPreRelease() && sameTriple(v, lower));
    }

    private static boolean sameTriple(Version a, Version b) {
        return a.major().equals(b.major()) && a.minor().equals(b.minor()) && a.patch().equals(b.patch());
    }

    /** The highest matching version among those accepted by {@code usable}. */
    public Optional<Version> best(Collection<Version> versions, Predicate<Version> usable) {
        return versions.stream().filter(this::matches).filter(usable).max(Version::compareTo);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionRange r && r.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The requirement as written (normalised only for exact versions). */
    @Override
    public String toString() {
        return text;
    }
}
