package ai.asterai.registry.api;

import static ai.asterai.registry.api.SearchFixtures.component;
import static ai.asterai.registry.api.SearchFixtures.word;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import ai.asterai.protocol.release.Permissions;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server-rendered pages: content, escaping of untrusted text, headers, and errors as pages. */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class WebPagesTest {
    static final String HOSTILE = "<script>alert(1)</script> & \"quoted\" <b>bold</b>";

    static Permissions permissions() {
        return new Permissions(List.of(new Permissions.FileGrant("/data", "rw")), List.of("https://api.example.com:443"),
                List.of("API_KEY"), 16_777_216L, 5000L, List.of());
    }

    @Test
    void searchAndPackageAndNamespacePagesEscapeUntrustedText() {
        Fixtures.Publisher p = Fixtures.publisher();
        String w = word(), ns = p.namespace();
        String witExtra = "/// Doc <img src=x onerror=alert(1)>\ninterface api {\n  // </code></pre><script>x</script>\n"
                + "  ask: func(q: string) -> result<string, string>;\n}\n\n";
        component(p, w, "1.0.0", "Old " + w, List.of("agent"), permissions(), witExtra, "export api;");
        component(p, w, "1.1.0", HOSTILE + " " + w, List.of("agent", "tool"), permissions(), witExtra, "export api;",
                "export run: func();");
        SearchFixtures.yank(p, w, "1.0.0");

        given().get("/").then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("<label for=\"q\">")).body(containsString("<main id=\"main\""));

        given().queryParam("q", w).get("/").then().statusCode(200)
                .body(containsString("href=\"/packages/" + ns + "/" + w + "\""))
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt;"))
                .body(not(containsString("<script>alert(1)")))
                .body(containsString("1 result"));

        String pkg = "/packages/" + ns + "/" + w;
        given().get(pkg).then().statusCode(200).header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(containsString("asterai pull " + ns + ":" + w + "@1.1.0"))
                .body(containsString("&lt;script&gt;alert(1)"))
                .body(not(containsString("<script>alert(1)")))
                .body(containsString("&lt;img src=x onerror=alert(1)&gt;"))
                .body(containsString("&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;"))
                .body(not(containsString("<img src=x")))
                .body(containsString("test:" + w + "/api@1.1.0"))
                .body(containsString("func:run"))
                .body(containsString("https://api.example.com:443"))
                .body(containsString("/data (read-write)"))
                .body(containsString("API_KEY"))
                .body(containsString(p.key().publicKey().keyId()))
                .body(containsString("<del>1.0.0</del>"))
                .body(containsString("sha256:"));
        given().get(pkg + "?version=1.0.0").then().statusCode(200).body(containsString("This version is yanked"))
                .body(containsString("asterai pull " + ns + ":" + w + "@1.0.0")).body(containsString("latest is 1.1.0"));

        given().get("/namespaces/" + ns).then().statusCode(200).body(containsString(ns + ":" + w))
                .body(containsString(p.key().publicKey().keyId())).body(containsString("&lt;script&gt;"));
    }

    @Test
    void errorsArePagesNot5xx() {
        given().get("/packages/nobody/nothing").then().statusCode(404).contentType(startsWith("text/html"))
                .body(containsString("does not exist"));
        given().get("/packages/Bad_Name/x").then().statusCode(404).contentType(startsWith("text/html"));
        given().get("/namespaces/nobody-here").then().statusCode(404).contentType(startsWith("text/html"));
        Fixtures.Publisher p = Fixtures.publisher();
        component(p, "pagever", "1.0.0", "x", List.of());
        given().get("/packages/" + p.namespace() + "/pagever?version=9.9.9").then().statusCode(404);
        given().get("/packages/" + p.namespace() + "/pagever?version=not-semver").then().statusCode(404);
        given().queryParam("sort", "<script>").get("/").then().statusCode(400).contentType(startsWith("text/html"))
                .body(containsString("Cannot search")).body(not(containsString("<script>")));
        given().queryParam("page", "9999").get("/").then().statusCode(400);
    }

    @Test
    void assetsAreServed() {
        given().get("/assets/app.css").then().statusCode(200).contentType(startsWith("text/css"));
        given().get("/assets/app.js").then().statusCode(200).body(containsString("textContent"));
        given().get("/assets/favicon.svg").then().statusCode(200);
    }
}
