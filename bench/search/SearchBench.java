import ai.asterai.registry.search.SearchDocument;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of bench/search/run.sh:
 *
 * <pre>
 * gen     OUT_DIR PACKAGES       CSV files for namespaces, packages, releases, release_interfaces and the search
 *                                projection (package_search, package_search_exports), for psql \copy
 * latency URL REQUESTS           each typical query REQUESTS times from one client, after a warm-up
 * mix     URL CLIENTS SECONDS    all typical queries round-robin from CLIENTS closed-loop clients
 * port                           a free loopback TCP port
 * </pre>
 *
 * Compiled by run.sh against the registry's own jars: the projection's interface words come from the
 * registry's {@link SearchDocument#terms}, so the loaded rows are what publishes would have written.
 */
public final class SearchBench {
    static final String[] WORDS = ("http fetch client server llm chat completion memory vector store search index "
            + "weather calendar email sql postgres sqlite pdf image ocr translate summarize embed tokenizer json yaml csv "
            + "git github slack discord browser scrape crawl markdown html render audio speech transcribe voice video "
            + "map geocode route finance stock crypto wallet payment invoice mail sms notify queue cache redis kafka "
            + "auth oauth token secret vault log trace metric monitor alert cron schedule timer math calculator "
            + "python javascript shell sandbox code lint format diff patch test fuzz regex parse compile wasm "
            + "file archive zip compress encrypt sign verify hash random uuid time clock locale unicode text "
            + "news rss feed wiki docs knowledge graph rag retriever ranker classifier sentiment entity").split(" ");
    static final String[] FILLER = ("a an the for and with to of from in on fast small simple reliable secure "
            + "agent tool capability component that which lets your uses provides returns").split(" ");
    static final String[] IFACE_NS = {"wasi", "asterai", "acme", "tools", "ai"};

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "gen" -> gen(Path.of(args[1]), Integer.parseInt(args[2]));
            case "latency" -> latency(args[1], Integer.parseInt(args[2]));
            case "mix" -> mix(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "port" -> {
                try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                    System.out.println(s.getLocalPort());
                }
            }
            default -> {
                System.err.println("usage: SearchBench gen DIR N | latency URL REQUESTS | mix URL CLIENTS SECONDS | port");
                System.exit(2);
            }
        }
    }

    // ---------------------------------------------------------------- data

    static String pick(Random r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    /** 300 interface ids, ns:pkg/iface@x.y.z, shared by the packages. */
    static List<String> interfaces(Random r) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        while (out.size() < 300) {
            String id = pick(r, IFACE_NS) + ":" + pick(r, WORDS) + "/" + pick(r, WORDS);
            if (seen.add(id)) {
                out.add(id + "@" + r.nextInt(3) + "." + r.nextInt(5) + "." + r.nextInt(3));
            }
        }
        out.set(0, "wasi:http/outgoing-handler@0.2.0");
        out.set(1, "asterai:llm/chat@1.2.0");
        out.set(2, "asterai:llm/chat@1.0.0");
        out.set(3, "asterai:memory/store@0.3.0");
        return out;
    }

    static String csv(Object... values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = values[i];
            if (v == null) {
                continue; // empty unquoted field is NULL for \copy csv
            }
            String s = v.toString();
            sb.append('"').append(s.replace("\"", "\"\"")).append('"');
        }
        return sb.append('\n').toString();
    }

    static void gen(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(42);
        List<String> ifaces = interfaces(r);
        int namespaces = Math.max(1, n / 100);
        String ts = "2026-01-01 00:00:00+00";
        try (BufferedWriter ns = Files.newBufferedWriter(dir.resolve("namespaces.csv"));
             BufferedWriter pk = Files.newBufferedWriter(dir.resolve("packages.csv"));
             BufferedWriter rel = Files.newBufferedWriter(dir.resolve("releases.csv"));
             BufferedWriter ri = Files.newBufferedWriter(dir.resolve("release_interfaces.csv"));
             BufferedWriter ps = Files.newBufferedWriter(dir.resolve("package_search.csv"));
             BufferedWriter pe = Files.newBufferedWriter(dir.resolve("package_search_exports.csv"))) {
            for (int i = 1; i <= namespaces; i++) {
                ns.write(csv(i, String.format(Locale.ROOT, "ns%04d", i), ts));
            }
            long releaseId = 0;
            Set<String> names = new LinkedHashSet<>();
            for (int p = 1; p <= n; p++) {
                int nsId = 1 + r.nextInt(namespaces);
                String nsName = String.format(Locale.ROOT, "ns%04d", nsId);
                String name;
                do {
                    name = pick(r, WORDS) + "-" + pick(r, WORDS) + (r.nextInt(3) == 0 ? "" : "-" + r.nextInt(1000));
                } while (!names.add(nsName + ":" + name));
                boolean iface = r.nextInt(20) == 0;
                String kind = iface ? "interface" : "component";
                StringBuilder desc = new StringBuilder();
                int words = 6 + r.nextInt(10);
                for (int w = 0; w < words; w++) {
                    desc.append(w == 0 ? "" : " ").append(r.nextInt(3) == 0 ? pick(r, WORDS) : pick(r, FILLER));
                }
                String description = Character.toUpperCase(desc.charAt(0)) + desc.substring(1) + ".";
                Set<String> kw = new LinkedHashSet<>();
                for (int k = 0, m = 1 + r.nextInt(5); k < m; k++) {
                    kw.add(pick(r, WORDS));
                }
                // Zipf-like popularity
                long downloads = (long) (2_000_000 / Math.pow(1 + r.nextInt(n), 1.1));
                String updated = String.format(Locale.ROOT, "2026-%02d-%02d %02d:%02d:00+00", 1 + r.nextInt(10),
                        1 + r.nextInt(28), r.nextInt(24), r.nextInt(60));
                pk.write(csv(p, nsId, name, kind, description, ts, updated, downloads));
                int versions = 1 + r.nextInt(3);
                long latestId = 0;
                String latestVersion = null;
                List<String> exports = new ArrayList<>(), imports = new ArrayList<>();
                boolean yankLast = versions > 1 && r.nextInt(50) == 0;
                for (int v = 0; v < versions; v++) {
                    releaseId++;
                    String version = "1." + v + ".0";
                    boolean yanked = yankLast && v == versions - 1;
                    List<String> ex = new ArrayList<>(), im = new ArrayList<>();
                    for (int e = 0, m = 1 + r.nextInt(3); e < m; e++) {
                        String id = ifaces.get(Math.min(ifaces.size() - 1, (int) Math.abs(r.nextGaussian() * 60)));
                        if (!ex.contains(id)) {
                            ex.add(id);
                        }
                    }
                    for (int e = 0, m = iface ? 0 : r.nextInt(4); e < m; e++) {
                        String id = ifaces.get(r.nextInt(ifaces.size()));
                        if (!im.contains(id) && !ex.contains(id)) {
                            im.add(id);
                        }
                    }
                    String manifest = "{\"name\":\"" + nsName + ":" + name + "\",\"version\":\"" + version + "\",\"kind\":\"" + kind
                            + "\",\"description\":\"" + description + "\",\"keywords\":[" + String.join(",",
                            kw.stream().map(k -> "\"" + k + "\"").toList()) + "]" + (iface ? "" : ",\"world\":\"x:" + name + "/w\"") + "}";
                    rel.write(csv(releaseId, p, version, version, kind, manifest, "sha256:" + "0".repeat(64), 100,
                            iface ? null : "sha256:" + "1".repeat(64), iface ? null : 1000, "sha256:" + "2".repeat(64), 200,
                            "k".repeat(32), "c2ln", updated, yanked, yanked ? updated : null, downloads / versions));
                    for (String e : ex) {
                        ri.write(csv(releaseId, "export", e));
                    }
                    for (String i : im) {
                        ri.write(csv(releaseId, "import", i));
                    }
                    if (!yanked) {
                        latestId = releaseId;
                        latestVersion = version;
                        exports = ex;
                        imports = im;
                    }
                }
                exports.sort(null);
                imports.sort(null);
                ps.write(csv(p, nsName, name, nsName + ":" + name, kind, latestId, latestVersion, description,
                        String.join(" ", kw), String.join(" ", exports), String.join(" ", imports),
                        SearchDocument.terms(exports), SearchDocument.terms(imports), "k".repeat(32), updated, downloads));
                for (String e : exports) {
                    int at = e.indexOf('@');
                    pe.write(csv(p, e, e.substring(0, at), e.substring(at + 1)));
                }
            }
        }
    }

    // ---------------------------------------------------------------- queries

    /** Typical queries: label and path. */
    static final String[][] QUERIES = {
            {"one common word", "/v1/search?q=http"},
            {"two words", "/v1/search?q=vector%20store"},
            {"prefix", "/v1/search?q=calend"},
            {"exact name", "/v1/search?q=weather-alerts"},
            {"typo (trigram)", "/v1/search?q=translater"},
            {"stemmed word", "/v1/search?q=summarizing"},
            {"word + keyword filter", "/v1/search?q=llm&keyword=chat"},
            {"interface filter only", "/v1/search?interface=wasi:http/outgoing-handler"},
            {"word, by downloads", "/v1/search?q=memory&sort=downloads"},
            {"browse (no query)", "/v1/search"},
            {"namespace filter", "/v1/search?namespace=ns0042"},
            {"page 10 of a word", "/v1/search?q=tool&page=10"},
            {"implementations ^1.0", "/v1/interfaces/asterai:llm/chat/implementations?version=%5E1.0"},
    };

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static String get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static double pct(long[] sortedNanos, double p) {
        int i = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(i, sortedNanos.length - 1))] / 1e6;
    }

    static void latency(String base, int requests) throws Exception {
        System.out.printf(Locale.ROOT, "   %-24s %8s %8s %8s %8s %8s  %s%n", "query", "p50_ms", "p95_ms", "p99_ms", "max_ms",
                "total", "path");
        for (String[] q : QUERIES) {
            String body = get(base + q[1]);
            String total = body.replaceAll("(?s).*\"total\":(\\d+).*", "$1");
            for (int i = 0; i < 20; i++) {
                get(base + q[1]);
            }
            long[] t = new long[requests];
            for (int i = 0; i < requests; i++) {
                long s = System.nanoTime();
                get(base + q[1]);
                t[i] = System.nanoTime() - s;
            }
            Arrays.sort(t);
            System.out.printf(Locale.ROOT, "   %-24s %8.2f %8.2f %8.2f %8.2f %8s  %s%n", q[0], pct(t, 50), pct(t, 95), pct(t, 99),
                    t[t.length - 1] / 1e6, total, q[1]);
        }
    }

    static void mix(String base, int clients, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        List<long[]> perThread = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] counts = new int[clients];
        for (int c = 0; c < clients; c++) {
            long[] buf = new long[2_000_000];
            perThread.add(buf);
            int me = c;
            Thread th = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end && n < buf.length) {
                    String[] q = QUERIES[Math.floorMod(next.getAndIncrement(), QUERIES.length)];
                    long s = System.nanoTime();
                    try {
                        get(base + q[1]);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    buf[n++] = System.nanoTime() - s;
                }
                counts[me] = n;
            });
            threads.add(th);
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread th : threads) {
            th.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(perThread.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        System.out.printf(Locale.ROOT, "clients=%d seconds=%.1f requests=%d throughput_rps=%.1f errors=%d p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f%n",
                clients, elapsed, total, total / elapsed, errors.get(), pct(all, 50), pct(all, 95), pct(all, 99), all[all.length - 1] / 1e6);
    }
}
