import ai.asterai.protocol.release.Permissions;
import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.ComponentSource;
import ai.asterai.runtime.LoadedComponent;
import ai.asterai.runtime.RuntimeOptions;
import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.sandbox.ComponentLog;
import ai.asterai.runtime.sandbox.GrantFlags;
import ai.asterai.runtime.sandbox.Grants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Our side of bench/wasi-io, run by run.sh in a fresh JVM per round: the io-roundtrip component
 * (examples/components/bench/io-roundtrip.wasm) in the Java runtime with /data granted read-write.
 *
 *   IoBench COMPONENT DATA_DIR BYTES CHUNK CALLS ENGINE
 *
 * Prints "key value unit" lines: load (decode, validate, compile, instantiate), the first call, the
 * median and minimum of CALLS warm calls, and the guest's result (the bytes it read back and checked).
 */
public class IoBench {
    public static void main(String[] args) throws Exception {
        Path wasm = Path.of(args[0]);
        Path data = Path.of(args[1]);
        int bytes = Integer.parseInt(args[2]);
        int chunk = Integer.parseInt(args[3]);
        int calls = Integer.parseInt(args[4]);
        EngineKind engine = EngineKind.parse(args[5]);
        ObjectMapper json = new ObjectMapper();
        JsonNode callArgs = json.createArrayNode().add(bytes).add(chunk);
        Permissions declared = new Permissions(List.of(new Permissions.FileGrant("/data", "rw")), List.of(), List.of(), 64L << 20,
                60_000L, List.of());
        Grants grants = GrantFlags.parse(List.of("/data=" + data), List.of(), List.of(), List.of(), false, null, null, data);
        long t0 = System.nanoTime();
        try (ComponentRuntime runtime = new ComponentRuntime(RuntimeOptions.defaults().withEngine(engine)
                .withAudit(e -> { }).withLog(ComponentLog.DISCARD))) {
            LoadedComponent c = runtime.load(new ComponentSource("asterai:io-roundtrip", "0.1.0", Files.readAllBytes(wasm), null, null,
                    declared, wasm.toString()), grants);
            long t1 = System.nanoTime();
            out("java.instantiate", t1 - t0);
            long hash = c.call("roundtrip", callArgs).asLong();
            long t2 = System.nanoTime();
            out("java.first_call", t2 - t1);
            long[] times = new long[calls];
            for (int i = 0; i < calls; i++) {
                long a = System.nanoTime();
                long h = c.call("roundtrip", callArgs).asLong();
                times[i] = System.nanoTime() - a;
                if (h != hash) {
                    throw new IllegalStateException("the result changed between calls: " + hash + " then " + h);
                }
            }
            Arrays.sort(times);
            out("java.warm_call_median", times[calls / 2]);
            out("java.warm_call_min", times[0]);
            System.out.println("java.result " + hash + " -");
        }
    }

    static void out(String key, long nanos) {
        System.out.printf("%s %.3f ms%n", key, nanos / 1e6);
    }
}
