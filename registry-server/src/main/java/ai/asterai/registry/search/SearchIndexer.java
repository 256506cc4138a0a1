package ai.asterai.registry.search;

import ai.asterai.protocol.release.Manifest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds one package's row of the search projection from its releases, over plain JDBC so the
 * same code runs inside the publish transaction (through Hibernate's connection), at start-up for
 * packages published before search existed, and in tests against H2 and PostgreSQL directly.
 */
public class SearchIndexer {

    private record ReleaseRow(long id, String version, boolean yanked, String manifestJson, String keyId) {
    }

    /**
     * Locks the package row first: two publishes of one package then rebuild one after the other,
     * and the second sees the first's release (each statement reads what is committed when it starts).
     * The lock is a no-op update, not "select for update": PostgreSQL's FOR UPDATE conflicts with the
     * key-share lock each publish's release insert holds on its package, and concurrent publishes of
     * one package deadlocked; an update that leaves the key alone does not (and H2 has no FOR NO KEY UPDATE).
     */
    public void refresh(Connection c, long packageId) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("update packages set updated_at = updated_at where id = ?")) {
            lock.setLong(1, packageId);
            lock.executeUpdate();
        }
        Optional<SearchDocument> doc = build(c, packageId);
        try (PreparedStatement del = c.prepareStatement("delete from package_search_exports where package_id = ?")) {
            del.setLong(1, packageId);
            del.executeUpdate();
        }
        try (PreparedStatement del = c.prepareStatement("delete from package_search where package_id = ?")) {
            del.setLong(1, packageId);
            del.executeUpdate();
        }
        if (doc.isPresent()) {
            insert(c, doc.get());
        }
    }

    /** The package as its latest non-yanked release describes it; empty when every release is yanked. */
    public Optional<SearchDocument> build(Connection c, long packageId) throws SQLException {
        String ns, name, kind;
        OffsetDateTime updatedAt;
        long downloads;
        try (PreparedStatement ps = c.prepareStatement("select n.name, p.name, p.kind, p.updated_at, p.downloads from packages p"
                + " join namespaces n on n.id = p.namespace_id where p.id = ?")) {
            ps.setLong(1, packageId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ns = rs.getString(1);
                name = rs.getString(2);
                kind = rs.getString(3);
                updatedAt = rs.getObject(4, OffsetDateTime.class);
                downloads = rs.getLong(5);
            }
        }
        List<ReleaseRow> releases = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select id, version, yanked, manifest_json, key_id from releases where package_id = ?")) {
            ps.setLong(1, packageId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    releases.add(new ReleaseRow(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        Optional<ReleaseRow> latest = LatestVersion.pick(releases, ReleaseRow::version, ReleaseRow::yanked);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        ReleaseRow r = latest.get();
        Manifest m = Manifest.parseStored(r.manifestJson());
        return Optional.of(new SearchDocument(packageId, ns, name, kind, r.id(), r.version(), m.description(), m.keywords(),
                items(c, r.id(), "export"), items(c, r.id(), "import"), r.keyId(), updatedAt, downloads));
    }

    private static List<String> items(Connection c, long releaseId, String direction) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select item from release_interfaces where release_id = ? and direction = ? order by item")) {
            ps.setLong(1, releaseId);
            ps.setString(2, direction);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    public void insert(Connection c, SearchDocument d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into package_search (package_id, namespace, name, full_name,"
                + " kind, latest_release_id, version, description, keywords, exports, imports, export_terms, import_terms,"
                + " key_id, updated_at, downloads) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, d.packageId());
            ps.setString(2, d.namespace());
            ps.setString(3, d.name());
            ps.setString(4, d.fullName());
            ps.setString(5, d.kind());
            ps.setLong(6, d.latestReleaseId());
            ps.setString(7, d.version());
            ps.setString(8, d.description());
            ps.setString(9, String.join(" ", d.keywords()));
            ps.setString(10, String.join(" ", d.exports()));
            ps.setString(11, String.join(" ", d.imports()));
            ps.setString(12, SearchDocument.terms(d.exports()));
            ps.setString(13, SearchDocument.terms(d.imports()));
            ps.setString(14, d.keyId());
            ps.setObject(15, d.updatedAt());
            ps.setLong(16, d.downloads());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into package_search_exports (package_id, item, interface_name,"
                + " interface_version) values (?, ?, ?, ?)")) {
            for (String item : d.exports()) {
                InterfaceId id = InterfaceId.tryParse(item).orElse(null);
                if (id == null) {
                    continue; // func:name is matched by text, not by the interface filter
                }
                ps.setLong(1, d.packageId());
                ps.setString(2, item);
                ps.setString(3, id.name());
                ps.setString(4, id.version());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
