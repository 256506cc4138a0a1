package ai.asterai.client.cli;

import ai.asterai.client.fetch.ComponentFetcher;
import ai.asterai.client.fetch.FetchOptions;
import ai.asterai.client.fetch.PackageRef;
import ai.asterai.client.fetch.VerifiedComponent;
import ai.asterai.client.oci.OciPulled;
import ai.asterai.client.oci.OciReference;
import ai.asterai.client.project.LockFile;
import ai.asterai.client.project.ProjectFile;
import ai.asterai.client.registry.RegistryClient;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.PublicKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pull", description = {
        "Download and verify a package into the cache; print its path.",
        "Prints the path of the .wasm (of the WIT for an interface package). VERSION may be a SemVer "
                + "requirement: ^1.2, ~1.2.3, 1.2, *, or an exact version. Yanked versions are skipped unless "
                + "pinned exactly. In a project folder (with asterai.toml or asterai.lock) the lock file is "
                + "honoured and updated.",
        "An oci://HOST[:PORT]/REPO:TAG (or @sha256:DIGEST) reference pulls from any OCI registry: a release with an "
                + "asterai signature referrer is verified as from the registry; one without is refused unless --allow-unsigned, "
                + "and then its digests are pinned in the lock file. Credentials come from ~/.docker/config.json ($DOCKER_CONFIG) "
                + "or your asterai login for that host."})
public final class PullCommand extends BaseCommand {
    @Parameters(paramLabel = "NS:NAME[@VERSION]|oci://HOST[:PORT]/REPO:TAG|@DIGEST")
    String reference;

    @Option(names = "--allow-unsigned", description = "Accept an oci:// component without an asterai signature (its digests are pinned in asterai.lock).")
    boolean allowUnsigned;

    @Option(names = "--insecure", description = "Allow plain HTTP to an oci:// registry that is not on loopback.")
    boolean insecure;

    @Option(names = "--offline", description = "Use the cache only; fail if something is missing.")
    boolean offline;

    @Option(names = "--trusted-key", paramLabel = "ed25519:BASE64", description = "Pin this key for the package's namespace before pulling (repeatable).")
    List<String> trustedKeys = new ArrayList<>();

    @Option(names = "--lock", paramLabel = "FILE", description = "Lock file to honour and update (default: ./asterai.lock in a project folder).")
    String lock;

    @Option(names = "--no-lock", description = "Neither read nor write a lock file.")
    boolean noLock;

    @Mixin
    RegistryOption registry;

    @Mixin
    JsonOption json;

    record Result(String name, String version, String kind, String path, String wasm, String wasmDigest, String wit,
                  String witDigest, String manifestDigest, String keyId, boolean yanked, boolean offline) {
    }

    record OciResult(String reference, String resolved, boolean signed, String name, String version, String path,
                     String wasmDigest, String manifestDigest, String keyId) {
    }

    @Override
    protected int run() {
        if (OciReference.isOci(reference)) {
            return pullOci(OciReference.parse(reference));
        }
        if (allowUnsigned || insecure) {
            throw new UserException("--allow-unsigned and --insecure apply to oci:// references only");
        }
        PackageRef ref = PackageRef.parse(reference);
        List<PublicKey> keys = new ArrayList<>();
        for (String k : trustedKeys) {
            keys.add(PublicKey.parse(k));
        }
        if (lock != null && noLock) {
            throw new UserException("--lock and --no-lock cannot be used together");
        }
        FetchOptions options = FetchOptions.defaults().offline(offline).trusting(keys).lockedBy(lockFile())
                .reporting(DownloadBars.forCommand(ctx, json.enabled));
        RegistryClient client = offline ? null : ctx.registry(registry.url);
        VerifiedComponent c = new ComponentFetcher(ctx.home(), client).fetch(ref, options);
        Path path = c.wasmPath().orElse(c.witPath());
        if (json.enabled) {
            ctx.printJson(new Result(c.name().toString(), c.version().toString(), c.kind().wire(), path.toString(),
                    c.wasmPath().map(Path::toString).orElse(null), c.wasmDigest().map(Digest::toString).orElse(null),
                    c.witPath().toString(), c.witDigest().toString(), c.manifestDigest().toString(), c.keyId(), c.yanked(),
                    c.fromCache()));
        } else {
            ctx.err().println((c.fromCache() ? "Using cached " : "Pulled ") + c.reference() + " ("
                    + c.wasmDigest().orElse(c.witDigest()) + ", signed by key " + c.keyId() + ")"
                    + (c.yanked() ? " warning: this version is yanked" : ""));
            ctx.out().println(path);
        }
        return ExitCodes.OK;
    }

    private int pullOci(OciReference ref) {
        if (offline) {
            throw new UserException("--offline cannot pull an oci:// reference; pull it online once (its blobs are then cached)");
        }
        List<PublicKey> keys = new ArrayList<>();
        for (String k : trustedKeys) {
            keys.add(PublicKey.parse(k));
        }
        if (lock != null && noLock) {
            throw new UserException("--lock and --no-lock cannot be used together");
        }
        FetchOptions options = FetchOptions.defaults().trusting(keys).lockedBy(lockFile())
                .reporting(DownloadBars.forCommand(ctx, json.enabled));
        ComponentFetcher fetcher = new ComponentFetcher(ctx.home(), ctx.optionalRegistry(registry.url));
        OciPulled pulled = ctx.ociPuller(fetcher, insecure).pull(ref, options, allowUnsigned);
        if (pulled instanceof OciPulled.Signed s) {
            VerifiedComponent c = s.component();
            if (json.enabled) {
                ctx.printJson(new OciResult(ref.toString(), s.resolved().toString(), true, c.name().toString(), c.version().toString(),
                        s.wasmPath().toString(), s.wasmDigest().toString(), c.manifestDigest().toString(), c.keyId()));
            } else {
                ctx.err().println("Pulled " + c.reference() + " from " + s.resolved() + " (" + s.wasmDigest() + ", signed by key " + c.keyId() + ")");
                ctx.out().println(s.wasmPath());
            }
        } else {
            OciPulled.Unsigned u = (OciPulled.Unsigned) pulled;
            Path lockPath = options.lockFile().orElse(null);
            if (json.enabled) {
                ctx.printJson(new OciResult(ref.toString(), u.resolved().toString(), false, null, null, u.wasmPath().toString(),
                        u.wasmDigest().toString(), u.manifestDigest().toString(), null));
            } else {
                ctx.err().println("Pulled UNSIGNED " + u.resolved() + " (" + u.wasmDigest() + "); "
                        + (lockPath == null ? "not pinned: no asterai.lock here (use --lock FILE to pin it)" : "its digests are pinned in " + lockPath));
                ctx.out().println(u.wasmPath());
            }
        }
        return ExitCodes.OK;
    }

    private Path lockFile() {
        if (noLock) {
            return null;
        }
        if (lock != null) {
            return ctx.resolve(lock);
        }
        Path dir = ctx.workDir();
        boolean project = Files.exists(dir.resolve(ProjectFile.FILE_NAME)) || Files.exists(dir.resolve(LockFile.FILE_NAME));
        return project ? dir.resolve(LockFile.FILE_NAME) : null;
    }
}
