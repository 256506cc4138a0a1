package ai.asterai.protocol.oci;

import ai.asterai.protocol.crypto.Digest;
import java.util.List;

/**
 * The config blob of a component manifest ({@link OciMediaTypes#WASM_CONFIG}), with the fields of the
 * CNCF Wasm OCI artifact layout: when the release was published ({@code created}, RFC 3339 UTC to the
 * second), {@code architecture} "wasm", {@code os} "wasip2" for a component, the layer digests in
 * manifest order, and the component's world: the WIT interfaces it exports and imports, sorted.
 * {@code author} and {@code component.target} are null when absent (never written then).
 */
public record WasmConfig(String created, String author, String architecture, String os, List<Digest> layerDigests,
                         Component component) {
    public static final String ARCHITECTURE = "wasm";
    public static final String COMPONENT_OS = "wasip2";

    /** What the component exports and imports, as WIT interface names ({@code ns:pkg/iface@1.0.0}) or plain names. */
    public record Component(List<String> exports, List<String> imports, String target) {
        public Component {
            exports = exports == null ? List.of() : List.copyOf(exports);
            imports = imports == null ? List.of() : List.copyOf(imports);
        }
    }

    public WasmConfig {
        if (created == null || architecture == null || os == null) {
            throw OciJson.invalid("config", "a wasm config needs created, architecture and os");
        }
        layerDigests = layerDigests == null ? List.of() : List.copyOf(layerDigests);
    }

    public byte[] toJson() {
        return OciJson.write(this);
    }

    public static WasmConfig parse(byte[] json) {
        return OciJson.readConfig(json);
    }
}
