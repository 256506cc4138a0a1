package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.Permissions;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Components built by real toolchains (examples/components) published over HTTP with the registry's
 * default upload limit (50 MiB: the 12 MB componentize-js components fit): accepted, indexed by the
 * world of their binary and found by interface; a WIT whose world disagrees and damaged binaries
 * are 400 problems naming the difference or the byte offset.
 */
@QuarkusTest
@TestProfile(ComponentPublishTest.DefaultUploadLimit.class)
@QuarkusTestResource(S3ProxyTestResource.class)
class ComponentPublishTest {
    /** The shipped upload limit instead of the tests' 2 MiB. */
    public static class DefaultUploadLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("asterai.max-upload-size", "50M", "quarkus.http.limits.max-body-size", "50M");
        }
    }

    private static final Path EXAMPLES = examples();

    private static Path examples() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.isDirectory(d.resolve("examples/components"))) {
            d = d.getParent();
        }
        return d == null ? null : d.resolve("examples");
    }

    private static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(EXAMPLES.resolve(relative));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String text(String relative) {
        return new String(bytes(relative), StandardCharsets.UTF_8);
    }

    private static Fixtures.Release component(Fixtures.Publisher p, String name, String version, byte[] wasm, String wit, String world) {
        Fixtures.Release r = new Fixtures.Release(name, version, p.key());
        r.wasm = wasm;
        r.wit = wit.getBytes(StandardCharsets.UTF_8);
        r.manifest = new Manifest(p.namespace() + ":" + name, version, "component", "A component built by a real toolchain",
                List.of("component"), "Apache-2.0", world, Permissions.NONE).toJson();
        return r;
    }

    /** The namespace {@code asterai} with the interface packages the calculator's WIT depends on. */
    private static Fixtures.Publisher asterai() {
        given().header("Authorization", Fixtures.ADMIN).contentType("application/json").body(Map.of("name", "asterai"))
                .post("/v1/namespaces").then().statusCode(201);
        SigningKey key = SigningKey.generate();
        given().header("Authorization", Fixtures.ADMIN).contentType("application/json")
                .body(Map.of("publicKey", key.publicKey().toString(), "label", "first"))
                .post("/v1/namespaces/asterai/keys").then().statusCode(201);
        Fixtures.Publisher p = new Fixtures.Publisher("asterai", key, Fixtures.token(List.of("asterai"), List.of("publish"), null));
        for (String iface : List.of("log", "agent")) {
            Fixtures.Release r = new Fixtures.Release(iface, "0.1.0", key).iface();
            r.wit = bytes("../wit/" + iface + "/" + (iface.equals("log") ? "logger.wit" : "agent.wit"));
            p.publish(r).then().statusCode(201);
        }
        return p;
    }

    @Test
    void realComponentsPublishAndAreFoundByInterface() {
        Fixtures.Publisher asterai = asterai();
        asterai.publish(component(asterai, "calculator", "0.1.0", bytes("components/c-calculator/calculator.wasm"),
                        text("calculator/wit/calculator.wit"), "asterai:calculator/calculator@0.1.0"))
                .then().statusCode(201).body("exports", containsInAnyOrder("asterai:calculator/calc@0.1.0", "asterai:agent/tool@0.1.0"));

        Fixtures.Publisher p = Fixtures.publisher();
        long t0 = System.nanoTime();
        p.publish(component(p, "kitchen-sink", "0.1.0", bytes("components/js-kitchen-sink/kitchen-sink.wasm"),
                        text("components/js-kitchen-sink/wit/kitchen-sink.wit"), "asterai:kitchen-sink/kitchen-sink@0.1.0"))
                .then().statusCode(201)
                .body("exports", containsInAnyOrder("asterai:kitchen-sink/values@0.1.0", "asterai:kitchen-sink/counters@0.1.0", "func:version"));
        System.out.printf("kitchen sink (12 MB) published in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        p.publish(component(p, "wasi-clock", "0.1.0", bytes("components/js-wasi/wasi-clock.wasm"),
                        text("components/js-wasi/wit/wasi-clock.wit"), "asterai:wasi-clock/wasi-clock@0.1.0"))
                .then().statusCode(201).body("exports", equalTo(List.of("asterai:wasi-clock/clock@0.1.0")))
                .body("imports", hasItems("wasi:cli/stdout@0.2.12", "wasi:clocks/wall-clock@0.2.12", "wasi:random/random@0.2.12"));

        given().get("/v1/interfaces/asterai:agent/tool/implementations").then().statusCode(200)
                .body("results.name", hasItem("asterai:calculator")).body("results[0].interface", equalTo("asterai:agent/tool@0.1.0"));
        given().get("/v1/interfaces/asterai:kitchen-sink/counters/implementations?version=^0.1").then().statusCode(200)
                .body("results.name", equalTo(List.of(p.namespace() + ":kitchen-sink")));
        given().queryParam("interface", "asterai:wasi-clock/clock").get("/v1/search").then().statusCode(200)
                .body("results.name", equalTo(List.of(p.namespace() + ":wasi-clock")));
        // imports of the binary are indexed too, and the WASI ones are not exports
        given().get("/v1/interfaces/wasi:cli/stdout/implementations").then().statusCode(200)
                .body("results.name", not(hasItem(p.namespace() + ":wasi-clock")));
        given().get("/v1/packages/" + p.namespace() + "/kitchen-sink/versions/0.1.0/wasm").then().statusCode(200)
                .header("Content-Length", String.valueOf(bytes("components/js-kitchen-sink/kitchen-sink.wasm").length));
    }

    @Test
    void aComponentWhoseWorldDisagreesWithItsWitIsRefused() {
        Fixtures.Publisher p = Fixtures.publisher();
        String wit = text("components/js-kitchen-sink/wit/kitchen-sink.wit").replace("    export counters;\n", "");
        // the sink's 12 MB are over no limit here: refused for its world, not its size
        p.publish(component(p, "disagrees", "0.1.0", bytes("components/js-kitchen-sink/kitchen-sink.wasm"), wit,
                        "asterai:kitchen-sink/kitchen-sink@0.1.0"))
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("wasm"))
                .body("detail", equalTo("part 'wasm' does not match world `asterai:kitchen-sink/kitchen-sink@0.1.0`: the component"
                        + " exports `asterai:kitchen-sink/counters@0.1.0` but world `asterai:kitchen-sink/kitchen-sink@0.1.0` does not"));
        String calc = text("calculator/wit/calculator.wit").replace("eval: func(expr: string) -> result<f64, string>;",
                "eval: func(expr: string) -> result<f64>;");
        String deps = "\npackage asterai:agent@0.1.0 {\n  interface tool {\n    record tool-info { name: string, description: string,"
                + " parameters-schema: string }\n    describe: func() -> tool-info;\n    call: func(arguments-json: string) -> result<string, string>;\n  }\n}\n";
        p.publish(component(p, "signature", "0.1.0", bytes("components/c-calculator/calculator.wasm"), calc + deps,
                        "asterai:calculator/calculator@0.1.0"))
                .then().statusCode(400).body("field", equalTo("wasm"))
                .body("detail", containsString("export `asterai:calculator/calc@0.1.0`, function `eval`, result: `string` in the component, nothing in the WIT"));
        given().get("/v1/packages/" + p.namespace() + "/disagrees").then().statusCode(404);
        given().get("/v1/packages/" + p.namespace() + "/signature").then().statusCode(404);
    }

    @Test
    void damagedComponentsAreRefusedWith400NamingTheOffset() {
        Fixtures.Publisher p = Fixtures.publisher();
        byte[] good = bytes("components/c-calculator/calculator.wasm");
        String wit = text("calculator/wit/calculator.wit") + "\npackage asterai:agent@0.1.0 {\n  interface tool {\n"
                + "    record tool-info { name: string, description: string, parameters-schema: string }\n"
                + "    describe: func() -> tool-info;\n    call: func(arguments-json: string) -> result<string, string>;\n  }\n}\n";
        int i = 0;
        for (int cut : new int[] {9, 100, good.length / 2, good.length - 1}) {
            p.publish(component(p, "cut" + i++, "0.1.0", Arrays.copyOf(good, cut), wit, "asterai:calculator/calculator@0.1.0"))
                    .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("wasm"))
                    .body("detail", matchesPattern("(?s).* at byte \\d+.*"));
        }
        // one bit flipped in the header and in the component's own sections (its core module ends at byte
        // 55108): a version, a section id, a label, an index, an extern name, a function index
        Map<Integer, String> flips = new java.util.LinkedHashMap<>();
        flips.put(4, "malformed WebAssembly at byte 4: unsupported binary version 77 / layer 1");
        flips.put(8, "malformed WebAssembly at byte 8: unknown component section id 65");
        flips.put(55148, "invalid component at byte 55134: record field name `descr)ption` is not in kebab case");
        flips.put(55628, "invalid component at byte 55625: unknown core instance 64");
        flips.put(56028, "invalid component at byte 56024: `fi\"` is not a valid extern name");
        flips.put(56068, "invalid component at byte 56053: unknown func 67");
        i = 0;
        for (Map.Entry<Integer, String> flip : flips.entrySet()) {
            byte[] bad = good.clone();
            bad[flip.getKey()] ^= 0x40;
            p.publish(component(p, "flip" + i++, "0.1.0", bad, wit, "asterai:calculator/calculator@0.1.0"))
                    .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("wasm"))
                    .body("detail", containsString(flip.getValue()));
        }
        // with the WIT it was built from (a dependency inline), the intact binary is accepted
        p.publish(component(p, "intact", "0.1.0", good, wit, "asterai:calculator/calculator@0.1.0")).then().statusCode(201);
    }
}
