package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.Permissions;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Published WIT goes through the shared resolver; deps come from interface packages in the registry. */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class WitIndexingTest {

    @Test
    void componentExportsAndImportsAreIndexedWithDepsFromTheRegistry() {
        Fixtures.Publisher p = Fixtures.publisher();
        String ns = p.namespace();
        Fixtures.Release api = new Fixtures.Release("tools", "1.0.0", p.key()).iface();
        api.wit = ("package " + ns + ":tools@1.0.0;\n\n/// A tool.\ninterface tool {\n  record info { name: string }\n"
                + "  describe: func() -> info;\n  call: func(args: string) -> result<string, string>;\n}\n\n"
                + "interface logger {\n  log: func(msg: string);\n}\n").getBytes(StandardCharsets.UTF_8);
        p.publish(api).then().statusCode(201).body("exports", containsInAnyOrder(ns + ":tools/tool@1.0.0", ns + ":tools/logger@1.0.0"))
                .body("witPackage", equalTo(ns + ":tools@1.0.0"));

        Fixtures.Release comp = new Fixtures.Release("calc", "0.1.0", p.key());
        comp.wit = ("package " + ns + ":calc@0.1.0;\n\nworld calc {\n  import " + ns + ":tools/logger@1.0.0;\n"
                + "  export " + ns + ":tools/tool@1.0.0;\n  export version: func() -> string;\n}\n").getBytes(StandardCharsets.UTF_8);
        comp.manifest = new Manifest(ns + ":calc", "0.1.0", "component", "calc", List.of(), null, ns + ":calc/calc",
                Permissions.NONE).toJson();
        p.publish(comp).then().statusCode(201)
                .body("exports", containsInAnyOrder(ns + ":tools/tool@1.0.0", "func:version"))
                .body("imports", containsInAnyOrder(ns + ":tools/logger@1.0.0"));
        given().get("/v1/packages/" + ns + "/calc/versions/0.1.0").then()
                .body("exports", containsInAnyOrder(ns + ":tools/tool@1.0.0", "func:version"));
    }

    @Test
    void invalidWitIsRefusedWithALocatedMessage() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release("badwit", "1.0.0", p.key());
        r.wit = "package test:badwit@1.0.0;\n\nworld badwit {\n  export run: func() -> strin;\n}\n".getBytes(StandardCharsets.UTF_8);
        p.publish(r).then().statusCode(400).contentType("application/problem+json").body("field", equalTo("wit"))
                .body("detail", matchesPattern("(?s)WIT does not resolve: package\\.wit:4:\\d+: .*"));
        r.wit = "package test:badwit@1.0.0;\n\nworld badwit {\n  export run: func(".getBytes(StandardCharsets.UTF_8);
        p.publish(r).then().statusCode(400).body("field", equalTo("wit")).body("detail", containsString("package.wit:"));
        given().get("/v1/packages/" + p.namespace() + "/badwit").then().statusCode(404);
    }

    @Test
    void missingDependencyAndMissingWorldAreRefused() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release("nodep", "1.0.0", p.key());
        r.wit = "package test:nodep@1.0.0;\n\nworld nodep {\n  import nowhere:thing/api@9.9.9;\n}\n".getBytes(StandardCharsets.UTF_8);
        p.publish(r).then().statusCode(400).body("field", equalTo("wit")).body("detail", containsString("nowhere:thing"));

        Fixtures.Release w = new Fixtures.Release("noworld", "1.0.0", p.key());
        w.manifest = new Manifest(p.namespace() + ":noworld", "1.0.0", "component", null, List.of(), null,
                "test:noworld/elsewhere", Permissions.NONE).toJson();
        p.publish(w).then().statusCode(400).body("field", equalTo("manifest.world"));
    }

    @Test
    void interfaceWitMustNameTheReleaseAndVersion() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release("iname", "1.0.0", p.key()).iface();
        r.wit = "package other:iname@1.0.0;\ninterface i { f: func(); }\n".getBytes(StandardCharsets.UTF_8);
        p.publish(r).then().statusCode(400).body("field", equalTo("wit")).body("detail", containsString("must be"));
        r.wit = ("package " + p.namespace() + ":iname@2.0.0;\ninterface i { f: func(); }\n").getBytes(StandardCharsets.UTF_8);
        p.publish(r).then().statusCode(400).body("field", equalTo("wit"));
    }
}
