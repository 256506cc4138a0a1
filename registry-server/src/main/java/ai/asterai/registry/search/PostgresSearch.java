package ai.asterai.registry.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * PostgreSQL's search: the weighted {@code document} tsvector of the projection (V4 migration)
 * against a query where each word must match, either as a prefix ({@code calc} finds
 * {@code calculator}) or by its English stem ({@code evaluating} finds "Evaluates"); with pg_trgm,
 * names within trigram distance match too ({@code calculater} finds {@code calculator}).
 * Score: an exact name outranks everything, then a name equal to one of the words, then ts_rank
 * (name A, keywords and exports B, namespace and description C, imports D), name similarity, and a
 * small nudge by downloads.
 */
public class PostgresSearch extends SearchStrategy {
    private final String trgm; // quoted schema of pg_trgm, or null without it

    private PostgresSearch(String trgmSchema) {
        this.trgm = trgmSchema == null ? null : '"' + trgmSchema.replace("\"", "\"\"") + '"';
    }

    /** Looks for pg_trgm in this database (the V4 migration installs it when it may). */
    public static PostgresSearch detect(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select n.nspname from pg_extension e"
                + " join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'");
             ResultSet rs = ps.executeQuery()) {
            return new PostgresSearch(rs.next() ? rs.getString(1) : null);
        }
    }

    public static PostgresSearch fullTextOnly() {
        return new PostgresSearch(null);
    }

    public boolean usesTrigrams() {
        return trgm != null;
    }

    @Override
    protected void prefix(Sql sql, SearchQuery q) {
        if (!q.hasText()) {
            return;
        }
        sql.add("with tq as (select ");
        String and = "";
        for (String w : q.words()) {
            // words are letters and digits only, so they are tsquery lexemes as they stand
            sql.add(and + "(to_tsquery('simple', ?) || to_tsquery('english', ?))", w + ":*", w);
            and = " && ";
        }
        sql.add(" as query) ");
    }

    @Override
    protected String from(SearchQuery q) {
        return q.hasText() ? " cross join tq" : "";
    }

    @Override
    protected void match(Sql sql, SearchQuery q) {
        sql.add("(ps.document @@ tq.query");
        if (trgm != null) {
            sql.add(" or ps.name operator(" + trgm + ".%) ?", q.text());
        }
        sql.add(")");
    }

    @Override
    protected void score(Sql sql, SearchQuery q) {
        sql.add("((case when ps.name = ? or ps.full_name = ? then 100 else 0 end) + ts_rank(ps.document, tq.query)",
                q.text(), q.text());
        // a word that is the whole name ("weather" in "weather api") beats names that merely start with it
        sql.add(" + (case when ps.name in (" + String.join(", ", java.util.Collections.nCopies(q.words().size(), "?"))
                + ") then 1 else 0 end)", q.words().toArray());
        if (trgm != null) {
            sql.add(" + " + trgm + ".similarity(ps.name, ?) * 0.5", q.text());
        }
        sql.add(" + ln(1 + p.downloads) * 0.01)");
    }
}
