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

    /** Common table expressions the match and score need, each followed by ", " (PostgreSQL's tsquery). */
    protected void with(Sql sql, SearchQuery q) {
    }

    /** Extra relations after {@code package_search ps}. */
    protected String from(SearchQuery q) {
        return "";
    }

    /** A condition true when the package matches every word of the query. */
    protected abstract void match(Sql sql, SearchQuery q);

    /** A number, higher for a better match. */
    protected abstract void score(Sql sql, SearchQuery q);

    private static final String COLUMNS = "ps.full_name, ps.version, ps.kind, ps.description, ps.keywords, ps.exports,"
            + " ps.key_id, ps.updated_at, ps.downloads";

    public Found find(Connection c, SearchQuery q) throws SQLException {
        return q.hasText() ? ranked(c, q) : listed(c, q);
    }

    /**
     * Text: every match has to be scored, so rank narrow rows (id, score, sort keys) and count them in
     * the same pass, and fetch the wide columns only for the page. Ranking the wide rows instead made
     * PostgreSQL spill them to disk at 100,000 packages (bench/search).
     */
    private Found ranked(Connection c, SearchQuery q) throws SQLException {
        Sql sql = new Sql().add("with ");
        with(sql, q);
        sql.add("m as " + fence() + "(select ps.package_id, ");
        score(sql, q);
        sql.add(" as score, ps.downloads, ps.updated_at, ps.full_name from package_search ps" + from(q));
        where(sql, q);
        sql.add("), hits as (select m.*, count(*) over () as total from m order by " + order(q, "m.", "m.score")
                + " limit ? offset ?)", q.paging().perPage(), q.paging().offset());
        sql.add(" select " + COLUMNS + ", h.total from hits h join package_search ps on ps.package_id = h.package_id"
                + " order by " + order(q, "h.", "h.score"));
        Found found = read(c, sql);
        if (found.hits().isEmpty() && q.paging().offset() > 0) {
            return new Found(found.hits(), count(c, q)); // past the end: the window count had no row to ride on
        }
        return found;
    }

    /**
     * Keeps the database from walking an index in the order asked and testing the text on every row
     * it passes (PostgreSQL chose that for "sort=downloads" and it read all 100,000 rows): every match
     * is needed for the count anyway. Empty where the database has no such choice or keyword.
     */
    protected String fence() {
        return "";
    }

    /** No text: the page comes straight off an index in the order asked, and a separate count. */
    private Found listed(Connection c, SearchQuery q) throws SQLException {
        Sql sql = new Sql().add("select " + COLUMNS + ", 0 from package_search ps");
        where(sql, q);
        sql.add(" order by " + order(q, "ps.", null) + " limit ? offset ?", q.paging().perPage(), q.paging().offset());
        return new Found(read(c, sql).hits(), count(c, q));
    }

    /** The sort keys, qualified by {@code p}; {@code score} is how the score is named there. */
    private static String order(SearchQuery q, String p, String score) {
        String byDownloads = p + "downloads desc, " + p + "full_name";
        return switch (q.sort()) {
            case RELEVANCE -> q.hasText() ? score + " desc, " + byDownloads : byDownloads;
            case DOWNLOADS -> byDownloads;
            case RECENT -> p + "updated_at desc, " + p + "full_name";
        };
    }

    private static Found read(Connection c, Sql sql) throws SQLException {
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
        return new Found(hits, total);
    }

    private long count(Connection c, SearchQuery q) throws SQLException {
        Sql sql = new Sql();
        if (q.hasText()) {
            sql.add("with ");
            with(sql, q);
            sql.add("n as (select 1 as one) ");
        }
        sql.add("select count(*) from package_search ps" + (q.hasText() ? from(q) : ""));
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
            // "in" rather than a correlated "exists": the planner then reads the few exporters from the index
            sql.add(" and ps.package_id in (select e.package_id from package_search_exports e where ")
                    .add(q.iface().version() == null ? "e.interface_name = ?)" : "e.item = ?)", q.iface().toString());
        }
    }

    static List<String> words(String spaced) {
        return spaced == null || spaced.isBlank() ? List.of() : Arrays.asList(spaced.split(" "));
    }
}
