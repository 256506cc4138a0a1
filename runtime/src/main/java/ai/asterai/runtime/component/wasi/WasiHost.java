package ai.asterai.runtime.component.wasi;

import ai.asterai.runtime.abi.AbiTrap;
import ai.asterai.runtime.abi.AbiType;
import ai.asterai.runtime.abi.AbiType.Scalar;
import ai.asterai.runtime.abi.ResourceType;
import ai.asterai.runtime.abi.WitSignature;
import ai.asterai.runtime.abi.WitValue;
import ai.asterai.runtime.component.HostFunction;
import ai.asterai.runtime.sandbox.LogLineStream;
import ai.asterai.runtime.sandbox.LogRecord;
import ai.asterai.runtime.sandbox.WasiSandbox;
import ai.asterai.runtime.host.HostCallInterrupted;
import ai.asterai.runtime.host.HostContext;
import com.dylibso.chicory.wasi.WasiExitException;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WASI 0.2 for one component instance, from its permissions and nothing else: {@code wasi:io}
 * (error, poll, streams), {@code wasi:cli} (environment with only the granted variables, exit, an
 * empty stdin, stdout/stderr into the component's log, no terminals), {@code wasi:clocks} and
 * {@code wasi:random}, {@code wasi:filesystem} over the granted directories ({@link WasiFilesystem}),
 * {@code wasi:http} outgoing requests ({@link WasiHttp}, through the same allow-list as
 * {@code asterai:http}) and {@code wasi:sockets} with every socket and lookup refused ({@link WasiSockets}).
 * Resources are host resources: the guest holds handles, the representation is
 * an index into this object's table (at most {@value #MAX_OBJECTS} live). Any 0.2.x version of an
 * interface name is served by the same functions; an interface not here stays unprovided and the
 * component is refused at link time naming it. Closing it closes the files the guest left open.
 */
public final class WasiHost implements AutoCloseable {
    /** The largest write a stream accepts in one call (what {@code check-write} permits). */
    public static final int MAX_WRITE = 1 << 20;
    /** The most bytes one read or one random-bytes call returns. */
    public static final int MAX_READ = 1 << 20;
    static final int MAX_OBJECTS = 1 << 16;

    /** Every interface this host defines (kept in step with {@link #define} by {@link #iface}). */
    static final java.util.Set<String> INTERFACES = java.util.Set.of("wasi:io/error", "wasi:io/poll", "wasi:io/streams",
            "wasi:cli/environment", "wasi:cli/exit", "wasi:cli/stdin", "wasi:cli/stdout", "wasi:cli/stderr",
            "wasi:cli/terminal-input", "wasi:cli/terminal-output", "wasi:cli/terminal-stdin", "wasi:cli/terminal-stdout",
            "wasi:cli/terminal-stderr", "wasi:clocks/monotonic-clock", "wasi:clocks/wall-clock", "wasi:random/random",
            "wasi:random/insecure", "wasi:random/insecure-seed", "wasi:filesystem/types", "wasi:filesystem/preopens",
            "wasi:http/types", "wasi:http/outgoing-handler",
            "wasi:sockets/network", "wasi:sockets/instance-network", "wasi:sockets/tcp", "wasi:sockets/tcp-create-socket",
            "wasi:sockets/udp", "wasi:sockets/udp-create-socket", "wasi:sockets/ip-name-lookup");

    /**
     * Whether an import of this name links against this host (any 0.2.x version), without an instance:
     * for {@code asterai inspect}. The file system always links; its preopens are the granted directories.
     */
    public static boolean provides(String importName) {
        Matcher m = NAME.matcher(importName);
        return m.matches() && INTERFACES.contains(m.group(1));
    }

    private static final Pattern NAME = Pattern.compile("(wasi:[a-z][a-z0-9-]*/[a-z][a-z0-9-]*)@0\\.2\\.(0|[1-9][0-9]{0,5})");

    /**
     * Something a pollable stands for: ready now, at a monotonic instant, or when a host condition
     * holds ({@code condition} non-null; the guest alone can make it true, e.g. by finishing a request
     * body, so waiting on it while false would wait forever).
     */
    record Pollable(long readyAtNanos, java.util.function.BooleanSupplier condition, String waitsFor) {
        static final Pollable READY = new Pollable(Long.MIN_VALUE, null, null);

        Pollable(long readyAtNanos) {
            this(readyAtNanos, null, null);
        }

        static Pollable when(java.util.function.BooleanSupplier condition, String waitsFor) {
            return new Pollable(Long.MIN_VALUE, condition, waitsFor);
        }
    }

    /** A host object told when the guest drops its handle (not when the host takes it over). */
    interface Droppable {
        void dropped();
    }

    /** Where an input stream's bytes come from. */
    @FunctionalInterface
    interface Source {
        /** At most {@code max} bytes (none when nothing is available yet), or null at the end. */
        byte[] read(int max) throws IOException;
    }

    /** An input stream: stdin (empty), a file ({@link WasiFilesystem}) or bytes the host holds (an HTTP body). */
    record Input(Source source) {
        /** Over {@code data}, read from the start. */
        Input(byte[] data) {
            this(over(data));
        }

        private static Source over(byte[] data) {
            int[] position = {0};
            return max -> {
                if (position[0] >= data.length) {
                    return null;
                }
                int n = Math.min(max, data.length - position[0]);
                byte[] b = java.util.Arrays.copyOfRange(data, position[0], position[0] + n);
                position[0] += n;
                return b;
            };
        }
    }

    /** An output stream: stdout, stderr, a file or an HTTP request body. */
    record Output(OutputStream sink) {
    }

    /** A {@code wasi:io/error}; {@code fsCode} is its {@code wasi:filesystem} error-code, or null. */
    record Error(String message, String fsCode) {
        Error(String message) {
            this(message, null);
        }
    }

    private final HostContext ctx;
    private final Clock wall;
    private final long origin = System.nanoTime();
    private final SecureRandom secure = new SecureRandom();
    private final SplittableRandom insecure = new SplittableRandom(secure.nextLong());
    private final long seed0 = secure.nextLong();
    private final long seed1 = secure.nextLong();
    private final Map<Integer, Object> objects = new HashMap<>();
    private int next = 1;

    final ResourceType error = resource("error");
    final ResourceType pollable = resource("pollable");
    final ResourceType inputStream = resource("input-stream");
    final ResourceType outputStream = resource("output-stream");
    private final ResourceType terminalInput = resource("terminal-input");
    private final ResourceType terminalOutput = resource("terminal-output");
    private final ResourceType descriptor = resource("descriptor");
    private final ResourceType directoryEntryStream = resource("directory-entry-stream");
    private final Output stdout;
    private final Output stderr;
    private final LogLineStream stdoutLines;
    private final LogLineStream stderrLines;
    private final Map<String, Map<String, Object>> interfaces = new LinkedHashMap<>();
    private final WasiFilesystem filesystem;

    public WasiHost(HostContext ctx, WasiSandbox.ClockMode clock) {
        this.ctx = ctx;
        this.wall = clock == WasiSandbox.ClockMode.FIXED ? Clock.fixed(Instant.parse("2000-01-01T00:00:00Z"), ZoneOffset.UTC) : Clock.systemUTC();
        int line = ctx.limits().logMaxBytes();
        this.stdoutLines = new LogLineStream(ctx.log(), ctx.component(), "stdout", LogRecord.Level.INFO, line,
                LogLineStream.PER_CALL_BYTES, ctx.audit());
        this.stderrLines = new LogLineStream(ctx.log(), ctx.component(), "stderr", LogRecord.Level.WARN, line,
                LogLineStream.PER_CALL_BYTES, ctx.audit());
        this.stdout = new Output(stdoutLines);
        this.stderr = new Output(stderrLines);
        this.filesystem = new WasiFilesystem(this, ctx);
        define();
    }

    /**
     * A call of the instance begins: stdout and stderr get a fresh {@link LogLineStream#PER_CALL_BYTES}
     * each (a line the previous call left unfinished is written out first).
     */
    public void startCall() {
        stdoutLines.startCall();
        stderrLines.startCall();
    }

    HostContext ctx() {
        return ctx;
    }

    /**
     * The interface an import names, for any 0.2.x version: function names to {@link HostFunction}s
     * and resource names to {@link ResourceType}s; empty for anything else.
     */
    public Optional<Map<String, Object>> find(String importName) {
        Matcher m = NAME.matcher(importName);
        return m.matches() ? Optional.ofNullable(interfaces.get(m.group(1))) : Optional.empty();
    }

    /** Live host objects behind guest handles (for tests and leak checks). */
    public int liveObjects() {
        return objects.size();
    }

    // ---------------------------------------------------------------- the host object table

    ResourceType resource(String name) {
        return new ResourceType(name, null, (rep, from) -> release(objects.remove(rep)));
    }

    private static void release(Object o) {
        if (o instanceof Droppable d) {
            d.dropped();
        }
        if (o instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // a file that fails to close on drop has nothing more to lose; the guest cannot be told
                throw new AbiTrap("closing a dropped WASI resource failed: " + e.getMessage());
            }
        }
    }

    /** Closes every file and directory listing the guest still holds (the instance is closing). */
    @Override
    public void close() {
        List<Object> left = new ArrayList<>(objects.values());
        objects.clear();
        for (Object o : left) {
            if (o instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    ctx.log().write(new LogRecord(Instant.now(), ctx.component(), LogRecord.Level.WARN,
                            "closing a WASI file left open failed", List.of(Map.entry("reason", String.valueOf(e.getMessage())))));
                }
            }
        }
    }

    ResourceType inputStreamType() {
        return inputStream;
    }

    ResourceType outputStreamType() {
        return outputStream;
    }

    ResourceType errorType() {
        return error;
    }

    ResourceType descriptorType() {
        return descriptor;
    }

    ResourceType directoryEntryStreamType() {
        return directoryEntryStream;
    }

    WitValue.Handle own(ResourceType type, Object o) {
        if (objects.size() >= MAX_OBJECTS) {
            throw new AbiTrap(ctx.component() + " holds " + MAX_OBJECTS + " WASI resources; drop some first");
        }
        while (objects.containsKey(next) || next == 0) {
            next++;
        }
        objects.put(next, o);
        return new WitValue.Handle(type, next++);
    }

    <T> T object(WitValue v, Class<T> kind) {
        Object o = objects.get(((WitValue.Handle) v).rep());
        if (!kind.isInstance(o)) {
            throw new AbiTrap("WASI resource " + ((WitValue.Handle) v).rep() + " is not a live " + kind.getSimpleName());
        }
        return kind.cast(o);
    }

    /** The object behind an owned handle the guest gave to the host: it leaves the table (the host consumes it). */
    <T> T take(WitValue v, Class<T> kind) {
        T o = object(v, kind);
        objects.remove(((WitValue.Handle) v).rep());
        return o;
    }

    // ---------------------------------------------------------------- the interfaces

    private void define() {
        AbiType u64 = Scalar.U64;
        AbiType bytes = new AbiType.ListT(Scalar.U8);
        AbiType streamError = AbiType.VariantT.of("stream-error",
                List.of(new AbiType.Case("last-operation-failed", new AbiType.OwnT(error)), new AbiType.Case("closed", null)));
        AbiType ownPollable = new AbiType.OwnT(pollable);

        Map<String, Object> io = iface("wasi:io/error", "error", error);
        fn(io, "[method]error.to-debug-string", Scalar.STRING, a -> new WitValue.Str(object(a.get(0), Error.class).message()),
                new AbiType.BorrowT(error));

        Map<String, Object> poll = iface("wasi:io/poll", "pollable", pollable);
        AbiType borrowPollable = new AbiType.BorrowT(pollable);
        fn(poll, "[method]pollable.ready", Scalar.BOOL, a -> new WitValue.Bool(ready(object(a.get(0), Pollable.class))), borrowPollable);
        fn(poll, "[method]pollable.block", null, a -> {
            block(object(a.get(0), Pollable.class));
            return null;
        }, borrowPollable);
        fn(poll, "poll", new AbiType.ListT(Scalar.U32), a -> poll(((WitValue.ListV) a.get(0)).items()), new AbiType.ListT(borrowPollable));

        Map<String, Object> streams = iface("wasi:io/streams", "input-stream", inputStream);
        streams.put("output-stream", outputStream);
        AbiType in = new AbiType.BorrowT(inputStream);
        AbiType out = new AbiType.BorrowT(outputStream);
        AbiType readResult = AbiType.ResultT.of(bytes, streamError);
        AbiType countResult = AbiType.ResultT.of(u64, streamError);
        AbiType unitResult = AbiType.ResultT.of(null, streamError);
        fn(streams, "[method]input-stream.read", readResult, a -> read(object(a.get(0), Input.class), a.get(1), false), in, u64);
        fn(streams, "[method]input-stream.blocking-read", readResult, a -> read(object(a.get(0), Input.class), a.get(1), false), in, u64);
        fn(streams, "[method]input-stream.skip", countResult, a -> read(object(a.get(0), Input.class), a.get(1), true), in, u64);
        fn(streams, "[method]input-stream.blocking-skip", countResult, a -> read(object(a.get(0), Input.class), a.get(1), true), in, u64);
        fn(streams, "[method]input-stream.subscribe", ownPollable, a -> own(pollable, Pollable.READY), in);
        fn(streams, "[method]output-stream.check-write", countResult, a -> {
            object(a.get(0), Output.class);
            return WitValue.ResultV.ok(new WitValue.Int(MAX_WRITE));
        }, out);
        fn(streams, "[method]output-stream.write", unitResult, a -> write(object(a.get(0), Output.class), bytes(a.get(1)), false), out, bytes);
        fn(streams, "[method]output-stream.blocking-write-and-flush", unitResult,
                a -> write(object(a.get(0), Output.class), bytes(a.get(1)), true), out, bytes);
        fn(streams, "[method]output-stream.flush", unitResult, a -> write(object(a.get(0), Output.class), new byte[0], true), out);
        fn(streams, "[method]output-stream.blocking-flush", unitResult, a -> write(object(a.get(0), Output.class), new byte[0], true), out);
        fn(streams, "[method]output-stream.subscribe", ownPollable, a -> own(pollable, Pollable.READY), out);
        fn(streams, "[method]output-stream.write-zeroes", unitResult,
                a -> write(object(a.get(0), Output.class), new byte[checkedLength(a.get(1), MAX_WRITE, "write-zeroes")], false), out, u64);
        fn(streams, "[method]output-stream.blocking-write-zeroes-and-flush", unitResult,
                a -> write(object(a.get(0), Output.class), new byte[checkedLength(a.get(1), MAX_WRITE, "write-zeroes")], true), out, u64);
        fn(streams, "[method]output-stream.splice", countResult, a -> splice(a), out, in, u64);
        fn(streams, "[method]output-stream.blocking-splice", countResult, a -> splice(a), out, in, u64);

        Map<String, Object> env = iface("wasi:cli/environment", null, null);
        fn(env, "get-environment", new AbiType.ListT(AbiType.TupleT.of(List.of(Scalar.STRING, Scalar.STRING))), a -> {
            List<WitValue> vars = new ArrayList<>();
            // only what EffectivePermissions holds: declared and granted (the resolver audits the rest)
            ctx.permissions().env().forEach((k, v) -> vars.add(new WitValue.TupleV(List.of(new WitValue.Str(k), new WitValue.Str(v)))));
            return new WitValue.ListV(vars);
        });
        fn(env, "get-arguments", new AbiType.ListT(Scalar.STRING), a -> new WitValue.ListV(List.of(new WitValue.Str(ctx.component()))));
        fn(env, "initial-cwd", AbiType.OptionT.of(Scalar.STRING), a -> WitValue.OptionV.NONE);

        Map<String, Object> exit = iface("wasi:cli/exit", null, null);
        fn(exit, "exit", null, a -> {
            throw new WasiExitException(((WitValue.ResultV) a.get(0)).isOk() ? 0 : 1);
        }, AbiType.ResultT.of(null, null));
        fn(exit, "exit-with-code", null, a -> {
            throw new WasiExitException((int) ((WitValue.Int) a.get(0)).value());
        }, Scalar.U8);

        fn(iface("wasi:cli/stdin", null, null), "get-stdin", new AbiType.OwnT(inputStream), a -> own(inputStream, new Input(max -> null)));
        fn(iface("wasi:cli/stdout", null, null), "get-stdout", new AbiType.OwnT(outputStream), a -> own(outputStream, stdout));
        fn(iface("wasi:cli/stderr", null, null), "get-stderr", new AbiType.OwnT(outputStream), a -> own(outputStream, stderr));
        iface("wasi:cli/terminal-input", "terminal-input", terminalInput);
        iface("wasi:cli/terminal-output", "terminal-output", terminalOutput);
        fn(iface("wasi:cli/terminal-stdin", null, null), "get-terminal-stdin",
                AbiType.OptionT.of(new AbiType.OwnT(terminalInput)), a -> WitValue.OptionV.NONE);
        fn(iface("wasi:cli/terminal-stdout", null, null), "get-terminal-stdout",
                AbiType.OptionT.of(new AbiType.OwnT(terminalOutput)), a -> WitValue.OptionV.NONE);
        fn(iface("wasi:cli/terminal-stderr", null, null), "get-terminal-stderr",
                AbiType.OptionT.of(new AbiType.OwnT(terminalOutput)), a -> WitValue.OptionV.NONE);

        Map<String, Object> mono = iface("wasi:clocks/monotonic-clock", null, null);
        fn(mono, "now", u64, a -> new WitValue.Int(monotonicNow()));
        fn(mono, "resolution", u64, a -> new WitValue.Int(1));
        fn(mono, "subscribe-instant", ownPollable, a -> {
            long when = ((WitValue.Int) a.get(0)).value();
            // an instant is a u64: one past 2^63 is far in the future, not before the origin
            return own(pollable, new Pollable(when < 0 ? Long.MAX_VALUE : when));
        }, u64);
        fn(mono, "subscribe-duration", ownPollable, a -> {
            long d = ((WitValue.Int) a.get(0)).value();
            long now = monotonicNow();
            // a duration is a u64: saturate instead of wrapping into the past
            long at = Long.compareUnsigned(d, Long.MAX_VALUE - now) > 0 ? Long.MAX_VALUE : now + d;
            return own(pollable, new Pollable(at));
        }, u64);

        AbiType datetime = AbiType.RecordT.of("datetime", List.of("seconds", "nanoseconds"), List.of(u64, Scalar.U32));
        Map<String, Object> wallClock = iface("wasi:clocks/wall-clock", null, null);
        fn(wallClock, "now", datetime, a -> {
            Instant t = wall.instant();
            return datetime(t.getEpochSecond(), t.getNano());
        });
        fn(wallClock, "resolution", datetime, a -> datetime(0, 1000));
        filesystem.define(datetime);

        Map<String, Object> random = iface("wasi:random/random", null, null);
        fn(random, "get-random-bytes", bytes, a -> {
            byte[] b = new byte[checkedLength(a.get(0), MAX_READ, "get-random-bytes")];
            secure.nextBytes(b);
            return new WitValue.Bytes(b);
        }, u64);
        fn(random, "get-random-u64", u64, a -> new WitValue.Int(secure.nextLong()));
        new WasiHttp(this).define();
        new WasiSockets(this).define();
        Map<String, Object> weak = iface("wasi:random/insecure", null, null);
        fn(weak, "get-insecure-random-bytes", bytes, a -> {
            byte[] b = new byte[checkedLength(a.get(0), MAX_READ, "get-insecure-random-bytes")];
            insecure.nextBytes(b);
            return new WitValue.Bytes(b);
        }, u64);
        fn(weak, "get-insecure-random-u64", u64, a -> new WitValue.Int(insecure.nextLong()));
        fn(iface("wasi:random/insecure-seed", null, null), "insecure-seed", AbiType.TupleT.of(List.of(u64, u64)),
                a -> new WitValue.TupleV(List.of(new WitValue.Int(seed0), new WitValue.Int(seed1))));
    }

    Map<String, Object> iface(String name, String resourceName, ResourceType resource) {
        if (!INTERFACES.contains(name)) {
            throw new IllegalStateException(name + " is defined but not listed in WasiHost.INTERFACES");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (resourceName != null) {
            m.put(resourceName, resource);
        }
        interfaces.put(name, m);
        return m;
    }

    static void fn(Map<String, Object> iface, String name, AbiType result, HostFunction.Implementation impl, AbiType... params) {
        List<WitSignature.Param> ps = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            ps.add(new WitSignature.Param(i == 0 && name.startsWith("[method]") ? "self" : "p" + i, params[i]));
        }
        iface.put(name, new HostFunction(new WitSignature(name, ps, result), impl));
    }

    // ---------------------------------------------------------------- behaviour

    private long monotonicNow() {
        return System.nanoTime() - origin;
    }

    private boolean ready(Pollable p) {
        return p.condition() != null ? p.condition().getAsBoolean() : p.readyAtNanos() <= monotonicNow();
    }

    private void block(Pollable p) {
        if (p.condition() != null) {
            if (!p.condition().getAsBoolean()) {
                throw new AbiTrap(ctx.component() + " waits for " + p.waitsFor() + ", which only it can bring about: it would wait forever");
            }
            return;
        }
        block(p.readyAtNanos());
    }

    /** Sleeps until the monotonic instant; the call's deadline interrupts the thread, which ends the call. */
    private void block(long at) {
        long left;
        while ((left = at - monotonicNow()) > 0) {
            try {
                Thread.sleep(left / 1_000_000L, (int) (left % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HostCallInterrupted("waiting on a wasi:io pollable", e);
            }
        }
    }

    private WitValue poll(List<WitValue> handles) {
        if (handles.isEmpty()) {
            throw new AbiTrap("wasi:io/poll#poll was given no pollables");
        }
        List<Pollable> ps = new ArrayList<>();
        for (WitValue h : handles) {
            ps.add(object(h, Pollable.class));
        }
        if (ps.stream().noneMatch(this::ready)) {
            // only the clock can make one ready now: wait for the earliest instant
            List<Pollable> timed = ps.stream().filter(p -> p.condition() == null).toList();
            if (timed.isEmpty()) {
                block(ps.get(0));
            }
            block(timed.stream().mapToLong(Pollable::readyAtNanos).min().orElseThrow());
        }
        List<WitValue> readyIndices = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            if (ready(ps.get(i))) {
                readyIndices.add(new WitValue.Int(i));
            }
        }
        return new WitValue.ListV(readyIndices);
    }

    private static final WitValue CLOSED = WitValue.ResultV.err(new WitValue.VariantV("closed", null));

    private WitValue read(Input in, WitValue length, boolean skip) {
        long want = ((WitValue.Int) length).value();
        int n = (int) (Long.compareUnsigned(want, MAX_READ) > 0 ? MAX_READ : want);
        byte[] b;
        try {
            b = in.source().read(n);
        } catch (IOException e) {
            return failed(e);
        }
        if (b == null) {
            return CLOSED;
        }
        return WitValue.ResultV.ok(skip ? new WitValue.Int(b.length) : new WitValue.Bytes(b));
    }

    /** A stream operation failed: {@code last-operation-failed} with an error the guest can ask about. */
    private WitValue failed(IOException e) {
        String code = WasiFilesystem.code(e);
        WitValue.Handle h = own(error, new Error("the file operation failed (" + code + ")", code));
        return WitValue.ResultV.err(new WitValue.VariantV("last-operation-failed", h));
    }

    private WitValue write(Output out, byte[] data, boolean flush) {
        if (data.length > MAX_WRITE) {
            // the guest must ask check-write first; writing more than it permitted is a trap in WASI
            throw new AbiTrap("a write of " + data.length + " bytes to a wasi:io output-stream exceeds check-write's " + MAX_WRITE);
        }
        try {
            out.sink().write(data);
            if (flush) {
                out.sink().flush();
            }
        } catch (IOException e) {
            // a file's failure carries its wasi:filesystem error-code; another sink's (a request body over
            // its cap) only its message, which the guest can read
            return out.sink() instanceof WasiHttp.Capped ? WitValue.ResultV.err(new WitValue.VariantV("last-operation-failed",
                    own(error, new Error(e.getMessage())))) : failed(e);
        }
        return WitValue.ResultV.ok(null);
    }

    private WitValue splice(List<WitValue> a) {
        Output out = object(a.get(0), Output.class);
        WitValue r = read(object(a.get(1), Input.class), a.get(2), false);
        if (r instanceof WitValue.ResultV rv && rv.isOk()) {
            byte[] b = ((WitValue.Bytes) rv.payload()).value();
            WitValue w = write(out, b, false);
            return ((WitValue.ResultV) w).isOk() ? WitValue.ResultV.ok(new WitValue.Int(b.length)) : w;
        }
        return r;
    }

    private static byte[] bytes(WitValue v) {
        return ((WitValue.Bytes) v).value();
    }

    static int checkedLength(WitValue v, int max, String what) {
        long n = ((WitValue.Int) v).value();
        if (n < 0 || n > max) {
            throw new AbiTrap(what + " of " + Long.toUnsignedString(n) + " bytes; at most " + max + " per call");
        }
        return (int) n;
    }

    private static WitValue datetime(long seconds, int nanos) {
        Map<String, WitValue> f = new LinkedHashMap<>();
        f.put("seconds", new WitValue.Int(seconds));
        f.put("nanoseconds", new WitValue.Int(nanos));
        return new WitValue.RecordV(f);
    }

}
