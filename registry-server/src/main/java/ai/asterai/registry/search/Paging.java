package ai.asterai.registry.search;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.name.PackageName;

/**
 * A page of results, 1-based. Only the first {@link #MAX_RESULTS} results of a query are served:
 * deep offsets cost the database the whole prefix and nobody reads them; narrow the query instead.
 */
public record Paging(int page, int perPage) {
    public static final int DEFAULT_PER_PAGE = 20;
    public static final int MAX_PER_PAGE = 100;
    public static final int MAX_RESULTS = 1000;

    public static Paging parse(String page, String perPage) {
        int pp = number("per_page", perPage, DEFAULT_PER_PAGE);
        if (pp < 1 || pp > MAX_PER_PAGE) {
            throw new InvalidInputException("per_page", "per_page must be from 1 to " + MAX_PER_PAGE);
        }
        int p = number("page", page, 1);
        if (p < 1) {
            throw new InvalidInputException("page", "page starts at 1");
        }
        if ((long) (p - 1) * pp >= MAX_RESULTS) {
            throw new InvalidInputException("page", "only the first " + MAX_RESULTS
                    + " results are served (page * per_page <= " + MAX_RESULTS + "); narrow the query");
        }
        return new Paging(p, pp);
    }

    private static int number(String field, String text, int otherwise) {
        if (text == null || text.isEmpty()) {
            return otherwise;
        }
        if (!text.matches("[0-9]{1,9}")) {
            throw new InvalidInputException(field, field + " must be a whole number, not '" + PackageName.printable(text) + "'");
        }
        return Integer.parseInt(text);
    }

    public int offset() {
        return (page - 1) * perPage;
    }

    /** Whether a next page exists and may be asked for. */
    public boolean hasNext(long total) {
        long end = (long) page * perPage;
        return end < total && end < MAX_RESULTS;
    }
}
