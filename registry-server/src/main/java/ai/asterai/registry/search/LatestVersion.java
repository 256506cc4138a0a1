package ai.asterai.registry.search;

import ai.asterai.protocol.name.Version;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** The release a package's page and search show: highest non-yanked, preferring non-pre-releases. */
final class LatestVersion {
    private LatestVersion() {
    }

    static <T> Optional<T> pick(Collection<T> releases, Function<T, String> version, Predicate<T> yanked) {
        Comparator<T> byVersion = Comparator.comparing(r -> Version.parse(version.apply(r)));
        return releases.stream().filter(yanked.negate()).filter(r -> !Version.parse(version.apply(r)).isPreRelease())
                .max(byVersion)
                .or(() -> releases.stream().filter(yanked.negate()).max(byVersion));
    }
}
