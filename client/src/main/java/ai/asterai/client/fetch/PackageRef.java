package ai.asterai.client.fetch;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.VersionRange;

/**
 * What a user or an agent asks for: {@code namespace:name}, optionally {@code @} a version or a
 * SemVer requirement ({@code ^1.2}, {@code ~1.2.3}, {@code *}, {@code 1.2.3}). No version means
 * the newest release.
 */
public record PackageRef(PackageName name, VersionRange range) {
    public static PackageRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("package", "package reference is missing (namespace:name[@version])");
        }
        int at = text.indexOf('@');
        if (at < 0) {
            return new PackageRef(PackageName.parse(text), VersionRange.ANY);
        }
        if (at == text.length() - 1) {
            throw new InvalidInputException("version", "nothing after '@' in '" + PackageName.printable(text) + "'");
        }
        return new PackageRef(PackageName.parse(text.substring(0, at)), VersionRange.parse(text.substring(at + 1)));
    }

    @Override
    public String toString() {
        return range == VersionRange.ANY ? name.toString() : name + "@" + range;
    }
}
