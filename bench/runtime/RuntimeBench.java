import ai.asterai.client.launch.ComponentSources;
import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.ComponentSource;
import ai.asterai.runtime.LoadedComponent;
import ai.asterai.runtime.RuntimeOptions;
import ai.asterai.runtime.abi.WitValue;
import ai.asterai.runtime.engine.ComponentInstance;
import ai.asterai.runtime.engine.DiskClassCache;
import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.engine.ExportedFunction;
import ai.asterai.runtime.engine.ModuleCompiler;
import ai.asterai.runtime.sandbox.ComponentLog;
import ai.asterai.runtime.sandbox.AuditLog;
import ai.asterai.runtime.sandbox.Grants;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.release.Permissions;
import ai.asterai.protocol.wit.DepsProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runtime benchmark (plain Java, no JMH): run by bench/runtime/run.sh, which starts one JVM per mode.
 *
 *   cold ENGINE [CACHE_DIR]  first load + first call in a fresh JVM: verify, parse, compile, instantiate
 *   warm                     CPU-bound guests and per-call overhead, both engines, after warm-up
 *   instances N              N idle calculator instances: heap used (run with -Xmx256m)
 *   loader N                 the loader on N mutated copies of the examples' modules (the hostile-module
 *                            fuzz of HostileModuleLoadTest, same mutations and seed): modules per second
 *
 * Every mode prints "key value unit" lines; run.sh collects them.
 */
