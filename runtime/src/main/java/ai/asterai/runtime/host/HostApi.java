package ai.asterai.runtime.host;

import ai.asterai.runtime.abi.AbiTypeResolver;
import ai.asterai.runtime.abi.WitSignature;
import ai.asterai.runtime.abi.CoreNames;
import ai.asterai.protocol.wit.DepsProvider;
import ai.asterai.protocol.wit.WitResolver;
import ai.asterai.protocol.wit.model.ResolvedWit;
import ai.asterai.protocol.wit.model.WitFunction;
import ai.asterai.protocol.wit.model.WitInterface;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The host interfaces a component may import, with types from the host WIT packages. */
public final class HostApi {
    private static volatile HostApi standard;
    private final Map<String, HostInterface> interfaces;

    private HostApi(List<HostInterface> interfaces) {
        Map<String, HostInterface> m = new LinkedHashMap<>();
        interfaces.forEach(i -> m.put(i.id(), i));
        this.interfaces = m;
    }

    /** {@code asterai:log/logger}, {@code asterai:http/outgoing} and {@code asterai:host/components}. */
    public static HostApi standard() {
        HostApi s = standard;
        if (s == null) {
            synchronized (HostApi.class) {
                if (standard == null) {
                    standard = new HostApi(List.of(
                            new LoggerHost(signatures("asterai:log@0.1.0", HostWitText.LOG, "asterai:log/logger@0.1.0")),
                            new HttpOutgoingHost(signatures("asterai:http@0.1.0", HostWitText.HTTP, "asterai:http/outgoing@0.1.0")),
                            new ComponentsHost(signatures("asterai:host@0.1.0", HostWitText.HOST, "asterai:host/components@0.1.0"))));
                }
                s = standard;
            }
        }
        return s;
    }

    /** Finds the interface an import module names (full or shortened version). */
    public Optional<HostInterface> find(String importInterface) {
        HostInterface exact = interfaces.get(importInterface);
        if (exact != null) {
            return Optional.of(exact);
        }
        return interfaces.values().stream().filter(i -> CoreNames.sameInterface(importInterface, i.id())).findFirst();
    }

    public List<String> ids() {
        return List.copyOf(interfaces.keySet());
    }

    static Map<String, WitSignature> signatures(String pkg, String text, String ifaceId) {
        ResolvedWit wit = WitResolver.resolveText(pkg + ".wit", text, HostWitText.provider(DepsProvider.NONE));
        WitInterface iface = wit.findInterface(ifaceId).orElseThrow(() -> new IllegalStateException(ifaceId + " missing from host WIT"));
        AbiTypeResolver types = new AbiTypeResolver(wit);
        Map<String, WitSignature> out = new LinkedHashMap<>();
        for (WitFunction f : iface.freestandingFunctions()) {
            out.put(f.name(), types.signature(f));
        }
        return out;
    }
}
