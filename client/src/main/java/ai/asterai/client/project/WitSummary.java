package ai.asterai.client.project;

import ai.asterai.client.release.ReleaseRecord;
import java.util.List;

/**
 * What a release's WIT offers, for display ({@code asterai info}), as the registry's WIT resolver
 * indexed it at publish time (docs/wit.md): no second parser on the client side.
 *
 * @param interfaces the interfaces an interface package declares (empty for a component)
 */
public record WitSummary(String packageName, List<String> interfaces, List<String> exports, List<String> imports) {
    public WitSummary {
        interfaces = List.copyOf(interfaces);
        exports = List.copyOf(exports);
        imports = List.copyOf(imports);
    }

    public static WitSummary of(ReleaseRecord v) {
        boolean iface = "interface".equals(v.kind());
        return new WitSummary(v.witPackage(), iface ? v.exports() : List.of(), iface ? List.of() : v.exports(), v.imports());
    }
}
