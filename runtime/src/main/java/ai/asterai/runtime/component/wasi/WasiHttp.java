package ai.asterai.runtime.component.wasi;

import ai.asterai.runtime.abi.AbiTrap;
import ai.asterai.runtime.abi.AbiType;
import ai.asterai.runtime.abi.AbiType.Scalar;
import ai.asterai.runtime.abi.ResourceType;
import ai.asterai.runtime.abi.WitValue;
import ai.asterai.runtime.component.HostFunction;
import ai.asterai.runtime.host.HostContext;
import ai.asterai.runtime.host.OutgoingHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static ai.asterai.runtime.component.wasi.WasiHost.fn;

/**
 * {@code wasi:http/types} and {@code wasi:http/outgoing-handler} (0.2.x) over {@link OutgoingHttp}: the
 * same allow-list, private-address rule, redirect checks, caps and audit events as {@code asterai:http}.
 * The request goes out when the guest first asks for the response (after it finished the body), and
 * the whole response is read then (bodies are capped, so they fit in memory). Redirects are followed
 * by the host, every hop checked, as for {@code asterai:http}; the guest sees the final response.
 * The server side (incoming requests, response-outparam, outgoing responses) is not served: a guest
 * can never hold an incoming request, and making an outgoing response traps.
 */
final class WasiHttp {
    /** Header fields one {@code fields} may hold. */
    static final int MAX_FIELDS = 1024;
    /** Bytes of names and values one {@code fields} may hold. */
    static final int MAX_FIELD_BYTES = 64 << 10;

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /**
     * Names a guest may not set: hop-by-hop and framing headers, which the host's client sets itself
     * ({@code content-length} from the body, {@code host} from the authority).
     */
    static final Set<String> FORBIDDEN = Set.of("connection", "content-length", "expect", "host", "upgrade", "http2-settings",
            "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection");

    private final WasiHost host;
    private final HostContext ctx;

    private final ResourceType fields;
    private final ResourceType incomingRequest;
    private final ResourceType outgoingRequest;
    private final ResourceType requestOptions;
    private final ResourceType responseOutparam;
    private final ResourceType incomingResponse;
    private final ResourceType incomingBody;
    private final ResourceType futureTrailers;
    private final ResourceType outgoingResponse;
    private final ResourceType outgoingBody;
    private final ResourceType futureIncomingResponse;

    /** Header or trailer fields: lower-case names, raw values; immutable when a request or response owns them. */
    static final class Fields {
        final List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
        final boolean immutable;
        int bytes;

        Fields(boolean immutable) {
            this.immutable = immutable;
        }

        Fields copy(boolean immutable) {
            Fields f = new Fields(immutable);
            f.entries.addAll(entries);
            f.bytes = bytes;
            return f;
        }
    }

    static final class Request {
        final Fields headers;
        WitValue method = new WitValue.VariantV("get", null);
        String pathWithQuery;
        WitValue scheme;
        String authority;
        Body body;

        Request(Fields headers) {
            this.headers = headers;
        }
    }

    /** An outgoing body: its bytes (capped at the response cap), and whether the guest finished or dropped it. */
    static final class Body implements WasiHost.Droppable {
        final Capped buffer;
        boolean streamTaken;
        boolean finished;
        boolean dropped;

        Body(long max) {
            buffer = new Capped(max);
        }

        @Override
        public void dropped() {
            dropped = true;
        }

        boolean done() {
            return finished || dropped;
        }
    }

    /** Bytes up to a cap; a write past it fails (the guest's stream reports last-operation-failed). */
    static final class Capped extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final long max;
        boolean over;

