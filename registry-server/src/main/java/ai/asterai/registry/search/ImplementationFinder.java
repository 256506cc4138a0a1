package ai.asterai.registry.search;

import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.name.VersionRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discovery by interface: components whose latest non-yanked release exports {@code ns:pkg/iface}
 * at a version the requirement accepts. SemVer ranges are applied here, in Java, with the same
 * {@link VersionRange} the client resolves packages with; the database narrows by interface name.
 */
public class ImplementationFinder {

    /** Every match, best first: newest interface version, then most downloads, then name. */
    public List<Implementation> find(Connection c, InterfaceId iface, VersionRange range) throws SQLException {
        Map<String, Implementation> best = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select ps.full_name, ps.version, e.item, e.interface_version,"
                + " ps.description, ps.downloads, ps.key_id, ps.updated_at from package_search_exports e"
                + " join package_search ps on ps.package_id = e.package_id"
                + " where e.interface_name = ? and ps.kind = 'component'")) {
            ps.setString(1, iface.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String v = rs.getString(4);
                    if (range != null && (v == null || !range.matches(Version.parse(v)))) {
                        continue; // an unversioned interface satisfies no version requirement
                    }
                    Implementation impl = new Implementation(rs.getString(1), rs.getString(2), rs.getString(3), v,
                            rs.getString(5), rs.getLong(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class));
                    best.merge(impl.name(), impl, (a, b) -> ORDER.compare(a, b) <= 0 ? a : b);
                }
            }
        }
        List<Implementation> out = new ArrayList<>(best.values());
        out.sort(ORDER);
        return out;
    }

    static final Comparator<Implementation> ORDER = Comparator
            .comparing((Implementation i) -> i.interfaceVersion() == null ? null : Version.parse(i.interfaceVersion()),
                    Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Implementation::downloads, Comparator.reverseOrder())
            .thenComparing(Implementation::name);
}
