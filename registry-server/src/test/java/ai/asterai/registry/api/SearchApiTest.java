package ai.asterai.registry.api;

import static ai.asterai.registry.api.SearchFixtures.component;
import static ai.asterai.registry.api.SearchFixtures.interfacePackage;
import static ai.asterai.registry.api.SearchFixtures.word;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /v1/search over the real PostgreSQL strategy (full-text with weights and pg_trgm). */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class SearchApiTest {

    private static List<String> names(String query) {
        return given().urlEncodingEnabled(false).get("/v1/search?" + query).then().statusCode(200).extract().jsonPath()
                .getList("results.name");
    }

    @Test
    void exactNameFirstThenNameKeywordDescription() {
        Fixtures.Publisher p = Fixtures.publisher();
        String w = word(), ns = p.namespace();
        // created in the reverse of the expected order, so insertion order cannot explain the result
        component(p, "inimport", "1.0.0", "Nothing to see", List.of());
        component(p, "indesc", "1.0.0", "Wraps the " + w + " service and more " + w, List.of("tool"));
        component(p, "inkeyword", "1.0.0", "A tool", List.of(w));
        component(p, w + "-tools", "1.0.0", "Helpers", List.of());
        component(p, w, "1.0.0", "The plain one", List.of());
        assertEquals(List.of(ns + ":" + w, ns + ":" + w + "-tools", ns + ":inkeyword", ns + ":indesc"), names("q=" + w));
        // the exact full name is the first result too, and so is a query in upper case
        assertEquals(ns + ":" + w, names("q=" + ns + ":" + w).get(0));
        assertEquals(ns + ":" + w, names("q=" + w.toUpperCase()).get(0));
    }

    @Test
    void exportedInterfacesRankAboveImportedOnes() {
        Fixtures.Publisher p = Fixtures.publisher();
        String w = word(), ns = p.namespace();
        interfacePackage(p, "api", "1.0.0", "Shared interfaces", w + "-store");
        component(p, "importer", "1.0.0", "Uses a store", List.of(), "import " + ns + ":api/" + w + "-store@1.0.0;");
        component(p, "exporter", "1.0.0", "Is a store", List.of(), "export " + ns + ":api/" + w + "-store@1.0.0;");
        List<String> found = names("q=" + w + "&namespace=" + ns);
        assertEquals(List.of(ns + ":api", ns + ":exporter", ns + ":importer").size(), found.size(), found::toString);
        assertTrue(found.indexOf(ns + ":exporter") < found.indexOf(ns + ":importer"), found::toString);
        // a word of the interface name alone finds it ("store" is a part of "<w>-store")
        assertTrue(names("q=" + w + "%20store&namespace=" + ns).contains(ns + ":exporter"));
    }

    @Test
    void resultsCarryTheLatestNonYankedVersionAndEveryField() {
        Fixtures.Publisher p = Fixtures.publisher();
        String w = word(), ns = p.namespace();
        component(p, w, "1.0.0", "First " + w, List.of("alpha"));
        component(p, w, "1.1.0", "Second " + w, List.of("beta", "gamma"), "export run: func() -> string;", "export stop: func();");
        component(p, w, "2.0.0-rc.1", "Pre-release " + w, List.of());

        JsonPath page = given().get("/v1/search?q=" + w).then().statusCode(200).contentType("application/json")
                .body("total", equalTo(1)).body("next", nullValue()).extract().jsonPath();
        Map<String, Object> hit = page.getMap("results[0]");
        assertEquals(ns + ":" + w, hit.get("name"));
        assertEquals("1.1.0", hit.get("version"), "a release beats a newer pre-release");
        assertEquals("component", hit.get("kind"));
        assertEquals("Second " + w, hit.get("description"), "text comes from the latest release's manifest");
        assertEquals(List.of("beta", "gamma"), hit.get("keywords"));
        assertEquals(List.of("func:run", "func:stop"), hit.get("exports"));
        assertEquals(p.key().publicKey().keyId(), hit.get("keyId"));
        assertEquals(0, hit.get("downloads"));
        assertTrue(hit.get("updatedAt").toString().matches("\\d{4}-\\d\\d-\\d\\dT.*"), hit::toString);

        SearchFixtures.yank(p, w, "1.1.0");
        given().get("/v1/search?q=" + w).then().body("results[0].version", equalTo("1.0.0"))
                .body("results[0].description", equalTo("First " + w));
        SearchFixtures.yank(p, w, "1.0.0");
        given().get("/v1/search?q=" + w).then().body("results[0].version", equalTo("2.0.0-rc.1"));
        SearchFixtures.yank(p, w, "2.0.0-rc.1");
        given().get("/v1/search?q=" + w).then().body("total", equalTo(0)).body("results", empty());
        SearchFixtures.unyank(p, w, "1.1.0");
        given().get("/v1/search?q=" + w).then().body("results[0].version", equalTo("1.1.0"));
    }

    @Test
    void concurrentPublishesLeaveTheHighestVersionSearchable() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        String w = word();
        int n = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String v = "1.0." + i;
                done.add(pool.submit(() -> {
                    start.await();
                    component(p, w, v, "Raced " + v, List.of());
                    return null;
                }));
            }
            start.countDown();
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // whatever order the transactions committed in, the projection shows the highest version
        given().get("/v1/search?q=" + w).then().body("total", equalTo(1)).body("results[0].version", equalTo("1.0.5"))
                .body("results[0].description", equalTo("Raced 1.0.5"));
    }

    @Test
    void downloadsAreCountedPerPackageAndSortable() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        String w = word(), ns = p.namespace();
        component(p, "few", "1.0.0", w, List.of());
        component(p, "many", "1.0.0", w, List.of());
        component(p, "many", "1.0.1", w, List.of());
        for (String v : List.of("1.0.0", "1.0.1", "1.0.1")) {
            given().get("/v1/packages/" + ns + "/many/versions/" + v + "/wasm").then().statusCode(200);
        }
        given().get("/v1/packages/" + ns + "/few/versions/1.0.0/wasm").then().statusCode(200);
        long deadline = System.currentTimeMillis() + 15_000;
        List<Integer> downloads;
        do {
            Thread.sleep(200);
            downloads = given().get("/v1/search?q=" + w + "&sort=downloads").then().statusCode(200).extract().jsonPath()
                    .getList("results.downloads");
        } while (!downloads.equals(List.of(2, 1)) && System.currentTimeMillis() < deadline);
        // one client: once per version (the repeat of 1.0.1 within the window does not count)
        assertEquals(List.of(2, 1), downloads, "per-package totals after the counter's flush");
        assertEquals(List.of(ns + ":many", ns + ":few"), names("q=" + w + "&sort=downloads"));
        given().get("/v1/packages/" + ns + "/many/versions/1.0.1").then().body("downloads", equalTo(1));
        // recent: last published first
        assertEquals(List.of(ns + ":many", ns + ":few"), names("namespace=" + ns + "&sort=recent"));
    }

    @Test
    void filtersByNamespaceKeywordAndInterface() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Publisher other = Fixtures.publisher();
        String w = word(), ns = p.namespace();
        interfacePackage(p, "llm", "1.0.0", "LLM interfaces", "chat");
        interfacePackage(p, "llm", "1.2.0", "LLM interfaces", "chat");
        component(p, "openai", "1.0.0", "Chat for " + w, List.of("llm", "chat"), "export " + ns + ":llm/chat@1.0.0;");
        component(p, "claude", "1.0.0", "Chat for " + w, List.of("llm"), "export " + ns + ":llm/chat@1.2.0;");
        component(p, "client", "1.0.0", "Uses chat " + w, List.of("chat"), "import " + ns + ":llm/chat@1.2.0;");
        component(other, "elsewhere", "1.0.0", "Chat for " + w, List.of("llm"));

        assertEquals(4, names("q=" + w).size());
        assertEquals(List.of(other.namespace() + ":elsewhere"), names("q=" + w + "&namespace=" + other.namespace()));
        assertEquals(List.of(ns + ":client", ns + ":openai"), sorted(names("q=" + w + "&keyword=chat")));
        assertEquals(List.of(ns + ":claude", ns + ":openai"), sorted(names("q=" + w + "&interface=" + ns + ":llm/chat")));
        assertEquals(List.of(ns + ":claude"), names("q=" + w + "&interface=" + ns + ":llm/chat@1.2.0"));
        assertEquals(List.of(), names("q=" + w + "&interface=" + ns + ":llm/chat@9.9.9"));
        // without q: browsing by interface lists the interface package that defines it as well
        assertEquals(List.of(ns + ":claude", ns + ":llm", ns + ":openai"), sorted(names("interface=" + ns + ":llm/chat")));
        // the interface filter's exports are shown in the results
        given().get("/v1/search?interface=" + ns + ":llm/chat@1.2.0&namespace=" + ns + "&keyword=llm").then()
                .body("results.name", contains(ns + ":claude")).body("results[0].exports", contains(ns + ":llm/chat@1.2.0"));
    }

    private static List<String> sorted(List<String> l) {
        List<String> s = new ArrayList<>(l);
        s.sort(null);
        return s;
    }

    @Test
    void pagesFollowNextLinksToTheEnd() {
        Fixtures.Publisher p = Fixtures.publisher();
        String w = word();
        for (int i = 0; i < 5; i++) {
            component(p, "pkg" + i, "1.0.0", "Page test " + w, List.of());
        }
        List<String> seen = new ArrayList<>();
        String next = "/v1/search?q=" + w + "%20test&per_page=2";
        int pages = 0;
        while (next != null) {
            JsonPath page = given().urlEncodingEnabled(false).get(next).then().statusCode(200).body("total", equalTo(5))
                    .extract().jsonPath();
            seen.addAll(page.getList("results.name"));
            next = page.getString("next");
            pages++;
            if (next != null) {
                assertTrue(next.startsWith("/v1/search?q=" + w + "%20test&page=" + (pages + 1) + "&per_page=2"), next);
            }
        }
        assertEquals(3, pages);
        assertEquals(5, seen.size());
        assertEquals(5, seen.stream().distinct().count(), seen::toString);
        // a page past the end is empty but still knows the total
        given().get("/v1/search?q=" + w + "&page=4&per_page=2").then().statusCode(200).body("results", empty())
                .body("total", equalTo(5)).body("next", nullValue());
        // the last allowed page of the window has no next link even when more match
        given().get("/v1/search?page=10&per_page=100").then().statusCode(200).body("next", nullValue());
    }

    @Test
    void stemsPrefixesAndTypos() {
        Fixtures.Publisher p = Fixtures.publisher();
        String w = word(), ns = p.namespace();
        component(p, "calculator", "1.0.0", "Evaluates arithmetic expressions " + w, List.of("math"));
        component(p, "fetcher", "1.0.0", "Fetches web pages " + w, List.of());
        assertEquals(List.of(ns + ":calculator"), names("q=evaluating%20" + w));
        assertEquals(List.of(ns + ":calculator"), names("q=calc&namespace=" + ns));
        assertEquals(List.of(ns + ":fetcher"), names("q=fetching%20" + w));
        assertEquals(ns + ":calculator", names("q=calculater&namespace=" + ns).get(0), "pg_trgm similarity finds a typo");
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("per_page=0", "per_page");
        cases.put("per_page=101", "per_page");
        cases.put("per_page=ten", "per_page");
        cases.put("per_page=-1", "per_page");
        cases.put("page=0", "page");
        cases.put("page=-3", "page");
        cases.put("page=1.5", "page");
        cases.put("page=99999999999", "page");
        cases.put("page=11&per_page=100", "page");
        cases.put("page=51", "page");
        cases.put("sort=popular", "sort");
        cases.put("interface=nocolon", "interface");
        cases.put("interface=a:b/c@1.0", "interface");
        cases.put("interface=A:B/C", "interface");
        cases.put("namespace=Not_A_Label", "namespace");
        cases.put("keyword=UPPER", "keyword");
        cases.put("keyword=" + "k".repeat(41), "keyword");
        cases.put("q=" + "x".repeat(201), "q");
        cases.put("q=a%00b", "q");
        cases.forEach((query, field) -> given().urlEncodingEnabled(false).get("/v1/search?" + query).then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400)).body("field", equalTo(field))
                .body("detail", notNullValue()));
    }

    @Test
    void hostileQueriesAreJustText() {
        Fixtures.Publisher p = Fixtures.publisher();
        String w = word();
        component(p, w, "1.0.0", "Hostile query target", List.of());
        for (String q : List.of("'", "\"", "\\", "a & b", "!x | y", "(a", ":*", "<->", "'; drop table packages; --",
                "%", "_", "100%", "ünïcödé", "日本語", "*", "x:*&y", "a'b:*", "--", "/**/")) {
            given().queryParam("q", q).get("/v1/search").then().statusCode(200).body("results", notNullValue());
        }
        given().queryParam("q", w + " & '").get("/v1/search").then().statusCode(200).body("results.name", hasItem(p.namespace() + ":" + w));
        given().queryParam("q", "%").get("/v1/search").then().statusCode(200).body("results.name", not(hasItem("%")));
        // search still works afterwards, and the tables are there
        given().get("/v1/search?q=" + w).then().statusCode(200).body("results", hasSize(1));
    }

    @Test
    void emptyQueryBrowsesEverything() {
        Fixtures.Publisher p = Fixtures.publisher();
        component(p, "browse-a", "1.0.0", "One", List.of());
        component(p, "browse-b", "1.0.0", "Two", List.of());
        given().get("/v1/search").then().statusCode(200).body("total", notNullValue()).body("results", notNullValue());
        given().get("/v1/search?q=%20%20").then().statusCode(200);
        given().get("/v1/search?q=&per_page=1").then().statusCode(200).body("next", containsString("page=2"));
    }
}
