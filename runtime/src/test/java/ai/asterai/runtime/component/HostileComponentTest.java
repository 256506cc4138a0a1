package ai.asterai.runtime.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.LoadedComponent;
import ai.asterai.runtime.RuntimeOptions;
import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.engine.ExportedFunction;
import ai.asterai.runtime.failure.ComponentException;
import ai.asterai.runtime.sandbox.Grants;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged component binaries (bit flips, truncations, byte runs) loaded and, when they load, called:
 * every failure must be one of the runtime's typed exceptions, and none may come from an unchecked
 * exception inside the host ("failed in the host"). Seeded, so a failure reproduces.
 */
class HostileComponentTest {
    private static final int CASES_PER_FIXTURE = 1000;

    @Test
    void damagedComponentsFailTyped() throws Exception {
        List<String> escapes = new ArrayList<>();
        int loaded = 0;
        int refused = 0;
        int tried = 0;
        try (ComponentRuntime runtime = new ComponentRuntime(RuntimeOptions.defaults().withEngine(EngineKind.INTERPRETER)
                .withLog(ai.asterai.runtime.sandbox.ComponentLog.DISCARD))) {
            for (String fixture : List.of("demo.wasm", "nested.wasm")) {
                byte[] good = ComponentBinaryRunTest.resource(fixture);
                Random random = new Random(fixture.hashCode());
                for (int i = 0; i < CASES_PER_FIXTURE; i++) {
                    byte[] bad = damage(good, random);
                    tried++;
                    String name = "test:hostile-" + i;
                    try {
                        LoadedComponent c = runtime.prepare(ComponentBinaryRunTest.source(name, bad), Grants.NONE);
                        loaded++;
                        for (ExportedFunction f : c.functions()) {
                            try {
                                c.call(f.key(), new ObjectMapper().readTree(f.signature().params().isEmpty() ? "[]" : "null"));
                            } catch (ComponentException e) {
                                check(fixture, i, e, escapes);
                            }
                        }
                        c.close();
                    } catch (ComponentException e) {
                        refused++;
                        check(fixture, i, e, escapes);
                    } catch (RuntimeException e) {
                        escapes.add(fixture + " case " + i + ": " + e);
                    }
                }
            }
        }
        System.out.printf("hostile components: %d tried, %d refused, %d loaded%n", tried, refused, loaded);
        assertEquals(List.of(), escapes);
        assertTrue(refused > 0);
    }

    private static void check(String fixture, int i, ComponentException e, List<String> escapes) {
        if (e.getMessage().contains("failed in the host")) {
            escapes.add(fixture + " case " + i + ": " + e.getMessage());
        }
    }

    private static byte[] damage(byte[] good, Random random) {
        byte[] b = good.clone();
        switch (random.nextInt(3)) {
            case 0 -> {
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    int at = 8 + random.nextInt(b.length - 8);
                    b[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> b = java.util.Arrays.copyOf(b, 8 + random.nextInt(b.length - 8));
            default -> {
                int at = 8 + random.nextInt(b.length - 8);
                byte v = (byte) random.nextInt(256);
                for (int k = 0; k < 1 + random.nextInt(8) && at + k < b.length; k++) {
                    b[at + k] = v;
                }
            }
        }
        return b;
    }
}
