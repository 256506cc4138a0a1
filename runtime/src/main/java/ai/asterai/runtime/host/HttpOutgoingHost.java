package ai.asterai.runtime.host;

import ai.asterai.runtime.abi.ImportAdapter;
import ai.asterai.runtime.abi.WitSignature;
import ai.asterai.runtime.abi.WitValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code asterai:http/outgoing}: converts between the WIT request/response and {@link OutgoingHttp}. */
final class HttpOutgoingHost implements HostInterface {
    private final Map<String, WitSignature> signatures;

    HttpOutgoingHost(Map<String, WitSignature> signatures) {
        this.signatures = signatures;
    }

    @Override
    public String id() {
        return "asterai:http/outgoing@0.1.0";
    }

    @Override
    public Map<String, WitSignature> signatures() {
        return signatures;
    }

    @Override
    public ImportAdapter.Implementation bind(String function, HostContext ctx) {
        if (!function.equals("send")) {
            throw new IllegalArgumentException("asterai:http/outgoing has no function " + function);
        }
        return args -> {
            Map<String, WitValue> r = ((WitValue.RecordV) args.get(0)).fields();
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (WitValue h : ((WitValue.ListV) r.get("headers")).items()) {
                List<WitValue> kv = ((WitValue.TupleV) h).items();
                headers.add(Map.entry(((WitValue.Str) kv.get(0)).value(), ((WitValue.Str) kv.get(1)).value()));
            }
            WitValue.OptionV body = (WitValue.OptionV) r.get("body");
            WitValue.OptionV timeout = (WitValue.OptionV) r.get("timeout-ms");
            OutgoingHttp.Request request = new OutgoingHttp.Request(((WitValue.Str) r.get("method")).value(),
                    ((WitValue.Str) r.get("url")).value(), headers,
                    body.isSome() ? bytes(body.value()) : null,
                    timeout.isSome() ? ((WitValue.Int) timeout.value()).value() : null);
            OutgoingHttp.Outcome outcome = ctx.http().send(ctx, request);
            if (outcome instanceof OutgoingHttp.Response resp) {
                Map<String, WitValue> f = new LinkedHashMap<>();
                f.put("status", new WitValue.Int(resp.status()));
                List<WitValue> hs = new ArrayList<>();
                for (Map.Entry<String, String> h : resp.headers()) {
                    hs.add(new WitValue.TupleV(List.of(new WitValue.Str(h.getKey()), new WitValue.Str(h.getValue()))));
                }
                f.put("headers", new WitValue.ListV(hs));
                f.put("body", new WitValue.Bytes(resp.body()));
                return WitValue.ResultV.ok(new WitValue.RecordV(f));
            }
            OutgoingHttp.Failure fail = (OutgoingHttp.Failure) outcome;
            WitValue payload = fail.message() == null ? null : new WitValue.Str(fail.message());
            return WitValue.ResultV.err(new WitValue.VariantV(fail.kind(), payload));
        };
    }

    private static byte[] bytes(WitValue v) {
        if (v instanceof WitValue.Bytes b) {
            return b.value();
        }
        List<WitValue> items = ((WitValue.ListV) v).items();
        byte[] out = new byte[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((WitValue.Int) items.get(i)).value();
        }
        return out;
    }
}
