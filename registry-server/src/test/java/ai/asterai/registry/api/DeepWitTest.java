package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue #11: WIT that nests without bound is a 400 naming the limit, not a stack overflow (500). */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class DeepWitTest {

    static String useChain(String pkg, String world, int n) {
        StringBuilder sb = new StringBuilder("package " + pkg + ";\n");
        for (int i = 0; i < n; i++) {
            sb.append("interface i").append(i).append(" { ")
                    .append(i + 1 < n ? "use i" + (i + 1) + ".{t}; " : "type t = u32; ").append("}\n");
        }
        return sb.append("world ").append(world).append(" { export i0; }\n").toString();
    }

    @Test
    void aChainOfFiveThousandUsesIsRefused() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release("deep", "1.0.0", p.key());
        r.wit = useChain("test:deep@1.0.0", "deep", 5000).getBytes(StandardCharsets.UTF_8);
        p.publish(r).then().statusCode(400).contentType("application/problem+json").body("field", equalTo("wit"))
                .body("detail", containsString("the limit is 100"));
        Fixtures.Release nested = new Fixtures.Release("deep", "1.0.0", p.key());
        nested.wit = ("package test:deep@1.0.0;\ninterface x { type t = " + "list<".repeat(5000) + "u8" + ">".repeat(5000)
                + "; }\nworld deep { export x; }\n").getBytes(StandardCharsets.UTF_8);
        p.publish(nested).then().statusCode(400).body("field", equalTo("wit")).body("detail", containsString("the limit is 100"));
        given().get("/v1/packages/" + p.namespace() + "/deep").then().statusCode(404);
    }
}
