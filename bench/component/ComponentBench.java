import ai.asterai.client.launch.ComponentSources;
import ai.asterai.protocol.component.Component;
import ai.asterai.protocol.component.ComponentDecoder;
import ai.asterai.protocol.component.ComponentValidator;
import ai.asterai.protocol.component.Definition;
import ai.asterai.protocol.release.Permissions;
import ai.asterai.protocol.wit.DepsProvider;
import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.ComponentSource;
import ai.asterai.runtime.LoadedComponent;
import ai.asterai.runtime.RuntimeOptions;
import ai.asterai.runtime.abi.WitValue;
import ai.asterai.runtime.engine.CompiledModule;
import ai.asterai.runtime.engine.ComponentInstance;
import ai.asterai.runtime.engine.DiskClassCache;
import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.engine.ExportedFunction;
import ai.asterai.runtime.engine.ModuleCompiler;
import ai.asterai.runtime.sandbox.ComponentLog;
import ai.asterai.runtime.sandbox.Grants;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Component-runtime benchmark (plain Java, no JMH), run by bench/component/run.sh, one JVM per mode:
 *
 *   warm ROUNDS CALLS   calculator eval("1+2"): the core module (examples/calculator) and the same C
 *                       code as a component (examples/components/c-calculator, jco new), in one JVM,
 *                       alternating blocks of CALLS calls ROUNDS times, so both meet the same load
 *   kitchen ENGINE [CACHE_DIR]
 *                       the 12 MB componentize-js component in a fresh JVM: cold start by step
 *                       (decode, validate, parse/compile the core modules, instantiate, first call),
 *                       then second instances, warm greet("x") calls, and 10 idle instances' heap;
 *                       with CACHE_DIR the compiled classes come from (or go to) a DiskClassCache
 *
 * Every line is "key value unit"; run.sh collects them.
 */
