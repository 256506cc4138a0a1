package ai.asterai.registry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Containers cannot start here, so check what can be checked: the deployment files parse, and every
 * setting they pass to the registry is one the registry reads and docs/operations.md documents.
 */
@QuarkusTest
@io.quarkus.test.common.QuarkusTestResource(ai.asterai.registry.testing.S3ProxyTestResource.class)
class DeploymentConfigTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void composeFileParsesAndHasTheProductionShape() throws IOException {
        JsonNode compose = YAML.readTree(ROOT.resolve("deploy/compose.yaml").toFile());
        JsonNode services = compose.get("services");
        for (String s : List.of("postgres", "minio", "registry", "proxy")) {
            assertTrue(services.has(s), "compose has service " + s);
            assertTrue(services.get(s).has("healthcheck"), s + " has a health check");
        }
        assertEquals(2, services.get("registry").get("deploy").get("replicas").asInt());
        assertTrue(compose.get("volumes").has("postgres-data") && compose.get("volumes").has("minio-data"));
        assertTrue(Files.exists(ROOT.resolve("deploy/nginx.conf")));
        assertTrue(Files.readString(ROOT.resolve("deploy/nginx.conf")).contains("server registry:8080"));
    }

    @Test
    void healthAndMetricsAreReachedOnTheManagementPortOnly() throws IOException {
        JsonNode registry = YAML.readTree(ROOT.resolve("deploy/compose.yaml").toFile()).get("services").get("registry");
        String check = registry.get("healthcheck").get("test").toString();
        assertTrue(check.contains("localhost:8090/q/health/ready"), check);
        assertFalse(Files.readString(ROOT.resolve("deploy/nginx.conf")).contains("8090"), "nginx never forwards the management port");
        for (JsonNode doc : kubernetesDocuments()) {
            String kind = doc.get("kind").asText();
            if ("ConfigMap".equals(kind) && doc.at("/metadata/name").asText().equals("asterai-registry")) {
                assertEquals("0.0.0.0", doc.at("/data/ASTERAI_MANAGEMENT_HOST").asText(), "probes come from the node");
            }
            if ("Deployment".equals(kind) && doc.at("/metadata/name").asText().equals("asterai-registry")) {
                assertEquals("8090", doc.at("/spec/template/metadata/annotations/prometheus.io~1port").asText());
                JsonNode c = doc.at("/spec/template/spec/containers/0");
                assertEquals("management", c.at("/readinessProbe/httpGet/port").asText());
                assertEquals("management", c.at("/livenessProbe/httpGet/port").asText());
                boolean declared = false;
                for (JsonNode port : c.get("ports")) {
                    declared |= port.path("name").asText().equals("management") && port.get("containerPort").asInt() == 8090;
                }
                assertTrue(declared, "container port 'management' is 8090");
            }
            if ("Service".equals(kind) && doc.at("/metadata/name").asText().equals("asterai-registry")) {
                for (JsonNode port : doc.at("/spec/ports")) {
                    assertFalse(port.path("targetPort").asText().equals("8090") || port.path("targetPort").asText().equals("management"),
                            "the Service does not expose the management port");
                }
            }
        }
    }

    @Test
    void kubernetesManifestsParse() throws IOException {
        List<String> kinds = new ArrayList<>();
        for (JsonNode doc : kubernetesDocuments()) {
            assertTrue(doc.has("apiVersion") && doc.has("kind") && doc.get("metadata").has("name"), "manifest " + doc);
            kinds.add(doc.get("kind").asText());
        }
        assertTrue(kinds.containsAll(List.of("Namespace", "Deployment", "Service", "Ingress", "StatefulSet", "ConfigMap")), kinds.toString());
    }

    @Test
    void everyDeploymentSettingIsReadByTheRegistryAndDocumented() throws IOException {
        Set<String> used = new TreeSet<>();
        services(YAML.readTree(ROOT.resolve("deploy/compose.yaml").toFile())).forEach(used::add);
        for (JsonNode doc : kubernetesDocuments()) {
            if ("ConfigMap".equals(doc.get("kind").asText()) && doc.get("metadata").get("name").asText().equals("asterai-registry")) {
                doc.get("data").fieldNames().forEachRemaining(used::add);
            }
            if ("Deployment".equals(doc.get("kind").asText())) {
                for (JsonNode c : doc.at("/spec/template/spec/containers")) {
                    for (JsonNode e : c.path("env")) {
                        used.add(e.get("name").asText());
                    }
                }
            }
        }
        assertFalse(used.isEmpty());
        Set<String> documented = documentedVariables();
        Set<String> known = knownVariables();
        for (String env : used) {
            assertTrue(documented.contains(env), env + " is used by the deployment but not documented in docs/operations.md");
        }
        for (String env : documented) {
            assertTrue(known.contains(env), env + " is documented but the registry reads no such setting");
        }
    }

    private static Stream<String> services(JsonNode compose) {
        List<String> names = new ArrayList<>();
        compose.get("services").get("registry").get("environment").fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    private static List<JsonNode> kubernetesDocuments() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/kubernetes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (YAMLParser parser = new YAMLFactory().createParser(f.toFile())) {
                    var it = YAML.readValues(parser, JsonNode.class);
                    while (it.hasNext()) {
                        JsonNode n = it.next();
                        if (n != null && !n.isNull() && !n.isEmpty()) {
                            docs.add(n);
                        }
                    }
                }
            }
        }
        return docs;
    }

    private static Set<String> documentedVariables() throws IOException {
        Set<String> vars = new TreeSet<>();
        Matcher m = Pattern.compile("^\\| `([A-Z0-9_]+)` \\|", Pattern.MULTILINE).matcher(Files.readString(ROOT.resolve("docs/operations.md")));
        while (m.find()) {
            vars.add(m.group(1));
        }
        return vars;
    }

    /** The environment form of every property the running registry knows, plus the expressions it reads. */
    private static Set<String> knownVariables() throws IOException {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        Set<String> known = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            known.add(envForm(name.replaceFirst("^%[a-z]+\\.", "")));
        }
        String props = Files.readString(ROOT.resolve("registry-server/src/main/resources/application.properties"));
        Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+):").matcher(props);
        while (m.find()) {
            known.add(m.group(1));
        }
        return known;
    }

    private static String envForm(String property) {
        return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }
}
