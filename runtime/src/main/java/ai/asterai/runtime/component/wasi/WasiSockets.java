package ai.asterai.runtime.component.wasi;

import ai.asterai.runtime.abi.AbiTrap;
import ai.asterai.runtime.abi.AbiType;
import ai.asterai.runtime.abi.AbiType.Scalar;
import ai.asterai.runtime.abi.ResourceType;
import ai.asterai.runtime.abi.WitValue;
import ai.asterai.runtime.component.HostFunction;
import ai.asterai.runtime.host.HostContext;
import ai.asterai.runtime.sandbox.AuditEvent;
import java.util.List;
import java.util.Map;

import static ai.asterai.runtime.component.wasi.WasiHost.fn;

/**
 * {@code wasi:sockets} (every interface of 0.2.x) so that components built against it link, with
 * nothing a user could grant: {@code instance-network} hands out a network that reaches nothing,
 * creating a TCP or UDP socket and resolving a name are {@code access-denied} (each audited), and
 * since no socket or lookup stream can ever exist their methods are unreachable (lifting their
 * {@code self} handle traps first). A component's network is {@code wasi:http} or {@code asterai:http}.
 */
final class WasiSockets {
    private static final WitValue ACCESS_DENIED = WitValue.ResultV.err(new WitValue.EnumV("access-denied"));

    private final WasiHost host;
    private final HostContext ctx;

    /** The network {@code instance-network} returns: a capability that grants nothing. */
    private record Network() {
    }

    WasiSockets(WasiHost host) {
        this.host = host;
        this.ctx = host.ctx();
    }

