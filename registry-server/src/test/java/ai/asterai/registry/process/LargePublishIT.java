package ai.asterai.registry.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.registry.testing.RegistryProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Publishes at the upload limit, several at once, against the packaged registry run with the heap
 * the launchers ship ({@code -Xmx256m -XX:+ExitOnOutOfMemoryError}): every publish must succeed and
 * the process must survive, so memory per publish must not grow with the upload's size.
 */
class LargePublishIT {
    private static final int CONCURRENT = 6;
    private static final long LIMIT = 50L * 1024 * 1024;

    @Test
    void concurrentPublishesAtTheUploadLimitFitTheShippedHeap() throws Exception {
        Path gcLog = Files.createTempFile("registry-gc", ".log");
        List<String> jvm = new ArrayList<>(RegistryProcess.SHIPPED_JVM_OPTIONS);
        jvm.add("-Xlog:gc:file=" + gcLog);
        try (RegistryProcess registry = RegistryProcess.start(Map.of("ASTERAI_MAX_UPLOAD_SIZE", "50M"), jvm)) {
            ProcessClient client = new ProcessClient(registry);
            List<Path> files = new ArrayList<>();
            List<Path> bodies = new ArrayList<>();
            String boundary = "asterai-large-publish-boundary";
            try {
                for (int i = 0; i < CONCURRENT; i++) {
                    Path wasm = Files.createTempFile("large", ".wasm");
                    files.add(wasm);
                    // the whole request stays just under the limit
                    Digest digest = ProcessClient.writeModule(wasm, LIMIT - 8 * 1024, i);
                    Path body = client.publishBody("large" + i, "1.0.0", wasm, digest, boundary);
                    bodies.add(body);
                    assertTrue(Files.size(body) <= LIMIT, "body " + Files.size(body) + " is within the limit");
                }
                HeapSampler heap = new HeapSampler(registry.process().pid());
                heap.start();
                ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
                try {
                    List<Future<HttpResponse<String>>> results = new ArrayList<>();
                    for (int i = 0; i < CONCURRENT; i++) {
                        int n = i;
                        results.add(pool.submit(() -> client.publish("large" + n, bodies.get(n), boundary)));
                    }
                    for (int i = 0; i < CONCURRENT; i++) {
                        HttpResponse<String> r = results.get(i).get();
                        assertEquals(201, r.statusCode(), "publish " + i + ": " + r.body() + "\n" + tail(registry));
                    }
                } finally {
                    pool.shutdownNow();
                    heap.stop();
                }
                System.out.printf("LargePublishIT: %d concurrent publishes of %d bytes; registry heap used peaked at %d MiB (sampled),"
                        + " at most %d MiB left after a collection%n", CONCURRENT, Files.size(bodies.get(0)), heap.peakKib() / 1024,
                        maxAfterGc(gcLog));
                assertTrue(registry.process().isAlive(), "the registry survived\n" + tail(registry));
                // what the publishes really held: 248 MiB of 256 when the validator read every module
                // whole (one step from an OutOfMemoryError); 27 MiB with custom sections kept out of it
                long held = maxAfterGc(gcLog);
                assertTrue(held <= 96, "at most 96 MiB is still in use after a collection, not " + held + " MiB");
                for (int i = 0; i < CONCURRENT; i++) {
                    HttpResponse<String> v = ProcessClient.expect(200, client.get("/v1/packages/" + client.namespace + "/large" + i + "/versions/1.0.0"));
                    assertEquals(Files.size(files.get(i)), ProcessClient.json(v).at("/parts/wasm/size").asLong());
                }
            } finally {
                for (Path p : files) {
                    Files.deleteIfExists(p);
                }
                for (Path p : bodies) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Component-model binaries are read whole to be validated (issue #13): six publishes of
     * componentize-js's 12 MB kitchen sink at once against the shipped heap all succeed, the
     * validations sharing half the heap (ComponentMemory) instead of each taking what it needs.
     */
    @Test
    void concurrentComponentPublishesFitTheShippedHeap() throws Exception {
        Path examples = Path.of("").toAbsolutePath();
        while (examples != null && !Files.isDirectory(examples.resolve("examples/components"))) {
            examples = examples.getParent();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(examples != null, "no examples/components");
        Path sink = examples.resolve("examples/components/js-kitchen-sink/kitchen-sink.wasm");
        String wit = Files.readString(examples.resolve("examples/components/js-kitchen-sink/wit/kitchen-sink.wit"));
        Path gcLog = Files.createTempFile("registry-gc", ".log");
        List<String> jvm = new ArrayList<>(RegistryProcess.SHIPPED_JVM_OPTIONS);
        jvm.add("-Xlog:gc:file=" + gcLog);
        try (RegistryProcess registry = RegistryProcess.start(Map.of("ASTERAI_MAX_UPLOAD_SIZE", "50M"), jvm)) {
            ProcessClient client = new ProcessClient(registry);
            String boundary = "asterai-component-publish-boundary";
            Digest digest;
            try (var in = Files.newInputStream(sink)) {
                digest = Digest.of(in);
            }
            List<Path> bodies = new ArrayList<>();
            try {
                for (int i = 0; i < CONCURRENT; i++) {
                    bodies.add(client.publishBody("sink" + i, "0.1.0", sink, digest, boundary, wit, "asterai:kitchen-sink/kitchen-sink@0.1.0"));
                }
                HeapSampler heap = new HeapSampler(registry.process().pid());
                heap.start();
                long t0 = System.nanoTime();
                ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
                try {
                    List<Future<HttpResponse<String>>> results = new ArrayList<>();
                    for (int i = 0; i < CONCURRENT; i++) {
                        int n = i;
                        results.add(pool.submit(() -> client.publish("sink" + n, bodies.get(n), boundary)));
                    }
                    for (int i = 0; i < CONCURRENT; i++) {
                        HttpResponse<String> r = results.get(i).get();
                        assertEquals(201, r.statusCode(), "publish " + i + ": " + r.body() + "\n" + tail(registry));
                    }
                } finally {
                    pool.shutdownNow();
                    heap.stop();
                }
                System.out.printf("LargePublishIT: %d concurrent publishes of the %d-byte kitchen sink in %d ms; registry heap used"
                        + " peaked at %d MiB (sampled), at most %d MiB left after a collection%n", CONCURRENT, Files.size(sink),
                        (System.nanoTime() - t0) / 1_000_000, heap.peakKib() / 1024, maxAfterGc(gcLog));
                assertTrue(registry.process().isAlive(), "the registry survived\n" + tail(registry));
                String log = Files.readString(registry.log());
                assertTrue(!log.contains("OutOfMemoryError"), "the registry's log shows an OutOfMemoryError");
            } finally {
                for (Path p : bodies) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The most heap a collection left in use (MiB), from the registry's GC log: what was really held. */
    private static long maxAfterGc(Path gcLog) throws java.io.IOException {
        Matcher m = Pattern.compile("(\\d+)M->(\\d+)M").matcher(Files.readString(gcLog));
        long max = 0;
        while (m.find()) {
            max = Math.max(max, Long.parseLong(m.group(2)));
        }
        return max;
    }

    private static String tail(RegistryProcess registry) {
        try {
            List<String> lines = Files.readAllLines(registry.log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }

    /** Samples the process's used heap with jcmd; best effort (reports 0 when jcmd is missing). */
    static final class HeapSampler {
        private static final Pattern USED = Pattern.compile("used (\\d+)K");
        private final long pid;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong peak = new AtomicLong();
        private Thread thread;

        HeapSampler(long pid) {
            this.pid = pid;
        }

        void start() {
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        Process p = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
                        String out = new String(p.getInputStream().readAllBytes());
                        p.waitFor();
                        Matcher m = USED.matcher(out);
                        if (m.find()) {
                            peak.accumulateAndGet(Long.parseLong(m.group(1)), Math::max);
                        }
                        Thread.sleep(100);
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }

        long peakKib() {
            return peak.get();
        }
    }
}
