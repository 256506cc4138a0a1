package ai.asterai.client.cli;

import ai.asterai.client.failure.RegistryException;
import ai.asterai.client.keys.KeyStore;
import ai.asterai.client.oci.OciPusher;
import ai.asterai.client.oci.OciReference;
import ai.asterai.client.project.ProjectFile;
import ai.asterai.client.project.WasmFile;
import ai.asterai.client.project.WitSource;
import ai.asterai.client.registry.Models;
import ai.asterai.client.registry.MultipartBody;
import ai.asterai.client.registry.RegistryClient;
import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.ReleaseEnvelope;
import ai.asterai.protocol.release.SignatureBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "publish", description = {
        "Validate, sign and upload a package.",
        "Reads DIR/asterai.toml (DIR defaults to the current folder), the WIT package and, for a "
                + "component, the built .wasm; checks them as the registry will, signs the release and uploads it.",
        "With --oci oci://HOST[:PORT]/REPO:VERSION the same signed release goes to any OCI registry instead: the wasm as a "
                + "CNCF Wasm artifact tagged VERSION, the WIT and the signature as referrers (docs/oci.md)."})
public final class PublishCommand extends BaseCommand {
    private static final long MAX_WASM = 50L * 1024 * 1024;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "Folder holding asterai.toml.")
    String dir;

    @Option(names = "--key", paramLabel = "NAME", defaultValue = KeyStore.DEFAULT_NAME,
            description = "Local key that signs the release (default: ${DEFAULT-VALUE}).")
    String keyName;

    @Option(names = "--dry-run", description = "Validate and sign, but upload nothing.")
    boolean dryRun;

    @Option(names = "--oci", paramLabel = "oci://HOST[:PORT]/REPO:VERSION",
            description = "Push the signed release to this OCI registry (in the layout of docs/oci.md) instead of the asterai registry; the tag must be the version.")
    String oci;

    @Option(names = "--insecure", description = "With --oci: allow plain HTTP to a registry that is not on loopback.")
    boolean insecure;

    @Option(names = "--chunk-size", paramLabel = "BYTES", hidden = true, defaultValue = "" + OciPusher.DEFAULT_CHUNK,
            description = "With --oci: blobs larger than this are uploaded in chunks.")
    int chunkSize;

    @Mixin
    RegistryOption registry;

    @Mixin
    JsonOption json;

    record Result(String name, String version, String kind, String reference, String digest, String manifest, String wit,
                  String wasm, String keyId, boolean uploaded, String registry) {
    }

    record OciResult(String name, String version, String reference, String target, String ociManifest, String digest,
                     String manifest, String wit, String keyId, String signatureReferrer, boolean fallbackIndex, boolean uploaded) {
    }

    @Override
    protected int run() {
        Path projectDir = dir == null ? ctx.workDir() : ctx.resolve(dir);
        ProjectFile project = ProjectFile.load(projectDir);
        Manifest manifest = project.manifest();
        PackageName pkg = manifest.packageName();
        Version version = manifest.parsedVersion();
        PackageKind kind = manifest.packageKind();

        byte[] wit = WitSource.read(project.wit()).getBytes(StandardCharsets.UTF_8);
        byte[] wasm = project.wasm().map(p -> WasmFile.read(p, MAX_WASM)).orElse(null);
        byte[] manifestJson = manifest.toJson();
        try {
            Manifest.parse(manifestJson); // the registry will apply exactly this check
        } catch (InvalidInputException e) {
            throw new UserException(project.dir().resolve(ProjectFile.FILE_NAME) + ": " + e.getMessage());
        }
        SigningKey key = ctx.keyStore().signingKey(keyName);
        Digest manifestDigest = Digest.of(manifestJson);
        Digest witDigest = Digest.of(wit);
        Digest wasmDigest = wasm == null ? null : Digest.of(wasm);
        ReleaseEnvelope envelope = new ReleaseEnvelope(pkg, version, kind, manifestDigest, wasmDigest, witDigest);
        SignatureBundle signature = SignatureBundle.sign(key, envelope.canonicalBytes());
        String reference = pkg + "@" + version;
        Digest main = wasmDigest != null ? wasmDigest : witDigest;

        String registryUrl = null;
        if (oci != null) {
            if (!OciReference.isOci(oci)) {
                throw new UserException("--oci takes oci://HOST[:PORT]/REPO:VERSION");
            }
            if (registry.url != null) {
                throw new UserException("--oci and --registry cannot be used together");
            }
            if (chunkSize < 1) {
                throw new UserException("--chunk-size must be positive");
            }
            OciReference target = OciReference.parse(oci);
            OciPusher.Result pushed = null;
            if (!dryRun) {
                pushed = new OciPusher(ctx.ociClient(target, insecure), chunkSize)
                        .push(target, new OciPusher.Release(manifest, manifestJson, wit, wasm, signature.toJson()));
            }
            if (json.enabled) {
                ctx.printJson(new OciResult(pkg.toString(), version.toString(), reference, target.toString(),
                        pushed == null ? null : pushed.manifest().toString(), main.toString(), manifestDigest.toString(),
                        witDigest.toString(), key.publicKey().keyId(), pushed == null ? null : pushed.signatureReferrer().toString(),
                        pushed != null && pushed.fallbackIndex(), !dryRun));
            } else if (pushed != null) {
                ctx.out().println((pushed.alreadyThere() ? "Already pushed " : "Pushed ") + reference + " to " + target
                        + " (signed by key " + key.publicKey().keyId() + ")");
                ctx.out().println("  manifest " + pushed.manifest());
                ctx.out().println("  wasm     " + pushed.wasm());
                ctx.out().println("  referrers " + pushed.witReferrer() + " (wit), " + pushed.signatureReferrer() + " (signature)"
                        + (pushed.fallbackIndex() ? ", listed under tag " + ai.asterai.client.oci.OciClient.fallbackTag(pushed.manifest()) : ""));
            } else {
                ctx.out().println("Checked and signed " + reference + " for " + target + "; dry run: nothing was uploaded");
            }
            return ExitCodes.OK;
        }
        if (!dryRun) {
            RegistryClient client = ctx.registry(registry.url);
            registryUrl = client.url().value();
            MultipartBody body = new MultipartBody()
                    .add(new MultipartBody.FilePart("manifest", "manifest.json", "application/json", manifestJson))
                    .add(new MultipartBody.FilePart("wit", pkg.name() + ".wit", "text/plain; charset=utf-8", wit))
                    .add(new MultipartBody.FilePart("signature", "signature.json", "application/json", signature.toJson()));
            if (wasm != null) {
                body.add(new MultipartBody.FilePart("wasm", pkg.name() + ".wasm", "application/wasm", wasm));
            }
            ProgressBar bar = ctx.interactive() && !json.enabled ? new ProgressBar(ctx.err(), "Uploading " + reference, body.length()) : null;
            try {
                Models.VersionInfo published = client.publish(pkg, body, sent -> {
                    if (bar != null) {
                        bar.update(sent);
                    }
                });
                if (published.version() != null && !published.version().equals(version.toString())) {
                    throw new UserException("the registry published version " + published.version() + " instead of " + version);
                }
            } catch (RegistryException e) {
                if (e.status() == 409 && e.getMessage().contains("already exists")) {
                    throw new UserException(reference + " is already published on " + client.url()
                            + " (HTTP 409): versions are immutable; raise 'version' in asterai.toml and publish again");
                }
                throw e;
            } finally {
                if (bar != null) {
                    bar.finish();
                }
            }
        }
        if (json.enabled) {
            ctx.printJson(new Result(pkg.toString(), version.toString(), kind.wire(), reference, main.toString(),
                    manifestDigest.toString(), witDigest.toString(), wasmDigest == null ? null : wasmDigest.toString(),
                    key.publicKey().keyId(), !dryRun, registryUrl));
        } else {
            ctx.out().println((dryRun ? "Checked and signed " : "Published ") + reference + " (" + kind.wire()
                    + (wasm == null ? "" : ", " + Table.bytes(wasm.length)) + ", signed by key " + key.publicKey().keyId() + ")");
            ctx.out().println("  digest " + main);
            if (dryRun) {
                ctx.out().println("  dry run: nothing was uploaded");
            }
        }
        return ExitCodes.OK;
    }
}
