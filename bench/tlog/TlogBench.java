import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.ReleaseEnvelope;
import ai.asterai.protocol.tlog.Checkpoint;
import ai.asterai.protocol.tlog.EntryBundle;
import ai.asterai.protocol.tlog.Hash;
import ai.asterai.protocol.tlog.LogAudit;
import ai.asterai.protocol.tlog.LogEntry;
import ai.asterai.protocol.tlog.Merkle;
import ai.asterai.protocol.tlog.SignedNote;
import ai.asterai.protocol.tlog.Tile;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The client side of bench/tlog/run.sh:
 *
 * <pre>
 * load    JDBC_URL USER N      N entries (a namespace, its key, then signed releases) and every complete
 *                              subtree hash straight into tlog_entries/tlog_hashes/tlog_head (COPY), as
 *                              appends would have left them
 * proofs  URL REQUESTS         inclusion and consistency proofs from the server route: latency, size; then the
 *                              client's verification time of each
 * verify  URL [FROM]           what `asterai log verify [--from FROM]` does (bundles, LogAudit, root compared
 *                              with the signed checkpoint), timed
 * port                         a free loopback TCP port
 * </pre>
 */
public final class TlogBench {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] a) throws Exception {
        switch (a[0]) {
            case "load" -> load(a[1], a[2], Integer.parseInt(a[3]));
            case "proofs" -> proofs(a[1], Integer.parseInt(a[2]));
            case "verify" -> verify(a[1], a.length > 2 ? Long.parseLong(a[2]) : 0);
            case "port" -> {
                try (ServerSocket s = new ServerSocket(0)) {
                    System.out.println(s.getLocalPort());
                }
            }
            default -> throw new IllegalArgumentException(a[0]);
        }
    }

    static byte[] entry(SigningKey key, int i) {
        if (i == 0) {
            return new LogEntry.NamespaceCreated("bench").bytes();
        }
        if (i == 1) {
            return new LogEntry.KeyAdded("bench", key.publicKey(), null, null).bytes();
        }
        byte[] seed = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        ReleaseEnvelope env = new ReleaseEnvelope(new PackageName("bench", "pkg" + (i / 1000)), Version.parse("1.0." + (i % 1000)),
                PackageKind.COMPONENT, Digest.of(seed), Digest.of(("w" + i).getBytes(StandardCharsets.US_ASCII)),
                Digest.of(("i" + i).getBytes(StandardCharsets.US_ASCII)));
        return new LogEntry.ReleasePublished(env, key.publicKey().keyId(), Base64.getEncoder().encodeToString(key.sign(env.canonicalBytes()))).bytes();
    }

    static void load(String url, String user, int n) throws Exception {
        SigningKey key = SigningKey.fromSeed("tlog-bench-namespace-key-0123456".getBytes(StandardCharsets.US_ASCII));
        long t0 = System.nanoTime();
        Hash[] leaves = new Hash[n];
        HexFormat hex = HexFormat.of();
        try (Connection db = DriverManager.getConnection(url, user, "")) {
            CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
            int chunk = 20_000;
            long bytes = 0;
            for (int from = 0; from < n; from += chunk) {
                int to = Math.min(n, from + chunk);
                byte[][] data = new byte[to - from][];
                int base = from;
                IntStream.range(from, to).parallel().forEach(i -> data[i - base] = entry(key, i));
                StringBuilder csv = new StringBuilder();
                for (int i = from; i < to; i++) {
                    leaves[i] = Merkle.leafHash(data[i - from]);
                    bytes += data[i - from].length;
                    csv.append(i).append(",\\x").append(hex.formatHex(data[i - from])).append('\n');
                }
                copy.copyIn("copy tlog_entries (idx, data) from stdin (format csv)", new StringReader(csv.toString()));
            }
            System.err.printf("entries: %d (%d bytes) in %.1f s%n", n, bytes, (System.nanoTime() - t0) / 1e9);
            long rows = 0;
            List<Hash[]> levels = new ArrayList<>();
            Hash[] level = leaves;
            for (int l = 0; level.length > 0; l++) {
                levels.add(level);
                StringBuilder csv = new StringBuilder();
                for (int i = 0; i < level.length; i++) {
                    csv.append(l).append(',').append(i).append(",\\x").append(level[i].hex()).append('\n');
                    if (csv.length() > 8_000_000) {
                        copy.copyIn("copy tlog_hashes (level, idx, hash) from stdin (format csv)", new StringReader(csv.toString()));
                        csv.setLength(0);
                    }
                }
                copy.copyIn("copy tlog_hashes (level, idx, hash) from stdin (format csv)", new StringReader(csv.toString()));
                rows += level.length;
                Hash[] up = new Hash[level.length / 2];
                for (int i = 0; i < up.length; i++) {
                    up[i] = Merkle.nodeHash(level[2 * i], level[2 * i + 1]);
                }
                level = up;
            }
            Hash root = Merkle.treeHash(nodes -> nodes.stream().map(node -> levels.get(node.level())[(int) node.index()]).toList(), n);
            try (PreparedStatement st = db.prepareStatement("update tlog_head set size = ?, root = ? where id = 1")) {
                st.setLong(1, n);
                st.setBytes(2, root.bytes());
                st.executeUpdate();
            }
            System.err.printf("loaded %d entries and %d subtree hashes in %.1f s; root %s%n", n, rows, (System.nanoTime() - t0) / 1e9, root.base64());
            System.out.println(n + " entries (" + bytes + " bytes of entries), " + rows + " subtree hashes, loaded in "
                    + String.format("%.0f", (System.nanoTime() - t0) / 1e9) + " s");
        }
    }

    static byte[] get(String url) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + ": " + r.statusCode());
        }
        return r.body();
    }

    static Checkpoint checkpoint(String base) throws Exception {
        return Checkpoint.parse(SignedNote.parse(get(base + "/tlog/checkpoint")).text());
    }

    static List<Hash> hashes(byte[] json) {
        String s = new String(json, StandardCharsets.UTF_8);
        String list = s.substring(s.indexOf("\"hashes\":[") + 10, s.lastIndexOf(']'));
        List<Hash> out = new ArrayList<>();
        for (String h : list.split(",")) {
            if (!h.isBlank()) {
                out.add(Hash.parseBase64("hash", h.strip().replace("\"", "")));
            }
        }
        return out;
    }

    static String pct(long[] ns) {
        Arrays.sort(ns);
        return String.format("p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms", ns[ns.length / 2] / 1e6, ns[ns.length * 95 / 100] / 1e6,
                ns[ns.length * 99 / 100] / 1e6, ns[ns.length - 1] / 1e6);
    }

    static void proofs(String base, int requests) throws Exception {
        Checkpoint cp = checkpoint(base);
        long n = cp.size();
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 50; i++) { // warm-up
            get(base + "/tlog/proof/inclusion?index=" + rnd.nextLong(n) + "&size=" + n);
            get(base + "/tlog/proof/consistency?from=" + (1 + rnd.nextLong(n - 1)) + "&to=" + n);
        }
        long[] inc = new long[requests];
        long[] con = new long[requests];
        long incBytes = 0, conBytes = 0, incHashes = 0, conHashes = 0;
        List<long[]> incCases = new ArrayList<>();
        List<List<Hash>> incProofs = new ArrayList<>();
        List<long[]> conCases = new ArrayList<>();
        List<List<Hash>> conProofs = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            long idx = rnd.nextLong(n);
            long t = System.nanoTime();
            byte[] body = get(base + "/tlog/proof/inclusion?index=" + idx + "&size=" + n);
            inc[i] = System.nanoTime() - t;
            incBytes += body.length;
            List<Hash> p = hashes(body);
            incHashes += p.size();
            incCases.add(new long[] {idx});
            incProofs.add(p);
            long from = 1 + rnd.nextLong(n - 1);
            t = System.nanoTime();
            body = get(base + "/tlog/proof/consistency?from=" + from + "&to=" + n);
            con[i] = System.nanoTime() - t;
            conBytes += body.length;
            p = hashes(body);
            conHashes += p.size();
            conCases.add(new long[] {from});
            conProofs.add(p);
        }
        System.out.printf("inclusion proof, tree of %d: %.1f hashes, %.0f bytes of JSON on average; server route %s%n", n,
                incHashes / (double) requests, incBytes / (double) requests, pct(inc));
        System.out.printf("consistency proof to %d: %.1f hashes, %.0f bytes of JSON on average; server route %s%n", n,
                conHashes / (double) requests, conBytes / (double) requests, pct(con));
        // client verification: the leaf hashes and old roots come from the tiles / hash route, outside the timing
        byte[][] leaves = new byte[requests][];
        for (int i = 0; i < requests; i++) {
            long idx = incCases.get(i)[0];
            List<byte[]> bundle = EntryBundle.decode(get(base + "/tlog/" + new Tile(Tile.ENTRIES, idx / Tile.WIDTH,
                    (int) Math.min(Tile.WIDTH, n - idx / Tile.WIDTH * Tile.WIDTH)).path()));
            leaves[i] = bundle.get((int) (idx % Tile.WIDTH));
        }
        Hash[] oldRoots = new Hash[requests];
        for (int i = 0; i < requests; i++) {
            long from = conCases.get(i)[0];
            // the old tree's root from the hash tiles, as a client holding no older checkpoint would get it
            oldRoots[i] = rootOf(base, from, n);
        }
        int reps = 20;
        long t = System.nanoTime();
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < requests; i++) {
                Merkle.verifyInclusion(Merkle.leafHash(leaves[i]), incCases.get(i)[0], n, incProofs.get(i), cp.root());
            }
        }
        double incUs = (System.nanoTime() - t) / 1e3 / (reps * requests);
        t = System.nanoTime();
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < requests; i++) {
                Merkle.verifyConsistency(conCases.get(i)[0], n, conProofs.get(i), oldRoots[i], cp.root());
            }
        }
        double conUs = (System.nanoTime() - t) / 1e3 / (reps * requests);
        System.out.printf("client verification (Java, protocol Merkle, after warm-up): inclusion %.1f us, consistency %.1f us per proof"
                + " (%d proofs x %d rounds)%n", incUs, conUs, requests, reps);
    }

    /** The root of the first {@code size} entries, from the hash tiles of the tree of {@code n} (as log verify --from gets it). */
    static Hash rootOf(String base, long size, long n) throws Exception {
        return LogAudit.resume(size, subtreesOf(base, size, n)).root();
    }

    static void verify(String base, long from) throws Exception {
        long t0 = System.nanoTime();
        Checkpoint cp = checkpoint(base);
        long n = cp.size();
        LogAudit audit = from == 0 ? new LogAudit() : LogAudit.resume(from, subtreesOf(base, from, n));
        long bytes = 0;
        for (long b = from / Tile.WIDTH; b * Tile.WIDTH < n; b++) {
            int width = (int) Math.min(Tile.WIDTH, n - b * Tile.WIDTH);
            byte[] bundle = get(base + "/tlog/" + new Tile(Tile.ENTRIES, b, width).path());
            bytes += bundle.length;
            List<byte[]> entries = EntryBundle.decode(bundle);
            for (int i = (int) Math.max(0, from - b * Tile.WIDTH); i < entries.size(); i++) {
                audit.add(entries.get(i));
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (!audit.root().equals(cp.root()) || audit.problem().isPresent()) {
            throw new IllegalStateException("the log does not verify: " + audit.problem());
        }
        System.out.printf("verified entries %d to %d of %d (%d bytes of bundles) in %.1f s: %.0f entries/s; unchecked %d%n", from, n, n,
                bytes, s, (n - from) / s, audit.unchecked());
    }

    static List<Hash> subtreesOf(String base, long size, long n) throws Exception {
        // the complete subtrees of the first `size` entries, each folded from one hash tile (as log verify --from does)
        List<Hash> subtrees = new ArrayList<>();
        long offset = 0;
        for (int level = 63; level >= 0; level--) {
            if ((size & (1L << level)) == 0) {
                continue;
            }
            long node = offset >> level;
            int tileLevel = level / Tile.HEIGHT;
            int below = level % Tile.HEIGHT;
            long first = node << below;
            long tileIndex = first / Tile.WIDTH;
            int width = (int) Math.min(Tile.WIDTH, (n >> (tileLevel * Tile.HEIGHT)) - tileIndex * Tile.WIDTH);
            byte[] tile = get(base + "/tlog/" + new Tile(tileLevel, tileIndex, width).path());
            List<Hash> hs = new ArrayList<>();
            for (int i = 0; i < (1 << below); i++) {
                hs.add(Hash.of(tile, (int) (first - tileIndex * Tile.WIDTH + i) * Hash.SIZE));
            }
            while (hs.size() > 1) {
                List<Hash> up = new ArrayList<>();
                for (int i = 0; i < hs.size(); i += 2) {
                    up.add(Merkle.nodeHash(hs.get(i), hs.get(i + 1)));
                }
                hs = up;
            }
            subtrees.add(hs.get(0));
            offset += 1L << level;
        }
        return subtrees;
    }
}
