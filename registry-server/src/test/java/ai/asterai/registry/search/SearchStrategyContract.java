package ai.asterai.registry.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.name.VersionRange;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database's search must do, run over JDBC against a freshly migrated database of each
 * kind: {@link H2SearchTest} (the embedded default's H2, in memory) and {@link PostgresSearchTest}.
 */
abstract class SearchStrategyContract {
    protected Connection c;
    protected SearchStrategy strategy;
    protected Catalog catalog;

    /** A connection to a database migrated with common + this kind's migrations. */
    protected abstract Connection open() throws Exception;

    protected abstract SearchStrategy strategy(Connection c) throws SQLException;

    protected void close() throws Exception {
        c.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        c = open();
        strategy = strategy(c);
        catalog = new Catalog(c);
    }

    @AfterEach
    void tearDown() throws Exception {
        close();
    }

    protected SearchStrategy.Found find(String q, String iface, String ns, String kw, String sort, String page, String perPage)
            throws SQLException {
        return strategy.find(c, SearchQuery.parse(q, iface, ns, kw, sort, page, perPage));
    }

    protected List<String> names(String q) throws SQLException {
        return find(q, null, null, null, null, null, null).hits().stream().map(SearchHit::name).toList();
    }

    @Test
    void exactNameThenNameThenKeywordsThenDescription() throws SQLException {
        catalog.component("acme:other", "Nothing relevant", List.of("misc"), List.of())
                .component("acme:indesc", "Talks to the vector store", List.of("misc"), List.of())
                .component("acme:inkeyword", "A database", List.of("vector"), List.of())
                .component("acme:vector-db", "A database", List.of(), List.of())
                .component("zeta:vector", "The plain one", List.of(), List.of());
        assertEquals(List.of("zeta:vector", "acme:vector-db", "acme:inkeyword", "acme:indesc"), names("vector"));
        assertEquals("zeta:vector", names("zeta:vector").get(0));
        assertEquals("zeta:vector", names("  VECTOR ").get(0));
    }

    @Test
    void aNameEqualToOneWordBeatsNamesThatStartWithIt() throws SQLException {
        catalog.component("acme:weather-alerts", "Severe weather alerts, now", List.of("weather", "alerts"), List.of())
                .component("acme:weather", "Current weather, now", List.of("weather"), List.of());
        assertEquals(List.of("acme:weather", "acme:weather-alerts"), names("weather now"));
    }

    @Test
    void everyWordMustMatch() throws SQLException {
        catalog.component("acme:http-client", "Makes HTTP requests", List.of(), List.of())
                .component("acme:http-server", "Serves HTTP", List.of(), List.of());
        assertEquals(List.of("acme:http-client"), names("http client"));
        assertEquals(List.of(), names("http nothingmatches"));
    }

    @Test
    void exportsRankAboveImportsAndFuncNamesAreSearchable() throws SQLException {
        catalog.release("acme:user", "1.0.0", "component", "Uses it", List.of(), List.of(), List.of("wasi:keyvalue/store@0.2.0"))
                .release("acme:impl", "1.0.0", "component", "Provides it", List.of(), List.of("wasi:keyvalue/store@0.2.0"), List.of())
                .release("acme:fn", "1.0.0", "component", "Functions", List.of(), List.of("func:summarize"), List.of());
        assertEquals(List.of("acme:impl", "acme:user"), names("keyvalue"));
        assertEquals(List.of("acme:fn"), names("summarize"));
    }

    @Test
    void latestNonYankedReleaseIsWhatIsShown() throws SQLException {
        catalog.release("acme:tool", "1.0.0", "component", "First", List.of("one"), List.of(), List.of())
                .release("acme:tool", "1.2.0", "component", "Second", List.of("two"), List.of("acme:api/x@1.0.0"), List.of())
                .release("acme:tool", "2.0.0-beta.1", "component", "Beta", List.of(), List.of(), List.of());
        SearchHit hit = find("tool", null, null, null, null, null, null).hits().get(0);
        assertEquals("1.2.0", hit.version());
        assertEquals("Second", hit.description());
        assertEquals(List.of("two"), hit.keywords());
        assertEquals(List.of("acme:api/x@1.0.0"), hit.exports());
        assertEquals("k".repeat(32), hit.keyId());
        catalog.yank("acme:tool", "1.2.0");
        assertEquals("1.0.0", find("tool", null, null, null, null, null, null).hits().get(0).version());
        assertEquals(List.of(), names("two"), "the yanked release's keywords are gone");
        catalog.yank("acme:tool", "1.0.0").yank("acme:tool", "2.0.0-beta.1");
        assertEquals(List.of(), names("tool"));
    }

    @Test
    void filtersAndSorts() throws SQLException {
        catalog.component("acme:a", "Chat model", List.of("llm", "chat"), List.of("acme:llm/chat@1.0.0"))
                .component("acme:b", "Chat model", List.of("llm"), List.of("acme:llm/chat@1.2.0"))
                .component("other:c", "Chat model", List.of("chat"), List.of("acme:llm/chat-ext@1.0.0"))
                .downloads("acme:a", 5).downloads("acme:b", 50).downloads("other:c", 1);
        // a has "chat" as a keyword too, which outweighs b's downloads
        assertEquals(List.of("acme:a", "acme:b"), names(find("chat", null, "acme", null, null, null, null)));
        assertEquals(List.of("acme:b", "acme:a"), names(find("model", null, "acme", null, null, null, null)));
        assertEquals(List.of("acme:a", "other:c"), names(find("", null, null, "chat", null, null, null)));
        assertEquals(List.of("acme:b", "acme:a"), names(find("", "acme:llm/chat", null, null, null, null, null)));
        assertEquals(List.of("acme:a"), names(find(null, "acme:llm/chat@1.0.0", null, null, null, null, null)));
        assertEquals(List.of("acme:b", "acme:a", "other:c"), names(find("", null, null, null, "downloads", null, null)));
        assertEquals(List.of("other:c", "acme:b", "acme:a"), names(find("", null, null, null, "recent", null, null)));
        // a keyword is a whole word: "ll" is not "llm"
        assertEquals(List.of(), names(find("", null, null, "ll", null, null, null)));
    }

    @Test
    void pagesAndTotals() throws SQLException {
        for (int i = 0; i < 7; i++) {
            catalog.component("acme:pkg" + i, "Paged thing", List.of(), List.of()).downloads("acme:pkg" + i, i);
        }
        SearchStrategy.Found first = find("paged", null, null, null, null, "1", "3");
        assertEquals(7, first.total());
        assertEquals(List.of("acme:pkg6", "acme:pkg5", "acme:pkg4"), names(first));
        SearchStrategy.Found last = find("paged", null, null, null, null, "3", "3");
        assertEquals(List.of("acme:pkg0"), names(last));
        assertEquals(7, last.total());
        SearchStrategy.Found past = find("paged", null, null, null, null, "9", "3");
        assertEquals(List.of(), past.hits());
        assertEquals(7, past.total(), "a page past the end still counts the matches");
    }

    @Test
    void hostileTextIsOnlyText() throws SQLException {
        catalog.component("acme:target", "Quote ' and percent % inside", List.of(), List.of());
        for (String q : List.of("'", "%", "_", "\\", "a & b", "!x | y", "(", ":*", "<->", "'; drop table packages; --", "日本語")) {
            find(q, null, null, null, null, null, null);
        }
        assertEquals(List.of("acme:target"), names("target '"));
        assertEquals(1, names("%").size(), "punctuation alone browses, it does not match everything as a wildcard");
        assertThrows(InvalidInputException.class, () -> SearchQuery.parse("x".repeat(201), null, null, null, null, null, null));
    }

    @Test
    void implementationsByInterfaceVersion() throws SQLException {
        catalog.component("acme:old", "Old", List.of(), List.of("wasi:kv/store@1.0.0"))
                .component("acme:mid", "Mid", List.of(), List.of("wasi:kv/store@1.4.0"))
                .component("acme:new", "New", List.of(), List.of("wasi:kv/store@2.0.0"))
                .component("acme:bare", "Unversioned", List.of(), List.of("wasi:kv/store"))
                .release("wasi:kv", "1.0.0", "interface", "The interface package", List.of(), List.of("wasi:kv/store@1.0.0"), List.of());
        ImplementationFinder finder = new ImplementationFinder();
        InterfaceId store = InterfaceId.parse("interface", "wasi:kv/store");
        assertEquals(List.of("acme:new", "acme:mid", "acme:old", "acme:bare"),
                finder.find(c, store, null).stream().map(Implementation::name).toList());
        assertEquals(List.of("acme:mid", "acme:old"),
                finder.find(c, store, VersionRange.parse("^1.0")).stream().map(Implementation::name).toList());
        Implementation mid = finder.find(c, store, VersionRange.parse("~1.4")).get(0);
        assertEquals("wasi:kv/store@1.4.0", mid.exported());
        assertEquals("1.4.0", mid.interfaceVersion());
        assertTrue(finder.find(c, InterfaceId.parse("interface", "wasi:kv/other"), null).isEmpty());
    }

    private static List<String> names(SearchStrategy.Found f) {
        return f.hits().stream().map(SearchHit::name).toList();
    }
}
