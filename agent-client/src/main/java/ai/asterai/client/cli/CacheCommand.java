package ai.asterai.client.cli;

import ai.asterai.client.release.ReleaseRecord;
import ai.asterai.client.failure.NotCachedException;
import ai.asterai.client.failure.VerificationException;
import ai.asterai.client.cache.CachedRelease;
import ai.asterai.client.cache.ContentCache;
import ai.asterai.client.cache.ReleaseIndex;
import ai.asterai.client.fetch.ComponentFetcher;
import ai.asterai.client.fetch.FetchOptions;
import ai.asterai.client.fetch.PackageRef;
import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.name.VersionRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "cache", description = "Inspect, verify and clean the local cache (~/.asterai/cache).",
        subcommands = {CacheCommand.Ls.class, CacheCommand.Verify.class, CacheCommand.Gc.class})
public final class CacheCommand extends GroupCommand {

    static List<CachedRelease> releases(CliContext ctx) {
        List<CachedRelease> all = new ArrayList<>(new ReleaseIndex(ctx.home().cache()).all());
        all.sort(Comparator.comparing(CachedRelease::name).thenComparing(r -> Version.parse(r.version())));
        return all;
    }

    static List<ReleaseRecord.Blob> parts(CachedRelease r) {
        ReleaseRecord.Parts p = r.metadata().parts();
        List<ReleaseRecord.Blob> out = new ArrayList<>();
        if (p != null) {
            Stream.of(p.manifest(), p.wit(), p.wasm()).filter(b -> b != null).forEach(out::add);
        }
        return out;
    }

    @Command(name = "ls", description = "List the cached releases.")
    public static final class Ls extends BaseCommand {
        @Mixin
        JsonOption json;

        record Entry(String name, String version, String kind, long size, boolean complete, boolean yanked, String verifiedAt) {
        }

        @Override
        protected int run() {
            ContentCache cache = new ContentCache(ctx.home().cache());
            List<Entry> entries = new ArrayList<>();
            for (CachedRelease r : releases(ctx)) {
                long size = parts(r).stream().mapToLong(ReleaseRecord.Blob::size).sum();
                boolean complete = parts(r).stream().allMatch(b -> contains(cache, b.digest()));
                entries.add(new Entry(r.name(), r.version(), r.metadata().kind(), size, complete, r.yanked(), r.verifiedAt()));
            }
            if (json.enabled) {
                ctx.printJson(entries);
                return ExitCodes.OK;
            }
            if (entries.isEmpty()) {
                ctx.out().println("The cache is empty (" + ctx.home().cache() + ").");
                return ExitCodes.OK;
            }
            Table t = new Table("NAME", "VERSION", "KIND", "SIZE", "STATUS");
            for (Entry e : entries) {
                t.row(e.name(), e.version(), e.kind(), Table.bytes(e.size()),
                        (e.complete() ? "ok" : "incomplete") + (e.yanked() ? ", yanked" : ""));
            }
            t.print(ctx.out());
            return ExitCodes.OK;
        }
    }

    private static boolean contains(ContentCache cache, String digest) {
        try {
            return cache.contains(Digest.parse(digest));
        } catch (InvalidInputException e) {
            return false;
        }
    }

    @Command(name = "verify", description = {
            "Check every cached blob and release.",
            "Re-hashes every cached blob (damaged ones are removed, to be downloaded again) and re-checks "
                    + "every cached release's signature against the pinned keys. Exit code 2 if anything was "
                    + "damaged or fails to verify."})
    public static final class Verify extends BaseCommand {
        @Mixin
        JsonOption json;

        record Report(int blobs, List<String> damaged, int releases, List<String> incomplete, List<String> failed) {
        }

        @Override
        protected int run() {
            ContentCache cache = new ContentCache(ctx.home().cache());
            List<ContentCache.BlobEntry> blobs = cache.list();
            List<String> damaged = new ArrayList<>();
            for (ContentCache.BlobEntry b : blobs) {
                if (cache.verified(b.digest()).isEmpty()) {
                    damaged.add(b.digest().toString());
                }
            }
            ComponentFetcher offline = new ComponentFetcher(ctx.home(), null);
            List<CachedRelease> releases = releases(ctx);
            List<String> incomplete = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (CachedRelease r : releases) {
                String ref = r.name() + "@" + r.version();
                try {
                    offline.fetch(new PackageRef(PackageName.parse(r.name()), VersionRange.exactly(Version.parse(r.version()))),
                            FetchOptions.defaults().offline(true));
                } catch (NotCachedException e) {
                    incomplete.add(ref);
                } catch (VerificationException e) {
                    failed.add(ref + ": " + e.getMessage() + ExitCodes.wayOut(e));
                }
            }
            Report report = new Report(blobs.size(), damaged, releases.size(), incomplete, failed);
            if (json.enabled) {
                ctx.printJson(report);
            } else {
                ctx.out().println("Checked " + blobs.size() + " blobs and " + releases.size() + " releases.");
                damaged.forEach(d -> ctx.out().println("  damaged, removed: " + d));
                incomplete.forEach(d -> ctx.out().println("  incomplete (pull it again): " + d));
                failed.forEach(d -> ctx.out().println("  does not verify: " + d));
                if (damaged.isEmpty() && failed.isEmpty()) {
                    ctx.out().println("Everything verifies.");
                }
            }
            return damaged.isEmpty() && failed.isEmpty() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }
    }

    @Command(name = "gc", description = "Remove blobs no cached release refers to and leftovers of interrupted downloads; --all empties the cache.")
    public static final class Gc extends BaseCommand {
        @Option(names = "--all", description = "Remove everything in the cache.")
        boolean all;

        @Mixin
        JsonOption json;

        record Result(long freedBytes, boolean all) {
        }

        @Override
        protected int run() {
            ContentCache cache = new ContentCache(ctx.home().cache());
            long freed;
            if (all) {
                freed = deleteTree(ctx.home().cache());
            } else {
                Set<Digest> keep = new HashSet<>();
                for (CachedRelease r : releases(ctx)) {
                    for (ReleaseRecord.Blob b : parts(r)) {
                        try {
                            keep.add(Digest.parse(b.digest()));
                        } catch (InvalidInputException ignored) {
                            // an entry with a bad digest keeps nothing alive
                        }
                    }
                }
                freed = cache.collectGarbage(keep);
            }
            if (json.enabled) {
                ctx.printJson(new Result(freed, all));
            } else {
                ctx.out().println("Removed " + Table.bytes(freed) + (all ? " (the whole cache)" : " of unreferenced cache files"));
            }
            return ExitCodes.OK;
        }

        private static long deleteTree(Path root) {
            if (!Files.exists(root)) {
                return 0;
            }
            long[] freed = {0};
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        if (Files.isRegularFile(p)) {
                            freed[0] += Files.size(p);
                        }
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return freed[0];
        }
    }
}