    void define() {
        AbiType u8 = Scalar.U8;
        AbiType u16 = Scalar.U16;
        AbiType u32 = Scalar.U32;
        AbiType u64 = Scalar.U64;
        AbiType bool = Scalar.BOOL;
        ResourceType network = host.resource("network");
        ResourceType tcpSocket = host.resource("tcp-socket");
        ResourceType udpSocket = host.resource("udp-socket");
        ResourceType incomingDatagrams = host.resource("incoming-datagram-stream");
        ResourceType outgoingDatagrams = host.resource("outgoing-datagram-stream");
        ResourceType resolveStream = host.resource("resolve-address-stream");

        AbiType errorCode = AbiType.EnumT.of("error-code", List.of("unknown", "access-denied", "not-supported", "invalid-argument",
                "out-of-memory", "timeout", "concurrency-conflict", "not-in-progress", "would-block", "invalid-state",
                "new-socket-limit", "address-not-bindable", "address-in-use", "remote-unreachable", "connection-refused",
                "connection-reset", "connection-aborted", "datagram-too-large", "name-unresolvable", "temporary-resolver-failure",
                "permanent-resolver-failure"));
        AbiType family = AbiType.EnumT.of("ip-address-family", List.of("ipv4", "ipv6"));
        AbiType ipv4 = AbiType.TupleT.of(List.of(u8, u8, u8, u8));
        AbiType ipv6 = AbiType.TupleT.of(List.of(u16, u16, u16, u16, u16, u16, u16, u16));
        AbiType ipAddress = AbiType.VariantT.of("ip-address", List.of(new AbiType.Case("ipv4", ipv4), new AbiType.Case("ipv6", ipv6)));
        AbiType v4Socket = AbiType.RecordT.of("ipv4-socket-address", List.of("port", "address"), List.of(u16, ipv4));
        AbiType v6Socket = AbiType.RecordT.of("ipv6-socket-address", List.of("port", "flow-info", "address", "scope-id"),
                List.of(u16, u32, ipv6, u32));
        AbiType socketAddress = AbiType.VariantT.of("ip-socket-address",
                List.of(new AbiType.Case("ipv4", v4Socket), new AbiType.Case("ipv6", v6Socket)));
        AbiType unit = AbiType.ResultT.of(null, errorCode);
        AbiType ownPollable = new AbiType.OwnT(host.pollable);
        AbiType ownIn = new AbiType.OwnT(host.inputStream);
        AbiType ownOut = new AbiType.OwnT(host.outputStream);
        AbiType borrowNetwork = new AbiType.BorrowT(network);

        Map<String, Object> net = host.iface("wasi:sockets/network", "network", network);
        fn(net, "network-error-code", AbiType.OptionT.of(errorCode), a -> WitValue.OptionV.NONE, new AbiType.BorrowT(host.error));
        fn(host.iface("wasi:sockets/instance-network", null, null), "instance-network", new AbiType.OwnT(network),
                a -> host.own(network, new Network()));

        HostFunction.Implementation none = a -> {
            throw new AbiTrap("no wasi:sockets socket or lookup exists: every one " + ctx.component() + " asked for was refused");
        };

        Map<String, Object> tcp = host.iface("wasi:sockets/tcp", "tcp-socket", tcpSocket);
        AbiType t = new AbiType.BorrowT(tcpSocket);
        String m = "[method]tcp-socket.";
        fn(tcp, m + "start-bind", unit, none, t, borrowNetwork, socketAddress);
        fn(tcp, m + "finish-bind", unit, none, t);
        fn(tcp, m + "start-connect", unit, none, t, borrowNetwork, socketAddress);
        fn(tcp, m + "finish-connect", AbiType.ResultT.of(AbiType.TupleT.of(List.of(ownIn, ownOut)), errorCode), none, t);
        fn(tcp, m + "start-listen", unit, none, t);
        fn(tcp, m + "finish-listen", unit, none, t);
        fn(tcp, m + "accept", AbiType.ResultT.of(AbiType.TupleT.of(List.of(new AbiType.OwnT(tcpSocket), ownIn, ownOut)), errorCode),
                none, t);
        fn(tcp, m + "local-address", AbiType.ResultT.of(socketAddress, errorCode), none, t);
        fn(tcp, m + "remote-address", AbiType.ResultT.of(socketAddress, errorCode), none, t);
        fn(tcp, m + "is-listening", bool, none, t);
        fn(tcp, m + "address-family", family, none, t);
        fn(tcp, m + "set-listen-backlog-size", unit, none, t, u64);
        fn(tcp, m + "keep-alive-enabled", AbiType.ResultT.of(bool, errorCode), none, t);
        fn(tcp, m + "set-keep-alive-enabled", unit, none, t, bool);
        fn(tcp, m + "keep-alive-idle-time", AbiType.ResultT.of(u64, errorCode), none, t);
        fn(tcp, m + "set-keep-alive-idle-time", unit, none, t, u64);
        fn(tcp, m + "keep-alive-interval", AbiType.ResultT.of(u64, errorCode), none, t);
        fn(tcp, m + "set-keep-alive-interval", unit, none, t, u64);
        fn(tcp, m + "keep-alive-count", AbiType.ResultT.of(u32, errorCode), none, t);
        fn(tcp, m + "set-keep-alive-count", unit, none, t, u32);
        fn(tcp, m + "hop-limit", AbiType.ResultT.of(u8, errorCode), none, t);
        fn(tcp, m + "set-hop-limit", unit, none, t, u8);
        fn(tcp, m + "receive-buffer-size", AbiType.ResultT.of(u64, errorCode), none, t);
        fn(tcp, m + "set-receive-buffer-size", unit, none, t, u64);
        fn(tcp, m + "send-buffer-size", AbiType.ResultT.of(u64, errorCode), none, t);
        fn(tcp, m + "set-send-buffer-size", unit, none, t, u64);
        fn(tcp, m + "subscribe", ownPollable, none, t);
        fn(tcp, m + "shutdown", unit, none, t, AbiType.EnumT.of("shutdown-type", List.of("receive", "send", "both")));

        fn(host.iface("wasi:sockets/tcp-create-socket", null, null), "create-tcp-socket",
                AbiType.ResultT.of(new AbiType.OwnT(tcpSocket), errorCode), a -> deny("tcp " + family(a.get(0)),
                        "creating a TCP socket"), family);

        Map<String, Object> udp = host.iface("wasi:sockets/udp", "udp-socket", udpSocket);
        udp.put("incoming-datagram-stream", incomingDatagrams);
        udp.put("outgoing-datagram-stream", outgoingDatagrams);
        AbiType u = new AbiType.BorrowT(udpSocket);
        AbiType incoming = AbiType.RecordT.of("incoming-datagram", List.of("data", "remote-address"),
                List.of(new AbiType.ListT(u8), socketAddress));
        AbiType outgoing = AbiType.RecordT.of("outgoing-datagram", List.of("data", "remote-address"),
                List.of(new AbiType.ListT(u8), AbiType.OptionT.of(socketAddress)));
        m = "[method]udp-socket.";
        fn(udp, m + "start-bind", unit, none, u, borrowNetwork, socketAddress);
        fn(udp, m + "finish-bind", unit, none, u);
        fn(udp, m + "stream", AbiType.ResultT.of(AbiType.TupleT.of(List.of(new AbiType.OwnT(incomingDatagrams),
                new AbiType.OwnT(outgoingDatagrams))), errorCode), none, u, AbiType.OptionT.of(socketAddress));
        fn(udp, m + "local-address", AbiType.ResultT.of(socketAddress, errorCode), none, u);
        fn(udp, m + "remote-address", AbiType.ResultT.of(socketAddress, errorCode), none, u);
        fn(udp, m + "address-family", family, none, u);
        fn(udp, m + "unicast-hop-limit", AbiType.ResultT.of(u8, errorCode), none, u);
        fn(udp, m + "set-unicast-hop-limit", unit, none, u, u8);
        fn(udp, m + "receive-buffer-size", AbiType.ResultT.of(u64, errorCode), none, u);
        fn(udp, m + "set-receive-buffer-size", unit, none, u, u64);
        fn(udp, m + "send-buffer-size", AbiType.ResultT.of(u64, errorCode), none, u);
        fn(udp, m + "set-send-buffer-size", unit, none, u, u64);
        fn(udp, m + "subscribe", ownPollable, none, u);
        AbiType in = new AbiType.BorrowT(incomingDatagrams);
        fn(udp, "[method]incoming-datagram-stream.receive", AbiType.ResultT.of(new AbiType.ListT(incoming), errorCode), none, in, u64);
        fn(udp, "[method]incoming-datagram-stream.subscribe", ownPollable, none, in);
        AbiType out = new AbiType.BorrowT(outgoingDatagrams);
        fn(udp, "[method]outgoing-datagram-stream.check-send", AbiType.ResultT.of(u64, errorCode), none, out);
        fn(udp, "[method]outgoing-datagram-stream.send", AbiType.ResultT.of(u64, errorCode), none, out, new AbiType.ListT(outgoing));
        fn(udp, "[method]outgoing-datagram-stream.subscribe", ownPollable, none, out);

        fn(host.iface("wasi:sockets/udp-create-socket", null, null), "create-udp-socket",
                AbiType.ResultT.of(new AbiType.OwnT(udpSocket), errorCode), a -> deny("udp " + family(a.get(0)),
                        "creating a UDP socket"), family);

        Map<String, Object> lookup = host.iface("wasi:sockets/ip-name-lookup", "resolve-address-stream", resolveStream);
        fn(lookup, "resolve-addresses", AbiType.ResultT.of(new AbiType.OwnT(resolveStream), errorCode), a -> {
            host.object(a.get(0), Network.class);
            return deny(((WitValue.Str) a.get(1)).value(), "resolving a host name");
        }, borrowNetwork, Scalar.STRING);
        AbiType r = new AbiType.BorrowT(resolveStream);
        fn(lookup, "[method]resolve-address-stream.resolve-next-address", AbiType.ResultT.of(AbiType.OptionT.of(ipAddress), errorCode),
                none, r);
        fn(lookup, "[method]resolve-address-stream.subscribe", ownPollable, none, r);
    }

    private static String family(WitValue v) {
        return ((WitValue.EnumV) v).caseName();
    }

    private WitValue deny(String target, String what) {
        ctx.audit().record(AuditEvent.denied(ctx.component(), "socket", target,
                what + " is refused: components get no sockets (their network is wasi:http or asterai:http, within granted hosts)"));
        return ACCESS_DENIED;
    }
}
