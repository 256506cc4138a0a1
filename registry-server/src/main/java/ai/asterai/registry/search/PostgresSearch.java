package ai.asterai.registry.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * PostgreSQL's search: the weighted {@code document} tsvector of the projection (V4 migration)
 * against a query where each word must match, either as a prefix ({@code calc} finds
 * {@code calculator}) or by its English stem ({@code evaluating} finds "Evaluates"); with pg_trgm,
 * when nothing matches so, names within trigram distance ({@code calculater} finds {@code calculator}).
 * Score: an exact name outranks everything, then a name equal to one of the words, then ts_rank
 * (name A, keywords and exports B, namespace and description C, imports D), then a small nudge by
 * downloads (and name similarity in the trigram pass).
 */
public class PostgresSearch extends SearchStrategy {
    private final String trgm; // quoted schema of pg_trgm, or null without it
    private final boolean fuzzy; // this pass also matches names by trigram similarity

    private PostgresSearch(String trgm, boolean fuzzy) {
        this.trgm = trgm;
        this.fuzzy = fuzzy;
    }

    private PostgresSearch(String trgmSchema) {
        this(trgmSchema == null ? null : '"' + trgmSchema.replace("\"", "\"\"") + '"', false);
    }

    /**
     * Full text first; only when it finds nothing, names by trigram similarity ("did you mean"): the
     * similarity test on every matched row cost more than the rest of the ranking (bench/search).
     */
    @Override
    public Found find(Connection c, SearchQuery q) throws SQLException {
        Found found = super.find(c, q);
        if (trgm != null && !fuzzy && q.hasText() && found.total() == 0) {
            return new PostgresSearch(trgm, true).find(c, q);
        }
        return found;
    }

    @Override
    protected String fence() {
        return "materialized ";
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
    protected void with(Sql sql, SearchQuery q) {
        sql.add("tq as (select ");
        String and = "";
        for (String w : q.words()) {
            // words are letters and digits only, so they are tsquery lexemes as they stand
            sql.add(and + "(to_tsquery('simple', ?) || to_tsquery('english', ?))", w + ":*", w);
            and = " && ";
        }
        sql.add(" as query), ");
    }

    @Override
    protected String from(SearchQuery q) {
        return " cross join tq";
    }

    @Override
    protected void match(Sql sql, SearchQuery q) {
        sql.add("(ps.document @@ tq.query");
        if (fuzzy) {
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
        if (fuzzy) {
            sql.add(" + " + trgm + ".similarity(ps.name, ?)", q.text());
        }
        sql.add(" + ln(1 + ps.downloads) * 0.01)");
    }
}