public class ComponentBench {
    static final Path EXAMPLES = Path.of(System.getProperty("examples", "examples"));

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "warm" -> warm(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "kitchen" -> kitchen(EngineKind.parse(args[1]), args.length > 2 ? Path.of(args[2]) : null);
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

    interface Body {
        void run() throws Exception;
    }

    /** Per-call samples (ns) of {@code n} calls, sorted. */
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

    /** Per-call samples (ns), sorted: at most {@code n} calls, stopping once {@code seconds} have passed. */
    static long[] samplesFor(int n, double seconds, Body body) throws Exception {
        long[] s = new long[n];
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int i = 0;
        while (i < n && (i < 10 || System.nanoTime() < end)) {
            long t = System.nanoTime();
            body.run();
            s[i++] = System.nanoTime() - t;
        }
        long[] done = Arrays.copyOf(s, i);
        Arrays.sort(done);
        return done;
    }

    static double p(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1000.0;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    // ------------------------------------------------------------------ warm: core module vs component

    static void warm(int rounds, int calls) throws Exception {
        ComponentSource core = ComponentSources.fromProject(EXAMPLES.resolve("calculator"), DepsProvider.NONE);
        byte[] cm = Files.readAllBytes(EXAMPLES.resolve("components/c-calculator/calculator.wasm"));
        // the same project (name, WIT, permissions) with the component binary in place of the core module
        ComponentSource comp = new ComponentSource(core.name(), core.version(), cm, core.wit(), core.world(), core.permissions(),
                "examples/components/c-calculator/calculator.wasm");
        try (ComponentRuntime rt = new ComponentRuntime(options(EngineKind.COMPILER, new ModuleCompiler()))) {
            LoadedComponent a = rt.prepare(core, Grants.NONE);
            LoadedComponent b = rt.prepare(comp, Grants.NONE);
            ExportedFunction fa = a.function("eval");
            ExportedFunction fb = b.function("eval");
            List<WitValue> args = List.of(new WitValue.Str("1+2"));
            if (!a.call(fa, args).equals(b.call(fb, args))) {
                throw new IllegalStateException("core module and component disagree on eval(\"1+2\")");
            }
            for (int i = 0; i < 3; i++) { // JIT warm-up of both paths
                samples(calls, () -> a.call(fa, args));
                samples(calls, () -> b.call(fb, args));
            }
            double[] p50a = new double[rounds], p50b = new double[rounds], p99a = new double[rounds], p99b = new double[rounds];
            double[] ratio50 = new double[rounds], ratio99 = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                // alternate which goes first, so neither always follows the other's garbage
                long[] sa, sb;
                if (r % 2 == 0) {
                    sa = samples(calls, () -> a.call(fa, args));
                    sb = samples(calls, () -> b.call(fb, args));
                } else {
                    sb = samples(calls, () -> b.call(fb, args));
                    sa = samples(calls, () -> a.call(fa, args));
                }
                p50a[r] = p(sa, 0.5);
                p99a[r] = p(sa, 0.99);
                p50b[r] = p(sb, 0.5);
                p99b[r] = p(sb, 0.99);
                ratio50[r] = p50b[r] / p50a[r];
                ratio99[r] = p99b[r] / p99a[r];
                System.out.printf("# round %d: core p50 %.2f p99 %.2f us; component p50 %.2f p99 %.2f us; ratio p50 %.2f%n",
                        r + 1, p50a[r], p99a[r], p50b[r], p99b[r], ratio50[r]);
            }
            out("warm.calls_per_block", calls, "calls");
            out("warm.core_eval_short_string_p50", median(p50a), "us");
            out("warm.core_eval_short_string_p99", median(p99a), "us");
            out("warm.component_eval_short_string_p50", median(p50b), "us");
            out("warm.component_eval_short_string_p99", median(p99b), "us");
            out("warm.ratio_component_over_core_p50", median(ratio50), "x");
            out("warm.ratio_component_over_core_p50_min", Arrays.stream(ratio50).min().orElseThrow(), "x");
            out("warm.ratio_component_over_core_p50_max", Arrays.stream(ratio50).max().orElseThrow(), "x");
            out("warm.ratio_component_over_core_p99", median(ratio99), "x");
            a.close();
            b.close();
        }
    }

    // ------------------------------------------------------------------ kitchen: the 12 MB component

    static void modules(Component c, List<byte[]> out) {
        for (Definition d : c.definitions()) {
            if (d instanceof Definition.CoreModule m) {
                ByteBuffer view = c.moduleBytes(m);
                byte[] b = new byte[view.remaining()];
                view.get(b);
                out.add(b);
            } else if (d instanceof Definition.NestedComponent n) {
                modules(n.component(), out);
            }
        }
    }

    static long usedHeap() throws InterruptedException {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return r.totalMemory() - r.freeMemory();
    }

    static void kitchen(EngineKind engine, Path cacheDir) throws Exception {
        String p = "kitchen." + engine.name().toLowerCase() + (cacheDir == null ? "" : ".diskcache") + ".";
        Path file = EXAMPLES.resolve("components/js-kitchen-sink/kitchen-sink.wasm");
        long t0 = System.nanoTime();
        byte[] wasm = Files.readAllBytes(file);
        long t1 = System.nanoTime();
        Component decoded = ComponentDecoder.decode(wasm);
        long t2 = System.nanoTime();
        ComponentValidator.validate(decoded);
        long t3 = System.nanoTime();
        List<byte[]> moduleBytes = new ArrayList<>();
        modules(decoded, moduleBytes);
        ModuleCompiler compiler = cacheDir == null ? new ModuleCompiler() : new ModuleCompiler(new DiskClassCache(cacheDir));
        double parse = 0, compile = 0;
        for (byte[] m : moduleBytes) { // compiled once per digest: the load below finds them ready
            CompiledModule cm = compiler.compile(m, engine);
            parse += ms(cm.parseTime().toNanos());
            compile += ms(cm.compileTime().toNanos());
        }
        long t4 = System.nanoTime();
        ComponentSource src = new ComponentSource("asterai:kitchen-sink", "0.1.0", wasm, null, null, Permissions.NONE, file.toString());
        ComponentRuntime rt = new ComponentRuntime(options(engine, compiler));
        // decodes and validates again (warm now), finds the modules compiled, instantiates once
        LoadedComponent c = rt.load(src, Grants.NONE);
        long t5 = System.nanoTime();
        ExportedFunction greet = c.function("asterai:kitchen-sink/values@0.1.0#greet");
        WitValue r = c.call(greet, List.of(new WitValue.Str("cold")));
        long t6 = System.nanoTime();
        if (!(r instanceof WitValue.Str s) || !s.value().equals("Hello, cold!")) {
            throw new IllegalStateException("greet(\"cold\") gave " + r);
        }
        // the decode + validate that load repeated, measured again (warm) to take it out of instantiation
        long d0 = System.nanoTime();
        ComponentValidator.validate(ComponentDecoder.decode(wasm));
        long redecode = System.nanoTime() - d0;
        out(p + "bytes", wasm.length, "bytes");
        out(p + "core_modules", moduleBytes.size(), "modules");
        out(p + "read_file", ms(t1 - t0), "ms");
        out(p + "decode", ms(t2 - t1), "ms");
        out(p + "validate", ms(t3 - t2), "ms");
        out(p + "module_parse", parse, "ms");
        out(p + "module_compile", compile, "ms");
        out(p + "modules_total", ms(t4 - t3), "ms");
        out(p + "load_decode_again_and_instantiate", ms(t5 - t4), "ms");
        out(p + "decode_validate_warm", ms(redecode), "ms");
        out(p + "first_call_greet", ms(t6 - t5), "ms");
        out(p + "total_to_first_result", ms(t6 - t0), "ms");

        // second instances of the loaded component (own memories, start functions run again)
        double[] second = new double[5];
        for (int i = 0; i < second.length; i++) {
            long s0 = System.nanoTime();
            c.newInstance().close();
            second[i] = ms(System.nanoTime() - s0);
        }
        Arrays.sort(second);
        out(p + "second_instance_first", second[0], "ms"); // sorted: this is the fastest
        out(p + "second_instance_median", median(second), "ms");
        out(p + "second_instance_max", second[second.length - 1], "ms");

        // warm call: greet of a short string (SpiderMonkey runs the JS); bounded in time, since Chicory's
        // compiler leaves functions too large for a JVM method to its interpreter, SpiderMonkey's among them
        List<WitValue> x = List.of(new WitValue.Str("x"));
        samplesFor(20_000, 5, () -> c.call(greet, x));
        long[] g = samplesFor(20_000, 10, () -> c.call(greet, x));
        out(p + "warm_greet_calls", g.length, "calls");
        out(p + "warm_greet_short_string_p50", p(g, 0.5), "us");
        out(p + "warm_greet_short_string_p99", p(g, 0.99), "us");

        // 10 idle instances, each called once
        long before = usedHeap();
        List<ComponentInstance> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ComponentInstance inst = c.newInstance();
            inst.call(greet, List.of(new WitValue.Str("n" + i)), Duration.ofSeconds(60));
            all.add(inst);
        }
        long after = usedHeap();
        long guest = all.stream().mapToLong(ComponentInstance::memoryBytes).sum();
        out(p + "instances10_heap_before", before / 1048576.0, "MiB");
        out(p + "instances10_heap_after", after / 1048576.0, "MiB");
        out(p + "instances10_heap_per_instance", (after - before) / 1048576.0 / 10, "MiB");
        out(p + "instances10_largest_linear_memory_total", guest / 1048576.0, "MiB");
        out(p + "max_heap", Runtime.getRuntime().maxMemory() / 1048576.0, "MiB");
        all.forEach(ComponentInstance::close);
        rt.close();
    }
}
