import ai.asterai.protocol.release.Permissions;
import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.ComponentSource;
import ai.asterai.runtime.LoadedComponent;
import ai.asterai.runtime.RuntimeOptions;
import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.sandbox.GrantFlags;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * bench/wasi-http: a wasi:http GET round trip to a local server from the js-fetch component
 * (componentize-js; fetch() through wasi:http/outgoing-handler) in the Java runtime and in the
 * reference host (jco transpile + Node with preview2-shim), pair by pair: each round runs a block of
 * calls on each side, Java first in odd rounds and Node first in even ones, both warm. One HTTP
 * server (in this JVM, JDK's HttpServer) answers both.
 *
 *   java WasiHttpBench EXAMPLES_DIR TRANSPILED_DIR ENGINE ROUNDS CALLS
 */
public final class WasiHttpBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path examples = Path.of(args[0]);
        Path transpiled = Path.of(args[1]);
        EngineKind engine = EngineKind.parse(args[2]);
        int rounds = Integer.parseInt(args[3]);
        int calls = Integer.parseInt(args[4]);
        byte[] body = "hello from the bench server".getBytes(StandardCharsets.UTF_8);
        // without TCP_NODELAY the JDK server's separate header and body writes meet the JDK client's
        // delayed ACK: about 45 ms per request for the Java side only (measured; Node's client is not hit)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        java.util.concurrent.ExecutorService handlers = java.util.concurrent.Executors.newFixedThreadPool(2);
        server.setExecutor(handlers);
        server.start();
        String origin = "http://127.0.0.1:" + server.getAddress().getPort();
        String url = origin + "/hello";
        String expected = "200 hello from the bench server";
        Path tmp = Files.createTempDirectory("wasi-http-bench");
        Process node = new ProcessBuilder("node", examples.resolve("../bench/wasi-http/node-fetch.mjs").normalize().toString(),
                transpiled.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (ComponentRuntime runtime = new ComponentRuntime(RuntimeOptions.defaults().withEngine(engine));
             BufferedReader fromNode = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
             Writer toNode = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
            if (!"ready".equals(fromNode.readLine())) {
                throw new IllegalStateException("the Node side did not start (its output above)");
            }
            long t0 = System.nanoTime();
            byte[] wasm = Files.readAllBytes(examples.resolve("components/js-fetch/js-fetch.wasm"));
            Permissions declares = new Permissions(List.of(), List.of(origin), List.of(), null, 60_000L, List.of());
            LoadedComponent c = runtime.load(new ComponentSource("asterai:js-fetch", "0.1.0", wasm, null, null, declares, "bench"),
                    GrantFlags.parse(List.of(), List.of(origin), List.of(), List.of(), false, null, null, tmp));
            System.out.printf("java.%s.load_to_ready %.1f ms%n", engine.name().toLowerCase(), (System.nanoTime() - t0) / 1e6);
            JsonNode arg = JSON.createArrayNode().add(url);
            JsonNode want = JSON.createObjectNode().put("ok", expected);
            Body java = () -> {
                JsonNode r = c.call("get", arg);
                if (!r.equals(want)) {
                    throw new IllegalStateException("the Java side got " + r);
                }
            };
            // warm-up, untimed
            samples(Math.max(20, calls / 5), java);
            nodeBlock(toNode, fromNode, Math.max(20, calls / 5), url, expected);
            // the floor: the host's HTTP client alone (what OutgoingHttp uses), same server, no guest
            HttpClient client = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            HttpRequest plain = HttpRequest.newBuilder(URI.create(url)).build();
            Body direct = () -> client.send(plain, HttpResponse.BodyHandlers.ofByteArray());
            samples(200, direct);
            long[] floor = samples(Math.max(200, calls), direct);
            System.out.printf("java.httpclient_only.get_p50 %.0f us%n", p(floor, 0.5));
            System.out.printf("java.httpclient_only.get_p99 %.0f us%n", p(floor, 0.99));
            double[] ratios = new double[rounds];
            long[] allJava = new long[0];
            long[] allNode = new long[0];
            for (int r = 1; r <= rounds; r++) {
                long[] j;
                long[] n;
                if (r % 2 == 1) {
                    j = samples(calls, java);
                    n = nodeBlock(toNode, fromNode, calls, url, expected);
                } else {
                    n = nodeBlock(toNode, fromNode, calls, url, expected);
                    j = samples(calls, java);
                }
                ratios[r - 1] = p(j, 0.5) / p(n, 0.5);
                System.out.printf("# round %d (%s first): java p50 %.0f p99 %.0f us; node p50 %.0f p99 %.0f us; ratio p50 %.2f%n", r,
                        r % 2 == 1 ? "java" : "node", p(j, 0.5), p(j, 0.99), p(n, 0.5), p(n, 0.99), ratios[r - 1]);
                allJava = concat(allJava, j);
                allNode = concat(allNode, n);
            }
            Arrays.sort(allJava);
            Arrays.sort(allNode);
            Arrays.sort(ratios);
            String e = engine.name().toLowerCase();
            System.out.printf("calls_per_block %d calls%n", calls);
            System.out.printf("java.%s.get_p50 %.0f us%n", e, p(allJava, 0.5));
            System.out.printf("java.%s.get_p99 %.0f us%n", e, p(allJava, 0.99));
            System.out.printf("node.get_p50 %.0f us%n", p(allNode, 0.5));
            System.out.printf("node.get_p99 %.0f us%n", p(allNode, 0.99));
            System.out.printf("ratio.%s_over_node_p50_median_of_rounds %.2f x%n", e, ratios[rounds / 2]);
            System.out.printf("ratio.%s_over_node_p50_min %.2f x%n", e, ratios[0]);
            System.out.printf("ratio.%s_over_node_p50_max %.2f x%n", e, ratios[rounds - 1]);
        } finally {
            node.destroy();
            server.stop(0);
            handlers.shutdownNow(); // its threads would keep the JVM alive
        }
    }

    interface Body {
        void run() throws Exception;
    }

    /** Per-call times (ns), sorted. */
    static long[] samples(int n, Body body) throws Exception {
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            body.run();
            s[i] = System.nanoTime() - t;
        }
        Arrays.sort(s);
        return s;
    }

    /** The Node side's per-call times (ns, measured inside Node around each call), sorted. */
    static long[] nodeBlock(Writer to, BufferedReader from, int n, String url, String expected) throws Exception {
        to.write(n + " " + url + "\n");
        to.flush();
        String line = from.readLine();
        if (line == null) {
            throw new IllegalStateException("the Node side ended");
        }
        JsonNode r = JSON.readTree(line);
        if (!expected.equals(r.path("last").asText())) {
            throw new IllegalStateException("the Node side got " + r.path("last"));
        }
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = (long) (r.get("us").get(i).asDouble() * 1000);
        }
        Arrays.sort(s);
        return s;
    }

    static double p(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1000.0;
    }

    static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
