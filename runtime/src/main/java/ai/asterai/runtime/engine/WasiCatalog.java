package ai.asterai.runtime.engine;

import ai.asterai.runtime.abi.WitSignature;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import java.util.LinkedHashMap;
import java.util.Map;

/** The WASI preview 1 functions Chicory provides, with their core types, for link-time checks. */
final class WasiCatalog {
    static final String MODULE = "wasi_snapshot_preview1";
    private static final Map<String, WitSignature.CoreSignature> FUNCTIONS = load();

    private WasiCatalog() {
    }

    static WitSignature.CoreSignature type(String name) {
        return FUNCTIONS.get(name);
    }

    private static Map<String, WitSignature.CoreSignature> load() {
        Map<String, WitSignature.CoreSignature> out = new LinkedHashMap<>();
        try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(WasiOptions.builder().build()).build()) {
            for (HostFunction f : wasi.toHostFunctions()) {
                if (f.module().equals(MODULE)) {
                    out.put(f.name(), ModuleInfo.core(f.functionType()));
                }
            }
        }
        return Map.copyOf(out);
    }
}
