package ai.asterai.registry.search;

/**
 * The embedded default's search: every word must occur (as a substring) in the name, namespace,
 * keywords, interface words or description; the score adds up where each word occurs, weighted
 * like PostgreSQL's (name, then keywords and exports, then namespace and description, then imports).
 * A full scan with LIKE, which is fine at the size an embedded registry holds.
 */
public class H2Search extends SearchStrategy {

    @Override
    protected void match(Sql sql, SearchQuery q) {
        String and = "";
        for (String w : q.words()) {
            String like = "%" + w + "%";
            sql.add(and + "(ps.name like ? or ps.namespace like ? or ps.keywords like ? or ps.export_terms like ?"
                    + " or ps.import_terms like ? or lower(ps.description) like ?)", like, like, like, like, like, like);
            and = " and ";
        }
    }

    @Override
    protected void score(Sql sql, SearchQuery q) {
        sql.add("(case when ps.name = ? or ps.full_name = ? then 100 else 0 end", q.text(), q.text());
        for (String w : q.words()) {
            String like = "%" + w + "%";
            sql.add(" + case when ps.name = ? then 10 when ps.name like ? then 8 when ps.name like ? then 6 else 0 end",
                    w, w + "%", like);
            sql.add(" + case when (' ' || ps.keywords || ' ') like ? then 5 when ps.keywords like ? then 3 else 0 end",
                    "% " + w + " %", like);
            sql.add(" + case when ps.export_terms like ? then 4 else 0 end", like);
            sql.add(" + case when ps.namespace like ? then 2 else 0 end", like);
            sql.add(" + case when lower(ps.description) like ? then 2 else 0 end", like);
            sql.add(" + case when ps.import_terms like ? then 1 else 0 end", like);
        }
        sql.add(")");
    }
}