        Capped(long max) {
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (bytes.size() + (long) len > max) {
                over = true;
                throw new IOException("the request body is over the host's cap of " + max + " bytes");
            }
            bytes.write(b, off, len);
        }
    }

    static final class Options {
        Long connect;
        Long firstByte;
        Long betweenBytes;
    }

    static final class Future {
        final Request request;
        final Options options;
        WitValue result;
        boolean taken;

        Future(Request request, Options options) {
            this.request = request;
            this.options = options;
        }

        boolean ready() {
            return request.body == null || request.body.done();
        }
    }

    static final class Response {
        final int status;
        final Fields headers;
        final byte[] body;
        boolean consumed;

        Response(int status, Fields headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }
    }

    static final class IncomingBody {
        final byte[] body;
        boolean streamTaken;

        IncomingBody(byte[] body) {
            this.body = body;
        }
    }

    static final class Trailers {
        boolean taken;
    }

    WasiHttp(WasiHost host) {
        this.host = host;
        this.ctx = host.ctx();
        fields = host.resource("fields");
        incomingRequest = host.resource("incoming-request");
        outgoingRequest = host.resource("outgoing-request");
        requestOptions = host.resource("request-options");
        responseOutparam = host.resource("response-outparam");
        incomingResponse = host.resource("incoming-response");
        incomingBody = host.resource("incoming-body");
        futureTrailers = host.resource("future-trailers");
        outgoingResponse = host.resource("outgoing-response");
        outgoingBody = host.resource("outgoing-body");
        futureIncomingResponse = host.resource("future-incoming-response");
    }

    void define() {
        AbiType u8 = Scalar.U8;
        AbiType u16 = Scalar.U16;
        AbiType u32 = Scalar.U32;
        AbiType u64 = Scalar.U64;
        AbiType str = Scalar.STRING;
        AbiType optStr = AbiType.OptionT.of(str);
        AbiType bytes = new AbiType.ListT(u8);
        AbiType method = AbiType.VariantT.of("method", List.of(new AbiType.Case("get", null), new AbiType.Case("head", null),
                new AbiType.Case("post", null), new AbiType.Case("put", null), new AbiType.Case("delete", null),
                new AbiType.Case("connect", null), new AbiType.Case("options", null), new AbiType.Case("trace", null),
                new AbiType.Case("patch", null), new AbiType.Case("other", str)));
        AbiType scheme = AbiType.VariantT.of("scheme", List.of(new AbiType.Case("HTTP", null), new AbiType.Case("HTTPS", null),
                new AbiType.Case("other", str)));
        AbiType dnsPayload = AbiType.RecordT.of("DNS-error-payload", List.of("rcode", "info-code"), List.of(optStr, AbiType.OptionT.of(u16)));
        AbiType tlsPayload = AbiType.RecordT.of("TLS-alert-received-payload", List.of("alert-id", "alert-message"),
                List.of(AbiType.OptionT.of(u8), optStr));
        AbiType fieldSize = AbiType.RecordT.of("field-size-payload", List.of("field-name", "field-size"),
                List.of(optStr, AbiType.OptionT.of(u32)));
        AbiType optU32 = AbiType.OptionT.of(u32);
        AbiType errorCode = AbiType.VariantT.of("error-code", List.of(new AbiType.Case("DNS-timeout", null),
                new AbiType.Case("DNS-error", dnsPayload), new AbiType.Case("destination-not-found", null),
                new AbiType.Case("destination-unavailable", null), new AbiType.Case("destination-IP-prohibited", null),
                new AbiType.Case("destination-IP-unroutable", null), new AbiType.Case("connection-refused", null),
                new AbiType.Case("connection-terminated", null), new AbiType.Case("connection-timeout", null),
                new AbiType.Case("connection-read-timeout", null), new AbiType.Case("connection-write-timeout", null),
                new AbiType.Case("connection-limit-reached", null), new AbiType.Case("TLS-protocol-error", null),
                new AbiType.Case("TLS-certificate-error", null), new AbiType.Case("TLS-alert-received", tlsPayload),
                new AbiType.Case("HTTP-request-denied", null), new AbiType.Case("HTTP-request-length-required", null),
                new AbiType.Case("HTTP-request-body-size", AbiType.OptionT.of(u64)),
                new AbiType.Case("HTTP-request-method-invalid", null), new AbiType.Case("HTTP-request-URI-invalid", null),
                new AbiType.Case("HTTP-request-URI-too-long", null), new AbiType.Case("HTTP-request-header-section-size", optU32),
                new AbiType.Case("HTTP-request-header-size", AbiType.OptionT.of(fieldSize)),
                new AbiType.Case("HTTP-request-trailer-section-size", optU32),
                new AbiType.Case("HTTP-request-trailer-size", fieldSize), new AbiType.Case("HTTP-response-incomplete", null),
                new AbiType.Case("HTTP-response-header-section-size", optU32),
                new AbiType.Case("HTTP-response-header-size", fieldSize),
                new AbiType.Case("HTTP-response-body-size", AbiType.OptionT.of(u64)),
                new AbiType.Case("HTTP-response-trailer-section-size", optU32),
                new AbiType.Case("HTTP-response-trailer-size", fieldSize),
                new AbiType.Case("HTTP-response-transfer-coding", optStr),
                new AbiType.Case("HTTP-response-content-coding", optStr), new AbiType.Case("HTTP-response-timeout", null),
                new AbiType.Case("HTTP-upgrade-failed", null), new AbiType.Case("HTTP-protocol-error", null),
                new AbiType.Case("loop-detected", null), new AbiType.Case("configuration-error", null),
                new AbiType.Case("internal-error", optStr)));
        AbiType headerError = AbiType.VariantT.of("header-error", List.of(new AbiType.Case("invalid-syntax", null),
                new AbiType.Case("forbidden", null), new AbiType.Case("immutable", null)));
        AbiType entries = new AbiType.ListT(AbiType.TupleT.of(List.of(str, bytes)));
        AbiType unitResult = AbiType.ResultT.of(null, null);
        AbiType headerResult = AbiType.ResultT.of(null, headerError);
        AbiType duration = AbiType.OptionT.of(u64);
        AbiType ownFields = new AbiType.OwnT(fields);
        AbiType ownPollable = new AbiType.OwnT(host.pollable);

        Map<String, Object> types = host.iface("wasi:http/types", "fields", fields);
        types.put("incoming-request", incomingRequest);
        types.put("outgoing-request", outgoingRequest);
        types.put("request-options", requestOptions);
        types.put("response-outparam", responseOutparam);
        types.put("incoming-response", incomingResponse);
        types.put("incoming-body", incomingBody);
        types.put("future-trailers", futureTrailers);
        types.put("outgoing-response", outgoingResponse);
        types.put("outgoing-body", outgoingBody);
        types.put("future-incoming-response", futureIncomingResponse);

        // the host never makes a stream error with an HTTP cause the guest could ask about
        fn(types, "http-error-code", AbiType.OptionT.of(errorCode), a -> WitValue.OptionV.NONE, new AbiType.BorrowT(host.error));

        // fields
        AbiType self = new AbiType.BorrowT(fields);
        fn(types, "[constructor]fields", ownFields, a -> host.own(fields, new Fields(false)));
        fn(types, "[static]fields.from-list", AbiType.ResultT.of(ownFields, headerError), a -> {
            Fields f = new Fields(false);
            for (WitValue e : ((WitValue.ListV) a.get(0)).items()) {
                List<WitValue> kv = ((WitValue.TupleV) e).items();
                String problem = add(f, str(kv.get(0)), bytes(kv.get(1)));
                if (problem != null) {
                    return WitValue.ResultV.err(new WitValue.VariantV(problem, null));
                }
            }
            return WitValue.ResultV.ok(host.own(fields, f));
        }, entries);
        fn(types, "[method]fields.get", new AbiType.ListT(bytes), a -> {
            String name = str(a.get(1)).toLowerCase(Locale.ROOT);
            List<WitValue> values = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : host.object(a.get(0), Fields.class).entries) {
                if (e.getKey().equals(name)) {
                    values.add(new WitValue.Bytes(e.getValue()));
                }
            }
            return new WitValue.ListV(values);
        }, self, str);
        fn(types, "[method]fields.has", Scalar.BOOL, a -> {
            String name = str(a.get(1)).toLowerCase(Locale.ROOT);
            return new WitValue.Bool(host.object(a.get(0), Fields.class).entries.stream().anyMatch(e -> e.getKey().equals(name)));
        }, self, str);
        fn(types, "[method]fields.set", headerResult, a -> {
            Fields f = host.object(a.get(0), Fields.class);
            String name = str(a.get(1));
            String problem = f.immutable ? "immutable" : checkName(name);
            List<byte[]> values = new ArrayList<>();
            for (WitValue v : ((WitValue.ListV) a.get(2)).items()) {
                byte[] b = bytes(v);
                problem = problem != null ? problem : checkValue(b);
                values.add(b);
            }
            if (problem != null) {
                return WitValue.ResultV.err(new WitValue.VariantV(problem, null));
            }
            remove(f, name.toLowerCase(Locale.ROOT));
            for (byte[] b : values) {
                String p = add(f, name, b);
                if (p != null) {
                    return WitValue.ResultV.err(new WitValue.VariantV(p, null));
                }
            }
            return WitValue.ResultV.ok(null);
        }, self, str, new AbiType.ListT(bytes));
        fn(types, "[method]fields.delete", headerResult, a -> {
            Fields f = host.object(a.get(0), Fields.class);
            String name = str(a.get(1));
            String problem = f.immutable ? "immutable" : checkName(name);
            if (problem != null) {
                return WitValue.ResultV.err(new WitValue.VariantV(problem, null));
            }
            remove(f, name.toLowerCase(Locale.ROOT));
            return WitValue.ResultV.ok(null);
        }, self, str);
        fn(types, "[method]fields.append", headerResult, a -> {
            Fields f = host.object(a.get(0), Fields.class);
            String problem = f.immutable ? "immutable" : add(f, str(a.get(1)), bytes(a.get(2)));
            return problem == null ? WitValue.ResultV.ok(null) : WitValue.ResultV.err(new WitValue.VariantV(problem, null));
        }, self, str, bytes);
        fn(types, "[method]fields.entries", entries, a -> {
            List<WitValue> out = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : host.object(a.get(0), Fields.class).entries) {
                out.add(new WitValue.TupleV(List.of(new WitValue.Str(e.getKey()), new WitValue.Bytes(e.getValue()))));
            }
            return new WitValue.ListV(out);
        }, self);
        fn(types, "[method]fields.clone", ownFields, a -> host.own(fields, host.object(a.get(0), Fields.class).copy(false)), self);

        // outgoing-request
        AbiType req = new AbiType.BorrowT(outgoingRequest);
        AbiType ownBody = new AbiType.OwnT(outgoingBody);
        fn(types, "[constructor]outgoing-request", new AbiType.OwnT(outgoingRequest),
                a -> host.own(outgoingRequest, new Request(host.take(a.get(0), Fields.class).copy(true))), ownFields);
        fn(types, "[method]outgoing-request.body", AbiType.ResultT.of(ownBody, null), a -> {
            Request r = host.object(a.get(0), Request.class);
            if (r.body != null) {
                return WitValue.ResultV.err(null);
            }
            r.body = new Body(ctx.limits().httpMaxBody());
            return WitValue.ResultV.ok(host.own(outgoingBody, r.body));
        }, req);
        fn(types, "[method]outgoing-request.method", method, a -> host.object(a.get(0), Request.class).method, req);
        fn(types, "[method]outgoing-request.set-method", unitResult, a -> {
            WitValue.VariantV m = (WitValue.VariantV) a.get(1);
            if (m.caseName().equals("other") && !TOKEN.matcher(str(m.payload())).matches()) {
                return WitValue.ResultV.err(null);
            }
            host.object(a.get(0), Request.class).method = m;
            return WitValue.ResultV.ok(null);
        }, req, method);
        fn(types, "[method]outgoing-request.path-with-query", optStr, a -> opt(host.object(a.get(0), Request.class).pathWithQuery), req);
        fn(types, "[method]outgoing-request.set-path-with-query", unitResult, a -> {
            String p = optString(a.get(1));
            if (p != null && (!p.startsWith("/") || p.chars().anyMatch(c -> c <= ' ' || c == 0x7F))) {
                return WitValue.ResultV.err(null);
            }
            host.object(a.get(0), Request.class).pathWithQuery = p;
            return WitValue.ResultV.ok(null);
        }, req, optStr);
        fn(types, "[method]outgoing-request.scheme", AbiType.OptionT.of(scheme), a -> {
            WitValue s = host.object(a.get(0), Request.class).scheme;
            return s == null ? WitValue.OptionV.NONE : new WitValue.OptionV(s);
        }, req);
        fn(types, "[method]outgoing-request.set-scheme", unitResult, a -> {
            WitValue.OptionV s = (WitValue.OptionV) a.get(1);
            host.object(a.get(0), Request.class).scheme = s.isSome() ? s.value() : null;
            return WitValue.ResultV.ok(null);
        }, req, AbiType.OptionT.of(scheme));
        fn(types, "[method]outgoing-request.authority", optStr, a -> opt(host.object(a.get(0), Request.class).authority), req);
        fn(types, "[method]outgoing-request.set-authority", unitResult, a -> {
            String auth = optString(a.get(1));
            if (auth != null && (auth.isEmpty() || auth.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '?' || c == '#' || c == '@'
                    || c == 0x7F))) {
                return WitValue.ResultV.err(null);
            }
            host.object(a.get(0), Request.class).authority = auth;
            return WitValue.ResultV.ok(null);
        }, req, optStr);
        fn(types, "[method]outgoing-request.headers", ownFields,
                a -> host.own(fields, host.object(a.get(0), Request.class).headers.copy(true)), req);

        // request-options: every timeout at most the call's time cap
        AbiType opts = new AbiType.BorrowT(requestOptions);
        fn(types, "[constructor]request-options", new AbiType.OwnT(requestOptions), a -> host.own(requestOptions, new Options()));
        fn(types, "[method]request-options.connect-timeout", duration, a -> opt(host.object(a.get(0), Options.class).connect), opts);
        fn(types, "[method]request-options.set-connect-timeout", unitResult, a -> {
            host.object(a.get(0), Options.class).connect = clamp(a.get(1));
            return WitValue.ResultV.ok(null);
        }, opts, duration);
        fn(types, "[method]request-options.first-byte-timeout", duration, a -> opt(host.object(a.get(0), Options.class).firstByte), opts);
        fn(types, "[method]request-options.set-first-byte-timeout", unitResult, a -> {
            host.object(a.get(0), Options.class).firstByte = clamp(a.get(1));
            return WitValue.ResultV.ok(null);
        }, opts, duration);
        fn(types, "[method]request-options.between-bytes-timeout", duration,
                a -> opt(host.object(a.get(0), Options.class).betweenBytes), opts);
        fn(types, "[method]request-options.set-between-bytes-timeout", unitResult, a -> {
            host.object(a.get(0), Options.class).betweenBytes = clamp(a.get(1));
            return WitValue.ResultV.ok(null);
        }, opts, duration);

        // outgoing-body
        AbiType body = new AbiType.BorrowT(outgoingBody);
        fn(types, "[method]outgoing-body.write", AbiType.ResultT.of(new AbiType.OwnT(host.outputStream), null), a -> {
            Body b = host.object(a.get(0), Body.class);
            if (b.streamTaken) {
                return WitValue.ResultV.err(null);
            }
            b.streamTaken = true;
            return WitValue.ResultV.ok(host.own(host.outputStream, new WasiHost.Output(b.buffer)));
        }, body);
        fn(types, "[static]outgoing-body.finish", AbiType.ResultT.of(null, errorCode), a -> {
            Body b = host.take(a.get(0), Body.class);
            WitValue.OptionV trailers = (WitValue.OptionV) a.get(1);
            b.finished = true;
            if (trailers.isSome()) {
                Fields t = host.take(trailers.value(), Fields.class);
                if (!t.entries.isEmpty()) {
                    b.dropped = true;
                    return WitValue.ResultV.err(internalError("this host sends no request trailers"));
                }
            }
            if (b.buffer.over) {
                return WitValue.ResultV.err(new WitValue.VariantV("HTTP-request-body-size",
                        new WitValue.OptionV(new WitValue.Int(b.buffer.max))));
            }
            return WitValue.ResultV.ok(null);
        }, ownBody, AbiType.OptionT.of(ownFields));

        // future-incoming-response: resolved (the request sent) when the guest first asks after its body is done
        AbiType fut = new AbiType.BorrowT(futureIncomingResponse);
        AbiType ownResponse = new AbiType.OwnT(incomingResponse);
        fn(types, "[method]future-incoming-response.subscribe", ownPollable, a -> {
            Future f = host.object(a.get(0), Future.class);
            return host.own(host.pollable, WasiHost.Pollable.when(f::ready, "the response to a request whose body it has not finished"));
        }, fut);
        fn(types, "[method]future-incoming-response.get",
                AbiType.OptionT.of(AbiType.ResultT.of(AbiType.ResultT.of(ownResponse, errorCode), null)), a -> {
                    Future f = host.object(a.get(0), Future.class);
                    if (!f.ready()) {
                        return WitValue.OptionV.NONE;
                    }
                    if (f.taken) {
                        return new WitValue.OptionV(WitValue.ResultV.err(null));
                    }
                    f.taken = true;
                    return new WitValue.OptionV(WitValue.ResultV.ok(send(f)));
                }, fut);

        // incoming-response, incoming-body, future-trailers
        AbiType resp = new AbiType.BorrowT(incomingResponse);
        AbiType ownIncomingBody = new AbiType.OwnT(incomingBody);
        fn(types, "[method]incoming-response.status", u16, a -> new WitValue.Int(host.object(a.get(0), Response.class).status), resp);
        fn(types, "[method]incoming-response.headers", ownFields,
                a -> host.own(fields, host.object(a.get(0), Response.class).headers.copy(true)), resp);
        fn(types, "[method]incoming-response.consume", AbiType.ResultT.of(ownIncomingBody, null), a -> {
            Response r = host.object(a.get(0), Response.class);
            if (r.consumed) {
                return WitValue.ResultV.err(null);
            }
            r.consumed = true;
            return WitValue.ResultV.ok(host.own(incomingBody, new IncomingBody(r.body)));
        }, resp);
        fn(types, "[method]incoming-body.stream", AbiType.ResultT.of(new AbiType.OwnT(host.inputStream), null), a -> {
            IncomingBody b = host.object(a.get(0), IncomingBody.class);
            if (b.streamTaken) {
                return WitValue.ResultV.err(null);
            }
            b.streamTaken = true;
            return WitValue.ResultV.ok(host.own(host.inputStream, new WasiHost.Input(b.body)));
        }, new AbiType.BorrowT(incomingBody));
        fn(types, "[static]incoming-body.finish", new AbiType.OwnT(futureTrailers), a -> {
            host.take(a.get(0), IncomingBody.class);
            return host.own(futureTrailers, new Trailers());
        }, ownIncomingBody);
        AbiType trailers = new AbiType.BorrowT(futureTrailers);
        fn(types, "[method]future-trailers.subscribe", ownPollable, a -> {
            host.object(a.get(0), Trailers.class);
            return host.own(host.pollable, WasiHost.Pollable.READY);
        }, trailers);
        fn(types, "[method]future-trailers.get",
                AbiType.OptionT.of(AbiType.ResultT.of(AbiType.ResultT.of(AbiType.OptionT.of(ownFields), errorCode), null)), a -> {
                    Trailers t = host.object(a.get(0), Trailers.class);
                    if (t.taken) {
                        return new WitValue.OptionV(WitValue.ResultV.err(null));
                    }
                    t.taken = true; // the whole body was read before the response was given: there are no trailers
                    return new WitValue.OptionV(WitValue.ResultV.ok(WitValue.ResultV.ok(WitValue.OptionV.NONE)));
                }, trailers);

        defineServerSide(types, method, scheme, optStr, u16, errorCode, ownFields, unitResult);

        Map<String, Object> handler = host.iface("wasi:http/outgoing-handler", null, null);
        fn(handler, "handle", AbiType.ResultT.of(new AbiType.OwnT(futureIncomingResponse), errorCode), a -> {
            Request r = host.take(a.get(0), Request.class);
            WitValue.OptionV o = (WitValue.OptionV) a.get(1);
            Options options = o.isSome() ? host.take(o.value(), Options.class) : new Options();
            return WitValue.ResultV.ok(host.own(futureIncomingResponse, new Future(r, options)));
        }, new AbiType.OwnT(outgoingRequest), AbiType.OptionT.of(new AbiType.OwnT(requestOptions)));
    }

    /**
     * The server side: a guest can never hold an incoming request or a response-outparam (only an
     * incoming handler, which this host does not call, would get them), so their methods are
     * unreachable; an outgoing response could be made, but never sent anywhere, so making one traps.
     */
    private void defineServerSide(Map<String, Object> types, AbiType method, AbiType scheme, AbiType optStr, AbiType u16,
                                  AbiType errorCode, AbiType ownFields, AbiType unitResult) {
        HostFunction.Implementation server = a -> {
            throw new AbiTrap("the server side of wasi:http is not provided by this host (" + ctx.component()
                    + " can send requests with wasi:http/outgoing-handler, not serve them)");
        };
        AbiType in = new AbiType.BorrowT(incomingRequest);
        fn(types, "[method]incoming-request.method", method, server, in);
        fn(types, "[method]incoming-request.path-with-query", optStr, server, in);
        fn(types, "[method]incoming-request.scheme", AbiType.OptionT.of(scheme), server, in);
        fn(types, "[method]incoming-request.authority", optStr, server, in);
        fn(types, "[method]incoming-request.headers", ownFields, server, in);
        fn(types, "[method]incoming-request.consume", AbiType.ResultT.of(new AbiType.OwnT(incomingBody), null), server, in);
        AbiType ownOut = new AbiType.OwnT(outgoingResponse);
        AbiType out = new AbiType.BorrowT(outgoingResponse);
        fn(types, "[constructor]outgoing-response", ownOut, server, ownFields);
        fn(types, "[method]outgoing-response.status-code", u16, server, out);
        fn(types, "[method]outgoing-response.set-status-code", unitResult, server, out, u16);
        fn(types, "[method]outgoing-response.headers", ownFields, server, out);
        fn(types, "[method]outgoing-response.body", AbiType.ResultT.of(new AbiType.OwnT(outgoingBody), null), server, out);
        fn(types, "[method]response-outparam.send-informational", AbiType.ResultT.of(null, errorCode), server,
                new AbiType.BorrowT(responseOutparam), u16, ownFields);
        fn(types, "[static]response-outparam.set", null, server, new AbiType.OwnT(responseOutparam),
                AbiType.ResultT.of(ownOut, errorCode));
    }

    // ---------------------------------------------------------------- sending

    /** Sends the request (after the body is done); the response or the error-code, as {@code result<incoming-response, error-code>}. */
    private WitValue send(Future f) {
        Request r = f.request;
        if (r.body != null && !r.body.finished) {
            return WitValue.ResultV.err(internalError("the request body was dropped without outgoing-body.finish"));
        }
        if (r.body != null && r.body.buffer.over) {
            return WitValue.ResultV.err(new WitValue.VariantV("HTTP-request-body-size", new WitValue.OptionV(new WitValue.Int(r.body.buffer.max))));
        }
        WitValue.VariantV m = (WitValue.VariantV) r.method;
        String method = m.caseName().equals("other") ? str(m.payload()) : m.caseName().toUpperCase(Locale.ROOT);
        String scheme = "https";
        if (r.scheme instanceof WitValue.VariantV s) {
            scheme = switch (s.caseName()) {
                case "HTTP" -> "http";
                case "HTTPS" -> "https";
                default -> str(s.payload()).toLowerCase(Locale.ROOT);
            };
        }
        if (r.authority == null) {
            return WitValue.ResultV.err(new WitValue.VariantV("HTTP-request-URI-invalid", null));
        }
        String url = scheme + "://" + r.authority + (r.pathWithQuery == null ? "/" : r.pathWithQuery);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : r.headers.entries) {
            headers.add(Map.entry(e.getKey(), new String(e.getValue(), StandardCharsets.ISO_8859_1)));
        }
        byte[] bodyBytes = r.body == null ? null : r.body.buffer.bytes.toByteArray();
        OutgoingHttp.Outcome outcome = ctx.http().send(ctx, new OutgoingHttp.Request(method, url, headers, bodyBytes, timeoutMs(f.options)));
        if (outcome instanceof OutgoingHttp.Response resp) {
            Fields h = new Fields(true);
            for (Map.Entry<String, String> e : resp.headers()) {
                h.entries.add(Map.entry(e.getKey(), e.getValue().getBytes(StandardCharsets.ISO_8859_1)));
            }
            return WitValue.ResultV.ok(host.own(incomingResponse, new Response(resp.status(), h, resp.body())));
        }
        return WitValue.ResultV.err(errorCode((OutgoingHttp.Failure) outcome));
    }

    /** The request's time limit: the sum of the phases the guest limited (each already at most the call's cap), at most the cap. */
    private Long timeoutMs(Options o) {
        if (o.connect == null && o.firstByte == null && o.betweenBytes == null) {
            return null;
        }
        long nanos = 0;
        for (Long d : new Long[] {o.connect, o.firstByte, o.betweenBytes}) {
            nanos = d == null ? nanos : Math.min(nanos + d, capNanos());
        }
        return Math.max(1, nanos / 1_000_000L);
    }

    private long capNanos() {
        return ctx.permissions().timePerCall().toNanos();
    }

    /** A duration the guest sets: a u64 of nanoseconds, at most the call's time cap. */
    private Long clamp(WitValue v) {
        WitValue.OptionV o = (WitValue.OptionV) v;
        if (!o.isSome()) {
            return null;
        }
        long d = ((WitValue.Int) o.value()).value();
        return Long.compareUnsigned(d, capNanos()) > 0 ? capNanos() : d;
    }

    /**
     * {@link OutgoingHttp}'s failure as a wasi:http error-code. Its {@code failed} kind carries the
     * cause in the message only, so the message's known beginnings pick the code.
     */
    private WitValue errorCode(OutgoingHttp.Failure f) {
        String m = f.message() == null ? "" : f.message();
        return switch (f.kind()) {
            case "denied" -> new WitValue.VariantV("HTTP-request-denied", null);
            case "timeout" -> new WitValue.VariantV("connection-timeout", null);
            case "too-large" -> new WitValue.VariantV("HTTP-response-body-size", new WitValue.OptionV(new WitValue.Int(ctx.limits().httpMaxBody())));
            case "invalid-url" -> new WitValue.VariantV("HTTP-request-URI-invalid", null);
            default -> {
                if (m.startsWith("cannot resolve")) {
                    Map<String, WitValue> p = new LinkedHashMap<>();
                    p.put("rcode", new WitValue.OptionV(new WitValue.Str("NXDOMAIN")));
                    p.put("info-code", WitValue.OptionV.NONE);
                    yield new WitValue.VariantV("DNS-error", new WitValue.RecordV(p));
                }
                if (m.startsWith("ConnectException")) {
                    yield new WitValue.VariantV("connection-refused", null);
                }
                if (m.startsWith("HttpConnectTimeoutException")) {
                    yield new WitValue.VariantV("connection-timeout", null);
                }
                if (m.startsWith("invalid method")) {
                    yield new WitValue.VariantV("HTTP-request-method-invalid", null);
                }
                if (m.startsWith("more than") && m.endsWith("redirects")) {
                    yield new WitValue.VariantV("loop-detected", null);
                }
                if (m.startsWith("SSLHandshakeException")) {
                    yield new WitValue.VariantV("TLS-certificate-error", null);
                }
                yield internalError(m);
            }
        };
    }

    private static WitValue internalError(String message) {
        return new WitValue.VariantV("internal-error", new WitValue.OptionV(new WitValue.Str(message)));
    }

    // ---------------------------------------------------------------- fields

    /** Null when added; else the header-error case. */
    private static String add(Fields f, String name, byte[] value) {
        String problem = checkName(name);
        if (problem == null) {
            problem = checkValue(value);
        }
        if (problem != null) {
            return problem;
        }
        if (f.entries.size() >= MAX_FIELDS || f.bytes + (long) name.length() + value.length > MAX_FIELD_BYTES) {
            throw new AbiTrap("a wasi:http fields holds at most " + MAX_FIELDS + " entries and " + MAX_FIELD_BYTES + " bytes");
        }
        f.entries.add(Map.entry(name.toLowerCase(Locale.ROOT), value));
        f.bytes += name.length() + value.length;
        return null;
    }

    private static void remove(Fields f, String lowerName) {
        f.entries.removeIf(e -> {
            if (e.getKey().equals(lowerName)) {
                f.bytes -= e.getKey().length() + e.getValue().length;
                return true;
            }
            return false;
        });
    }

    private static String checkName(String name) {
        if (!TOKEN.matcher(name).matches()) {
            return "invalid-syntax";
        }
        return FORBIDDEN.contains(name.toLowerCase(Locale.ROOT)) ? "forbidden" : null;
    }

    /** RFC 9110 field-value: visible bytes, spaces and tabs inside, no NUL, CR or LF; no surrounding whitespace. */
    private static String checkValue(byte[] v) {
        for (int i = 0; i < v.length; i++) {
            int b = v[i] & 0xFF;
            boolean ws = b == ' ' || b == '\t';
            if ((b < 0x20 && b != '\t') || b == 0x7F || (ws && (i == 0 || i == v.length - 1))) {
                return "invalid-syntax";
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- values

    private static String str(WitValue v) {
        return ((WitValue.Str) v).value();
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

    private static String optString(WitValue v) {
        WitValue.OptionV o = (WitValue.OptionV) v;
        return o.isSome() ? str(o.value()) : null;
    }

    private static WitValue opt(String s) {
        return s == null ? WitValue.OptionV.NONE : new WitValue.OptionV(new WitValue.Str(s));
    }

    private static WitValue opt(Long n) {
        return n == null ? WitValue.OptionV.NONE : new WitValue.OptionV(new WitValue.Int(n));
    }
}
