package ai.asterai.registry.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a search over the projection. Filters, ordering and paging are the same SQL everywhere; a
 * database's strategy says what "matches the text" is and how well ({@link PostgresSearch}: weighted
 * full-text and trigrams; {@link H2Search}: scored substring matches for the embedded default).
 */
public abstract class SearchStrategy {

    /** A page of hits and the number of matches in all. */
    public record Found(List<SearchHit> hits, long total) {
    }

    /** Anything needed before the select (PostgreSQL's tsquery as a CTE). */
    protected void prefix(Sql sql, SearchQuery q) {
    }

    /** Extra relations after {@code package_search ps join packages p}. */
    protected String from(SearchQuery q) {
        return "";
    }

    /** A condition true when the package matches every word of the query. */
    protected abstract void match(Sql sql, SearchQuery q);

    /** A number, higher for a better match. */
    protected abstract void score(Sql sql, SearchQuery q);

    public Found find(Connection c, SearchQuery q) throws SQLException {
        Sql sql = new Sql();
        prefix(sql, q);
        sql.add("select ps.full_name, ps.version, ps.kind, ps.description, ps.keywords, ps.exports, ps.key_id,"
                + " ps.updated_at, p.downloads, count(*) over () as total"
                + " from package_search ps join packages p on p.id = ps.package_id" + from(q));
        where(sql, q);
        sql.add(" order by ");
        switch (q.sort()) {
            case RELEVANCE -> {
                if (q.hasText()) {
                    score(sql, q);
                    sql.add(" desc, ");
                }
                sql.add("p.downloads desc, ps.full_name");
            }
            case DOWNLOADS -> sql.add("p.downloads desc, ps.full_name");
            case RECENT -> sql.add("ps.updated_at desc, ps.full_name");
        }
        sql.add(" limit ? offset ?", q.paging().perPage(), q.paging().offset());
        List<SearchHit> hits = new ArrayList<>();
        long total = 0;
        try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                hits.add(new SearchHit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        words(rs.getString(5)), rs.getLong(9), words(rs.getString(6)), rs.getString(7),
                        rs.getObject(8, OffsetDateTime.class)));
                total = rs.getLong(10);
            }
        }
        if (hits.isEmpty() && q.paging().offset() > 0) {
            total = count(c, q); // past the end: the window count had no row to ride on
        }
        return new Found(hits, total);
    }

    private long count(Connection c, SearchQuery q) throws SQLException {
        Sql sql = new Sql();
        prefix(sql, q);
        sql.add("select count(*) from package_search ps join packages p on p.id = ps.package_id" + from(q));
        where(sql, q);
        try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void where(Sql sql, SearchQuery q) {
        sql.add(" where 1 = 1");
        if (q.hasText()) {
            sql.add(" and ");
            match(sql, q);
        }
        if (q.namespace() != null) {
            sql.add(" and ps.namespace = ?", q.namespace());
        }
        if (q.keyword() != null) {
            // keywords are [a-z0-9-], so the pattern holds no LIKE wildcard
            sql.add(" and (' ' || ps.keywords || ' ') like ?", "% " + q.keyword() + " %");
        }
        if (q.iface() != null) {
            sql.add(" and exists (select 1 from package_search_exports e where e.package_id = ps.package_id and ")
                    .add(q.iface().version() == null ? "e.interface_name = ?)" : "e.item = ?)", q.iface().toString());
        }
    }

    static List<String> words(String spaced) {
        return spaced == null || spaced.isBlank() ? List.of() : Arrays.asList(spaced.split(" "));
    }
}
