package ai.asterai.registry.search;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.name.PackageName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A validated search: the text (lower case, trimmed), its words, filters, order and page.
 * Words are runs of letters and digits, so nothing a client types reaches SQL or tsquery syntax.
 */
public record SearchQuery(String text, List<String> words, InterfaceId iface, String namespace, String keyword,
                          Sort sort, Paging paging) {
    public static final int MAX_TEXT = 200;
    public static final int MAX_WORDS = 8;

    public enum Sort {
        RELEVANCE, DOWNLOADS, RECENT;

        static Sort parse(String s) {
            if (s == null || s.isEmpty()) {
                return RELEVANCE;
            }
            return switch (s) {
                case "relevance" -> RELEVANCE;
                case "downloads" -> DOWNLOADS;
                case "recent" -> RECENT;
                default -> throw new InvalidInputException("sort", "sort must be relevance, downloads or recent, not '"
                        + PackageName.printable(s) + "'");
            };
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static SearchQuery parse(String q, String iface, String namespace, String keyword, String sort,
                                    String page, String perPage) {
        String text = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        if (text.length() > MAX_TEXT) {
            throw new InvalidInputException("q", "q is longer than " + MAX_TEXT + " characters");
        }
        if (text.chars().anyMatch(ch -> ch < 0x20 && ch != '\t')) {
            throw new InvalidInputException("q", "q contains control characters");
        }
        Set<String> words = new LinkedHashSet<>();
        for (String w : text.split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty() && words.size() < MAX_WORDS) {
                words.add(w.length() > 64 ? w.substring(0, 64) : w);
            }
        }
        InterfaceId id = iface == null || iface.isEmpty() ? null : InterfaceId.parse("interface", iface);
        String ns = namespace == null || namespace.isEmpty() ? null : PackageName.requireLabel("namespace", namespace);
        String kw = null;
        if (keyword != null && !keyword.isEmpty()) {
            if (!keyword.matches("[a-z0-9][a-z0-9-]{0,39}")) {
                throw new InvalidInputException("keyword", "keyword '" + PackageName.printable(keyword)
                        + "' is invalid: keywords are 1-40 characters a-z, 0-9 and '-'");
            }
            kw = keyword;
        }
        return new SearchQuery(text, new ArrayList<>(words), id, ns, kw, Sort.parse(sort), Paging.parse(page, perPage));
    }

    public boolean hasText() {
        return !words.isEmpty();
    }
}