public class RuntimeBench {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path EXAMPLES = Path.of(System.getProperty("examples", "examples"));
    static final long FIB_N = 50_000_000L;
    static final long FIB_N_INTERP = 500_000L;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "cold" -> cold(EngineKind.parse(args[1]), args.length > 2 ? Path.of(args[2]) : null);
            case "warm" -> warm();
            case "instances" -> instances(Integer.parseInt(args[1]));
            case "loader" -> loader(Integer.parseInt(args[1]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static RuntimeOptions options(EngineKind engine, ModuleCompiler compiler) {
        return RuntimeOptions.defaults().withEngine(engine).withAudit(e -> { }).withLog(ComponentLog.DISCARD).withCompiler(compiler);
    }

    static void out(String key, double value, String unit) {
        System.out.printf("%s %.3f %s%n", key, value, unit);
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    // ------------------------------------------------------------------ cold

    static void cold(EngineKind engine, Path cacheDir) throws Exception {
        long t0 = System.nanoTime();
        ComponentSource src = ComponentSources.fromProject(EXAMPLES.resolve("calculator"), DepsProvider.NONE);
        long t1 = System.nanoTime();
        Digest d = Digest.of(src.wasm());
        if (!d.matches(Digest.of(src.wasm()))) {
            throw new IllegalStateException();
        }
        long t2 = System.nanoTime();
        ModuleCompiler compiler = cacheDir == null ? new ModuleCompiler() : new ModuleCompiler(new DiskClassCache(cacheDir));
        ComponentRuntime rt = new ComponentRuntime(options(engine, compiler));
        var compiled = rt.compile(src.wasm());
        long t3 = System.nanoTime();
        LoadedComponent c = rt.load(src, Grants.NONE);
        long t4 = System.nanoTime();
        JsonNode r = c.call("eval", JSON.readTree("[\"1+2\"]"));
        long t5 = System.nanoTime();
        if (r.get("ok").asDouble() != 3.0) {
            throw new IllegalStateException(r.toString());
        }
        String p = "cold." + engine.name().toLowerCase() + (cacheDir == null ? "" : ".diskcache") + ".";
        out(p + "read_project_and_wit", ms(t1 - t0), "ms");
        out(p + "verify_digest", ms(t2 - t1), "ms");
        out(p + "parse", ms(compiled.parseTime().toNanos()), "ms");
        out(p + "compile", ms(compiled.compileTime().toNanos()), "ms");
        out(p + "link_instantiate_initialize", ms(t4 - t3), "ms");
        out(p + "first_call", ms(t5 - t4), "ms");
        out(p + "total_to_first_result", ms(t5 - t0), "ms");
        rt.close();
    }

    // ------------------------------------------------------------------ warm

    static String expression() {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (b.length() < 64 * 1024) {
            b.append(i % 97).append('.').append(i % 7).append(i % 3 == 0 ? "*" : i % 3 == 1 ? "+" : "-");
            b.append("(").append(i % 11 + 1).append("/").append(i % 5 + 1).append(")+");
            i++;
        }
        return b.append("0").toString();
    }

    static WitValue records(int n) {
        List<WitValue> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, WitValue> f = new LinkedHashMap<>();
            f.put("key", new WitValue.Str("record-key-number-" + i + "-ünï"));
            List<WitValue> tags = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                tags.add(new WitValue.Str("tag-" + t + "-of-record-" + i));
            }
            f.put("tags", new WitValue.ListV(tags));
            f.put("weight", new WitValue.F64(i * 0.5));
            items.add(new WitValue.RecordV(f));
        }
        return new WitValue.ListV(items);
    }

    interface Body {
        void run() throws Exception;
    }

    /** Best of {@code rounds} timings of {@code body}, in nanoseconds. */
    static long best(int rounds, Body body) throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            body.run();
            best = Math.min(best, System.nanoTime() - t);
        }
        return best;
    }

    /** Mean per-call time over {@code n} calls after {@code warm} calls, in nanoseconds; also p50/p99. */
    static double[] perCall(int warm, int n, Body body) throws Exception {
        for (int i = 0; i < warm; i++) {
            body.run();
        }
        long[] samples = new long[n];
        long total = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            body.run();
            samples[i] = System.nanoTime() - t;
        }
        total = System.nanoTime() - total;
        Arrays.sort(samples);
        return new double[] {(double) total / n, samples[n / 2], samples[(int) (n * 0.99)]};
    }

    static void warm() throws Exception {
        // the calculator declares 5 s per call; the interpreter needs longer for the 64 KiB expression
        ComponentSource src = ComponentSources.fromProject(EXAMPLES.resolve("calculator"), DepsProvider.NONE)
                .withPermissions(new Permissions(List.of(), List.of(), List.of(), 16L << 20, 600_000L, List.of()));
        String expr = expression();
        out("input.eval_expression_bytes", expr.length(), "bytes");
        for (EngineKind engine : EngineKind.values()) {
            try {
                warm(engine, src, expr);
            } catch (Exception | Error e) {
                // one engine failing (say, an engine build that cannot compile) leaves the other's figures
                System.out.println("# warm." + engine.name().toLowerCase() + " failed: " + e);
            }
        }
    }

    static void warm(EngineKind engine, ComponentSource src, String expr) throws Exception {
        {
            String p = "warm." + engine.name().toLowerCase() + ".";
            // parse + validate (+ compile to JVM classes) of the calculator in a warmed-up JVM, a fresh
            // ModuleCompiler each time (it keeps what it compiled)
            int compiles = engine == EngineKind.COMPILER ? 10 : 50;
            for (int i = 0; i < 3; i++) {
                new ModuleCompiler().compile(src.wasm(), engine);
            }
            double[] comp = perCall(0, compiles, () -> new ModuleCompiler().compile(src.wasm(), engine));
            out(p + "module_compile_median", comp[1] / 1e6, "ms");
            try (ComponentRuntime rt = new ComponentRuntime(options(engine, new ModuleCompiler()))) {
                LoadedComponent c = rt.load(src, Grants.NONE);
                ExportedFunction fib = c.function("fib");
                ExportedFunction eval = c.function("eval");
                ExportedFunction add = c.function("add");
                ExportedFunction echo = c.function("echo-records");
                long n = engine == EngineKind.COMPILER ? FIB_N : FIB_N_INTERP;
                List<WitValue> fibArgs = List.of(new WitValue.Int(n));
                for (int i = 0; i < 3; i++) {
                    c.call(fib, fibArgs);
                }
                long fibNs = best(5, () -> c.call(fib, fibArgs));
                out(p + "fib_n", n, "iterations");
                out(p + "fib_total", ms(fibNs), "ms");
                out(p + "fib_per_iteration", (double) fibNs / n, "ns");

                List<WitValue> evalArgs = List.of(new WitValue.Str(expr));
                int evalWarm = engine == EngineKind.COMPILER ? 200 : 2;
                for (int i = 0; i < evalWarm; i++) {
                    c.call(eval, evalArgs);
                }
                out(p + "eval_64k_expression", ms(best(engine == EngineKind.COMPILER ? 50 : 3, () -> c.call(eval, evalArgs))), "ms");

                List<WitValue> echoArgs = List.of(records(200));
                for (int i = 0; i < evalWarm; i++) {
                    c.call(echo, echoArgs);
                }
                out(p + "echo_records_200x5_strings", ms(best(engine == EngineKind.COMPILER ? 50 : 5, () -> c.call(echo, echoArgs))), "ms");

                int calls = engine == EngineKind.COMPILER ? 200_000 : 20_000;
                List<WitValue> addArgs = List.of(new WitValue.F64(1), new WitValue.F64(2));
                double[] a = perCall(calls, calls, () -> c.call(add, addArgs));
                out(p + "call_add_f64_typed_mean", a[0] / 1000, "us");
                out(p + "call_add_f64_typed_p99", a[2] / 1000, "us");
                List<WitValue> shortArgs = List.of(new WitValue.Str("1+2"));
                double[] s = perCall(calls, calls, () -> c.call(eval, shortArgs));
                out(p + "call_eval_short_string_typed_mean", s[0] / 1000, "us");
                out(p + "call_eval_short_string_typed_p50", s[1] / 1000, "us");
                out(p + "call_eval_short_string_typed_p99", s[2] / 1000, "us");
                JsonNode jsonArgs = JSON.readTree("[\"1+2\"]");
                double[] j = perCall(calls, calls, () -> c.call("eval", jsonArgs));
                out(p + "call_eval_short_string_json_mean", j[0] / 1000, "us");
                out(p + "call_eval_short_string_json_p99", j[2] / 1000, "us");
                // a further instance of the loaded component: WASI sandbox, memory, link, start
                double[] ni = perCall(200, 2000, () -> c.newInstance().close());
                out(p + "new_instance_mean", ni[0] / 1000, "us");
                out(p + "new_instance_p50", ni[1] / 1000, "us");
            }
        }
    }

    // ------------------------------------------------------------------ loader

    static void loader(int cases) throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        try (var s = Files.walk(EXAMPLES)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".wasm") && !f.toString().contains("node_modules")).sorted().toList()) {
                seeds.add(Files.readAllBytes(p));
            }
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(0xc11e47L);
        byte[][] inputs = new byte[cases][];
        long bytes = 0;
        for (int i = 0; i < cases; i++) {
            inputs[i] = mutate(seeds.get(i % seeds.size()), rnd);
            bytes += inputs[i].length;
        }
        int refused = 0;
        // one untimed pass over the first tenth (JIT), then the timed pass over all
        for (int i = 0; i < cases / 10; i++) {
            try {
                new ModuleCompiler().compile(inputs[i], EngineKind.INTERPRETER);
            } catch (ai.asterai.runtime.engine.InvalidModule e) {
                // refused, as expected of most
            }
        }
        long t = System.nanoTime();
        for (byte[] wasm : inputs) {
            try {
                new ModuleCompiler().compile(wasm, EngineKind.INTERPRETER);
            } catch (ai.asterai.runtime.engine.InvalidModule e) {
                refused++;
            }
        }
        t = System.nanoTime() - t;
        out("loader.cases", cases, "modules");
        out("loader.refused", refused, "modules");
        out("loader.mean_module_bytes", (double) bytes / cases, "bytes");
        out("loader.throughput", cases / (t / 1e9), "modules/s");
    }

    /** HostileModuleLoadTest's mutations: truncation, bit flips, a huge LEB128 written over bytes. */
    static byte[] mutate(byte[] seed, java.util.SplittableRandom rnd) {
        byte[] b = seed.clone();
        switch (rnd.nextInt(3)) {
            case 0 -> {
                return Arrays.copyOf(b, 8 + rnd.nextInt(b.length - 8));
            }
            case 1 -> {
                for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
                    int p = 8 + rnd.nextInt(b.length - 8);
                    b[p] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            default -> {
                int at = 8 + rnd.nextInt(b.length - 13);
                byte[] huge = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
                System.arraycopy(huge, 0, b, at, huge.length);
            }
        }
        return b;
    }

    // ------------------------------------------------------------------ instances

    static long usedHeap() throws InterruptedException {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return r.totalMemory() - r.freeMemory();
    }

    static void instances(int n) throws Exception {
        ComponentSource src = ComponentSources.fromProject(EXAMPLES.resolve("calculator"), DepsProvider.NONE);
        try (ComponentRuntime rt = new ComponentRuntime(options(EngineKind.COMPILER, new ModuleCompiler()))) {
            LoadedComponent c = rt.load(src, Grants.NONE);
            ExportedFunction add = c.function("add");
            c.call(add, List.of(new WitValue.F64(1), new WitValue.F64(2)));
            long before = usedHeap();
            List<ComponentInstance> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ComponentInstance inst = c.newInstance();
                inst.call(add, List.of(new WitValue.F64(i), new WitValue.F64(1)), java.time.Duration.ofSeconds(5));
                all.add(inst);
            }
            long after = usedHeap();
            long guestMemory = all.stream().mapToLong(ComponentInstance::memoryBytes).sum();
            out("instances.count", n, "instances");
            out("instances.max_heap", Runtime.getRuntime().maxMemory() / (1024.0 * 1024), "MiB");
            out("instances.heap_before", before / (1024.0 * 1024), "MiB");
            out("instances.heap_after", after / (1024.0 * 1024), "MiB");
            out("instances.heap_per_instance", (after - before) / 1024.0 / n, "KiB");
            out("instances.guest_linear_memory_total", guestMemory / (1024.0 * 1024), "MiB");
            for (ComponentInstance inst : all) {
                inst.close();
            }
        }
    }
}
