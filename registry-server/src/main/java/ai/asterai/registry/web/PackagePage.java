package ai.asterai.registry.web;

import java.time.OffsetDateTime;
import java.util.List;

/** Everything the package page shows, for one selected release of the package. */
public record PackagePage(String namespace, String name, String fullName, String kind, String description,
                          String version, boolean latest, boolean yanked, OffsetDateTime publishedAt, String latestVersion,
                          String pullCommand, String license, String world, List<String> keywords, long downloads,
                          long versionDownloads, List<VersionRow> versions, List<String> exports, List<String> imports,
                          List<Permission> permissions, Signer signer, List<Part> parts, List<WitHighlighter.Span> wit,
                          boolean witAvailable) {

    public record VersionRow(String version, boolean yanked, boolean selected, OffsetDateTime publishedAt, long downloads) {
    }

    /** One thing the component asks the runtime for, e.g. {@code ("Network", "https://api.example.com:443")}. */
    public record Permission(String kind, String detail) {
    }

    public record Signer(String keyId, String label, boolean active, OffsetDateTime revokedAt, String signature) {
    }

    public record Part(String name, String digest, long size) {
    }

    /** Only interface ids link to discovery; {@code func:name} is shown as it is. */
    public static boolean isInterface(String item) {
        return !item.startsWith("func:");
    }
}
