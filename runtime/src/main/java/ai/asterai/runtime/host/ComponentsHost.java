package ai.asterai.runtime.host;

import ai.asterai.runtime.abi.ImportAdapter;
import ai.asterai.runtime.abi.WitSignature;
import ai.asterai.runtime.abi.WitValue;
import ai.asterai.runtime.sandbox.AuditEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code asterai:host/components}: lists and calls only components the caller declared and the user
 * granted (and that are loaded). Anything else is an {@code err} for the guest and a denial in the
 * audit log.
 */
final class ComponentsHost implements HostInterface {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, WitSignature> signatures;

    ComponentsHost(Map<String, WitSignature> signatures) {
        this.signatures = signatures;
    }

    @Override
    public String id() {
        return "asterai:host/components@0.1.0";
    }

    @Override
    public Map<String, WitSignature> signatures() {
        return signatures;
    }

    @Override
    public ImportAdapter.Implementation bind(String function, HostContext ctx) {
        return switch (function) {
            case "list" -> args -> list(ctx);
            case "call" -> args -> call(ctx, ((WitValue.Str) args.get(0)).value(), ((WitValue.Str) args.get(1)).value(),
                    ((WitValue.Str) args.get(2)).value());
            default -> throw new IllegalArgumentException("asterai:host/components has no function " + function);
        };
    }

    private static WitValue list(HostContext ctx) {
        List<WitValue> out = new ArrayList<>();
        for (String name : ctx.permissions().components().stream().sorted().toList()) {
            Optional<ComponentDirectory.ComponentInfo> info = ctx.directory().find(name);
            if (info.isEmpty()) {
                continue;
            }
            Map<String, WitValue> f = new LinkedHashMap<>();
            f.put("name", new WitValue.Str(info.get().name()));
            f.put("version", new WitValue.Str(info.get().version()));
            f.put("interfaces", new WitValue.ListV(info.get().interfaces().stream().map(i -> (WitValue) new WitValue.Str(i)).toList()));
            out.add(new WitValue.RecordV(f));
        }
        return new WitValue.ListV(out);
    }

    private static WitValue call(HostContext ctx, String component, String function, String argsJson) {
        if (!ctx.permissions().components().contains(component)) {
            boolean declaredButNotGranted = ctx.permissions().notes().stream().anyMatch(n -> n.equals("declares component " + component + " but it is not granted"));
            String reason = declaredButNotGranted
                    ? "component " + component + " is declared by " + ctx.component() + " but not granted (grant it with --allow-component " + component + ")"
                    : "component " + component + " is not declared by " + ctx.component() + " (its manifest lists " + ctx.permissions().components().size() + " allowed component(s))";
            ctx.audit().record(AuditEvent.denied(ctx.component(), "component", component + " " + function, reason));
            return err("denied: " + reason);
        }
        JsonNode args;
        try {
            args = JSON.readTree(argsJson);
        } catch (JsonProcessingException e) {
            return err("args-json is not valid JSON: " + e.getOriginalMessage());
        }
        if (ctx.directory().find(component).isEmpty()) {
            return err("component " + component + " is not loaded");
        }
        try {
            JsonNode result = ctx.directory().call(ctx.component(), component, function, args);
            return WitValue.ResultV.ok(new WitValue.Str(result == null ? "null" : result.toString()));
        } catch (HostCallInterrupted e) {
            throw e;
        } catch (RuntimeException e) {
            return err(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static WitValue err(String message) {
        return WitValue.ResultV.err(new WitValue.Str(message));
    }
}
