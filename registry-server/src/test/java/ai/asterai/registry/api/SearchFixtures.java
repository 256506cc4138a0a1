package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;

import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.Permissions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Publishes components and interface packages with chosen text and WIT, for search tests. */
final class SearchFixtures {
    private static final Random RANDOM = new Random();

    private SearchFixtures() {
    }

    /** A word no other test uses, so ranking assertions see only this test's packages. */
    static String word() {
        StringBuilder sb = new StringBuilder("q");
        for (int i = 0; i < 9; i++) {
            sb.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return sb.toString();
    }

    /** A component whose world has the given lines (e.g. {@code export ns:pkg/iface@1.0.0;}). */
    static void component(Fixtures.Publisher p, String name, String version, String description, List<String> keywords,
                          String... worldLines) {
        component(p, name, version, description, keywords, Permissions.NONE, "", worldLines);
    }

    static void component(Fixtures.Publisher p, String name, String version, String description, List<String> keywords,
                          Permissions permissions, String extraWit, String... worldLines) {
        Fixtures.Release r = new Fixtures.Release(name, version, p.key());
        StringBuilder wit = new StringBuilder("package test:" + name + "@" + version + ";\n\n" + extraWit + "world " + name + " {\n");
        for (String line : worldLines) {
            wit.append("  ").append(line).append('\n');
        }
        if (worldLines.length == 0) {
            wit.append("  export run: func() -> string;\n");
        }
        wit.append("}\n");
        r.wit = wit.toString().getBytes(StandardCharsets.UTF_8);
        r.manifest = new Manifest(p.namespace() + ":" + name, version, "component", description, keywords, "Apache-2.0",
                "test:" + name + "/" + name, permissions).toJson();
        p.publish(r).then().statusCode(201);
    }

    /** An interface package {@code ns:name@version} defining the given interfaces, each with one function. */
    static void interfacePackage(Fixtures.Publisher p, String name, String version, String description, String... interfaces) {
        Fixtures.Release r = new Fixtures.Release(name, version, p.key()).iface();
        StringBuilder wit = new StringBuilder("package " + p.namespace() + ":" + name + "@" + version + ";\n");
        for (String i : interfaces) {
            wit.append("\ninterface ").append(i).append(" {\n  call: func(input: string) -> string;\n}\n");
        }
        r.wit = wit.toString().getBytes(StandardCharsets.UTF_8);
        r.manifest = new Manifest(p.namespace() + ":" + name, version, "interface", description, List.of(), "Apache-2.0",
                null, Permissions.NONE).toJson();
        p.publish(r).then().statusCode(201);
    }

    static void yank(Fixtures.Publisher p, String name, String version) {
        given().header("Authorization", p.bearer()).post("/v1/packages/" + p.namespace() + "/" + name + "/versions/" + version + "/yank")
                .then().statusCode(200);
    }

    static void unyank(Fixtures.Publisher p, String name, String version) {
        given().header("Authorization", p.bearer()).post("/v1/packages/" + p.namespace() + "/" + name + "/versions/" + version + "/unyank")
                .then().statusCode(200);
    }
}
