package ai.asterai.protocol.name;

import ai.asterai.protocol.InvalidInputException;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A strict SemVer 2.0.0 version with SemVer precedence as its natural order. */
public record Version(BigInteger major, BigInteger minor, BigInteger patch, List<String> preRelease, String build)
        implements Comparable<Version> {
    // The regular expression published with SemVer 2.0.0.
    private static final Pattern SEMVER = Pattern.compile(
            "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");
    private static final int MAX_LENGTH = 128;

    public Version {
        preRelease = List.copyOf(preRelease);
    }

    public static Version of(long major, long minor, long patch) {
        return new Version(BigInteger.valueOf(major), BigInteger.valueOf(minor), BigInteger.valueOf(patch), List.of(), null);
    }

    public static Version parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidInputException("version", "version is missing");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInputException("version", "version is longer than " + MAX_LENGTH + " characters");
        }
        Matcher m = SEMVER.matcher(text);
        if (!m.matches()) {
            throw new InvalidInputException("version", "version '" + PackageName.printable(text)
                    + "' is not SemVer 2.0.0 (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])");
        }
        List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
        return new Version(new BigInteger(m.group(1)), new BigInteger(m.group(2)), new BigInteger(m.group(3)), pre, m.group(5));
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    /** The same version without build metadata: SemVer ignores it for precedence. */
    public Version withoutBuild() {
        return new Version(major, minor, patch, preRelease, null);
    }

    @Override
    public int compareTo(Version o) {
        int c = major.compareTo(o.major);
        if (c == 0) c = minor.compareTo(o.minor);
        if (c == 0) c = patch.compareTo(o.patch);
        if (c != 0) return c;
        if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
        }
        for (int i = 0; i < Math.min(preRelease.size(), o.preRelease.size()); i++) {
            c = compareIdentifier(preRelease.get(i), o.preRelease.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(preRelease.size(), o.preRelease.size());
    }

    private static int compareIdentifier(String a, String b) {
        boolean an = a.chars().allMatch(Character::isDigit);
        boolean bn = b.chars().allMatch(Character::isDigit);
        if (an && bn) return new BigInteger(a).compareTo(new BigInteger(b));
        if (an) return -1;
        if (bn) return 1;
        return a.compareTo(b);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
        if (!preRelease.isEmpty()) s.append('-').append(String.join(".", preRelease));
        if (build != null) s.append('+').append(build);
        return s.toString();
    }
}
