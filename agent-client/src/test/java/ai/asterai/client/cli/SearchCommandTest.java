package ai.asterai.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.testing.Cli;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asterai search} against a stand-in for {@code GET /v1/search} as specified (results and a
 * next link), since the registry's endpoint is built separately.
 */
class SearchCommandTest {
    @TempDir
    Path tmp;
    HttpServer server;
    String url;
    final List<String> queries = new CopyOnWriteArrayList<>();
    volatile String nextLink = "/v1/search?q=calc&cursor=2";

    static String hit(String name, String version, long downloads, String description) {
        return "{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"description\":\"" + description + "\",\"downloads\":"
                + downloads + ",\"exports\":[\"asterai:agent/tool@0.1.0\"],\"keyId\":\"65b60673d6ed884bf01c2c222d82ada0\","
                + "\"updatedAt\":\"2026-11-25T10:00:00Z\"}";
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/search", ex -> {
            String query = ex.getRequestURI().getRawQuery();
            queries.add(query);
            String body = query.contains("cursor=2")
                    ? "{\"results\":[" + hit("acme:calc-pro", "2.0.0", 7, "More math") + "],\"next\":null}"
                    : query.contains("q=none") ? "{\"results\":[],\"next\":null}"
                    : "{\"results\":[" + hit("asterai:calculator", "0.1.0", 1234, "Pure arithmetic \\u001b[31m")
                    + "],\"next\":" + (nextLink == null ? "null" : "\"" + nextLink + "\"") + "}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void printsATableAndFollowsNextLinks() {
        Cli.Result r = new Cli(tmp, tmp).ok("search", "calc", "--registry", url);
        List<String> lines = r.out().lines().toList();
        assertEquals("NAME                VERSION  DOWNLOADS  DESCRIPTION", lines.get(0));
        assertEquals("asterai:calculator  0.1.0    1234       Pure arithmetic ?[31m", lines.get(1));
        assertTrue(lines.get(2).startsWith("acme:calc-pro       2.0.0    7"), r::toString);
        assertEquals(List.of("q=calc", "q=calc&cursor=2"), queries);
    }

    @Test
    void limitsAndJson() {
        Cli.Result r = new Cli(tmp, tmp).ok("search", "calc", "--limit", "1", "--json", "--registry", url);
        assertTrue(r.out().contains("\"name\" : \"asterai:calculator\""), r::toString);
        assertTrue(r.out().contains("\"more\" : true"), r::toString);
        assertFalse(r.out().contains("acme:calc-pro"));
        assertEquals(1, queries.size(), "no page beyond the limit is fetched");
    }

    @Test
    void passesTheInterfaceFilter() {
        new Cli(tmp, tmp).ok("search", "--interface", "asterai:agent/tool", "--registry", url);
        assertEquals("q=&interface=asterai%3Aagent%2Ftool", queries.get(0));
    }

    @Test
    void saysWhenNothingMatches() {
        Cli.Result r = new Cli(tmp, tmp).ok("search", "none", "--registry", url);
        assertEquals("No packages match 'none'.", r.out().strip());
    }

    @Test
    void refusesANextLinkToAnotherHost() {
        nextLink = "http://elsewhere.example/v1/search?q=calc&cursor=2";
        Cli.Result r = new Cli(tmp, tmp).fails(3, "search", "calc", "--registry", url);
        assertTrue(r.err().contains("next-page link points to another host: elsewhere.example"), r::toString);
    }
}
