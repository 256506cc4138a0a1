package ai.asterai.registry.search;

import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.Permissions;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes namespaces, packages and releases straight into the tables, then indexes them as a publish would. */
final class Catalog {
    private final Connection c;
    private final Map<String, Long> namespaces = new HashMap<>();
    private final Map<String, Long> packages = new HashMap<>();
    private final SearchIndexer indexer = new SearchIndexer();
    private OffsetDateTime clock = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    Catalog(Connection c) {
        this.c = c;
    }

    /** One release of {@code ns:name}; creates the namespace and package on first use and re-indexes the package. */
    Catalog release(String fullName, String version, String kind, String description, List<String> keywords,
                    List<String> exports, List<String> imports) throws SQLException {
        String ns = fullName.substring(0, fullName.indexOf(':'));
        String name = fullName.substring(fullName.indexOf(':') + 1);
        clock = clock.plusMinutes(1);
        long nsId = namespaces.computeIfAbsent(ns, n -> insert("insert into namespaces (name, created_at) values (?, ?)", n, clock));
        long pkgId = packages.computeIfAbsent(fullName, n -> insert("insert into packages (namespace_id, name, kind, description,"
                + " created_at, updated_at) values (?, ?, ?, ?, ?, ?)", nsId, name, kind, description, clock, clock));
        update("update packages set updated_at = ?, description = ? where id = ?", clock, description, pkgId);
        String manifest = new String(new Manifest(fullName, version, kind, description, keywords, null,
                kind.equals("component") ? "test:" + name + "/" + name : null, Permissions.NONE).toJson(), StandardCharsets.UTF_8);
        String digest = "sha256:" + "0".repeat(64);
        long releaseId = insert("insert into releases (package_id, version, version_key, kind, manifest_json, manifest_digest,"
                + " manifest_size, wit_digest, wit_size, key_id, signature, published_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                pkgId, version, version, kind, manifest, digest, 1L, digest, 1L, "k".repeat(32), "sig", clock);
        for (String e : exports) {
            update("insert into release_interfaces (release_id, direction, item) values (?, 'export', ?)", releaseId, e);
        }
        for (String i : imports) {
            update("insert into release_interfaces (release_id, direction, item) values (?, 'import', ?)", releaseId, i);
        }
        indexer.refresh(c, pkgId);
        return this;
    }

    Catalog component(String fullName, String description, List<String> keywords, List<String> exports) throws SQLException {
        return release(fullName, "1.0.0", "component", description, keywords, exports, List.of());
    }

    Catalog yank(String fullName, String version) throws SQLException {
        update("update releases set yanked = true where package_id = ? and version = ?", packages.get(fullName), version);
        indexer.refresh(c, packages.get(fullName));
        return this;
    }

    Catalog downloads(String fullName, long n) throws SQLException {
        update("update packages set downloads = ? where id = ?", n, packages.get(fullName));
        update("update package_search set downloads = ? where package_id = ?", n, packages.get(fullName));
        return this;
    }

    private long insert(String sql, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql, new String[]{"id"})) {
            bind(ps, params);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
