package ai.asterai.client.oci;

import ai.asterai.client.cache.ContentCache;
import ai.asterai.client.config.AsteraiHome;
import ai.asterai.client.failure.NotRunnableException;
import ai.asterai.client.failure.OciRegistryException;
import ai.asterai.client.failure.VerificationException;
import ai.asterai.client.fetch.ComponentFetcher;
import ai.asterai.client.fetch.DetachedRelease;
import ai.asterai.client.fetch.FetchOptions;
import ai.asterai.client.project.LockFile;
import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.oci.OciDescriptor;
import ai.asterai.protocol.oci.OciIndex;
import ai.asterai.protocol.oci.OciManifest;
import ai.asterai.protocol.oci.OciMediaTypes;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.SignatureBundle;
import ai.asterai.protocol.wasm.MalformedWasmException;
import ai.asterai.protocol.wasm.WasmBinary;
import ai.asterai.protocol.wasm.WasmLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pulls a component from any OCI registry (docs/oci.md, "Client"). The component manifest must be
 * the CNCF Wasm layout; its asterai signature referrer, when there is one, carries the exact signed
 * release manifest, the WIT and the signature bundle, from which the release is verified exactly as a
 * {@code /v1} release ({@link ComponentFetcher#acceptDetached}). Without one the component is taken
 * only when the caller allows unsigned components, and then its digests are pinned in asterai.lock
 * (when there is one) so that a later pull that finds other bytes is refused. Every blob is
 * downloaded into a temp file of the content cache and checked against its digest before anything
 * uses it; nothing enters the cache unverified.
 */
public final class OciPuller {
    /** As for {@code /v1} releases. */
    static final long MAX_WASM = 1L << 30;
    static final long MAX_WIT = 1024 * 1024;
    static final long MAX_SIGNATURE = 4096;
    /** How many signature referrers are looked at: one valid is enough, a flood is refused. */
    static final int MAX_SIGNATURE_REFERRERS = 8;

    private final ComponentFetcher fetcher;
    private final ContentCache cache;
    private final Path lockGuards;
    private final Function<OciReference, OciClient> clients;

    /** {@code clients} gives the client for a reference's registry (credentials and transport chosen by the caller). */
    public OciPuller(AsteraiHome home, ComponentFetcher fetcher, Function<OciReference, OciClient> clients) {
        this.fetcher = fetcher;
        this.cache = new ContentCache(home.cache());
        this.lockGuards = home.locks();
        this.clients = clients;
    }

    public OciPulled pull(OciReference ref, FetchOptions options, boolean allowUnsigned) {
        OciClient client = clients.apply(ref);
        String repo = ref.repository();
        OciClient.Fetched fetched = client.manifest(repo, ref.reference(), OciMediaTypes.IMAGE_MANIFEST)
                .orElseThrow(() -> new OciRegistryException(404, "MANIFEST_UNKNOWN", ref + " was not found on " + ref.authority(),
                        ref.toString(), ref.authority()));
        OciManifest component = parse(ref, fetched.bytes());
        if (!OciMediaTypes.WASM_CONFIG.equals(component.config().mediaType()) || component.layers().size() != 1
                || !OciMediaTypes.WASM_LAYER.equals(component.layers().get(0).mediaType())) {
            throw new NotRunnableException(ref.toString(), ref + " is not a WebAssembly component artifact (config "
                    + OciClient.printable(component.config().mediaType()) + ", " + component.layers().size()
                    + " layer(s)); expected config " + OciMediaTypes.WASM_CONFIG + " and one " + OciMediaTypes.WASM_LAYER + " layer");
        }
        OciDescriptor wasm = component.layers().get(0);
        if (wasm.size() > MAX_WASM) {
            throw new VerificationException(ref.toString(), "its wasm layer claims " + wasm.size() + " bytes, more than the " + MAX_WASM + " accepted");
        }
        OciReference resolved = ref.withDigest(fetched.digest());
        Optional<OciManifest> signature = signatureReferrer(client, ref, fetched.digest());
        if (signature.isPresent()) {
            return new OciPulled.Signed(resolved, signed(client, ref, wasm, signature.get(), options));
        }
        if (!allowUnsigned) {
            throw new VerificationException(ref.toString(), "it has no asterai signature referrer, so nothing vouches for it; "
                    + "pass --allow-unsigned to run it anyway (its digests are then pinned in asterai.lock)");
        }
        return unsigned(client, ref, resolved, fetched.digest(), wasm, options);
    }

    private static OciManifest parse(OciReference ref, byte[] bytes) {
        try {
            return OciManifest.parse(bytes);
        } catch (InvalidInputException e) {
            throw new VerificationException(ref.toString(), "the registry served a manifest that is not valid: " + e.getMessage());
        }
    }

    /** The first signature referrer of the component manifest whose shape is right; a malformed one fails the pull. */
    private Optional<OciManifest> signatureReferrer(OciClient client, OciReference ref, Digest subject) {
        List<OciDescriptor> found = client.referrers(ref.repository(), subject, OciMediaTypes.SIGNATURE_ARTIFACT);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.size() > MAX_SIGNATURE_REFERRERS) {
            throw new VerificationException(ref.toString(), "it has " + found.size() + " signature referrers; at most "
                    + MAX_SIGNATURE_REFERRERS + " are accepted");
        }
        OciDescriptor d = found.get(0);
        OciClient.Fetched f = client.manifest(ref.repository(), d.digest().toString(), OciMediaTypes.IMAGE_MANIFEST)
                .orElseThrow(() -> new VerificationException(ref.toString(), "its signature referrer " + d.digest() + " is listed but missing"));
        OciManifest m = parse(ref, f.bytes());
        List<OciDescriptor> ls = m.layers();
        if (!OciMediaTypes.SIGNATURE_ARTIFACT.equals(m.artifactType()) || m.subject() == null || !m.subject().digest().matches(subject)
                || ls.size() != 3 || !ls.get(0).mediaType().equals(OciMediaTypes.RELEASE_MANIFEST_LAYER)
                || !ls.get(1).mediaType().equals(OciMediaTypes.WIT_LAYER) || !ls.get(2).mediaType().equals(OciMediaTypes.SIGNATURE_LAYER)) {
            throw new VerificationException(ref.toString(), "its signature referrer " + d.digest()
                    + " does not have the asterai layout (subject, then release manifest, WIT and signature layers)");
        }
        return Optional.of(m);
    }

    private ai.asterai.client.fetch.VerifiedComponent signed(OciClient client, OciReference ref, OciDescriptor wasm,
                                                            OciManifest sig, FetchOptions options) {
        OciDescriptor manifestD = sig.layers().get(0);
        OciDescriptor witD = sig.layers().get(1);
        OciDescriptor bundleD = sig.layers().get(2);
        check(ref, manifestD, Manifest.MAX_BYTES);
        check(ref, witD, MAX_WIT);
        SignatureBundle bundle;
        try {
            bundle = SignatureBundle.parse(client.smallBlob(ref.repository(), bundleD, MAX_SIGNATURE));
        } catch (InvalidInputException e) {
            throw new VerificationException(ref.toString(), "its signature bundle is not valid: " + e.getMessage());
        }
        List<Path> temps = new ArrayList<>();
        try {
            DetachedRelease.Part m = part(client, ref, manifestD, temps, options, "manifest");
            DetachedRelease.Part w = part(client, ref, witD, temps, options, "wit");
            DetachedRelease.Part c = part(client, ref, wasm, temps, options, "wasm");
            return fetcher.acceptDetached(new DetachedRelease(ref.toString(), m, w, c, bundle), options);
        } finally {
            temps.forEach(ContentCache::deleteQuietly);
        }
    }

    private static void check(OciReference ref, OciDescriptor d, long max) {
        if (d.size() > max) {
            throw new VerificationException(ref.toString(), "its " + d.mediaType() + " layer claims " + d.size() + " bytes, more than the " + max + " accepted");
        }
    }

    /** The cache's verified copy, else a download into a temp file (listed in {@code temps} until committed). */
    private DetachedRelease.Part part(OciClient client, OciReference ref, OciDescriptor d, List<Path> temps, FetchOptions options,
                                      String name) {
        Optional<Path> cached = cache.verified(d.digest());
        if (cached.isPresent()) {
            return new DetachedRelease.Part(cached.get(), d.digest(), d.size());
        }
        Path t = cache.newTempFile();
        temps.add(t);
        try (OutputStream out = Files.newOutputStream(t)) {
            client.blob(ref.repository(), d, out, done -> options.progress().update(ref.toString(), name, done, d.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DetachedRelease.Part(t, d.digest(), d.size());
    }

    private OciPulled unsigned(OciClient client, OciReference ref, OciReference resolved, Digest manifestDigest,
                               OciDescriptor wasm, FetchOptions options) {
        LockFile lock = options.lockFile().map(LockFile::load).orElse(null);
        String key = ref.toString();
        if (lock != null) {
            lock.findOci(key).ifPresent(pin -> {
                if (!pin.manifest().equals(manifestDigest.toString()) || !pin.wasm().equals(wasm.digest().toString())) {
                    throw new VerificationException(key, lock.file().getFileName() + " pins manifest " + pin.manifest() + " and wasm "
                            + pin.wasm() + " but the registry now serves manifest " + manifestDigest + " and wasm " + wasm.digest()
                            + "; the unsigned component changed after it was pinned (if you expect this, remove its oci entry from "
                            + lock.file() + ")");
                }
            });
        }
        List<Path> temps = new ArrayList<>();
        Path path;
        try {
            DetachedRelease.Part p = part(client, ref, wasm, temps, options, "wasm");
            try {
                WasmBinary.check(p.file(), WasmLimits.DEFAULT);
            } catch (MalformedWasmException e) {
                throw new VerificationException(key, "its wasm layer is not a valid WebAssembly binary: " + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            path = p.file().equals(cache.blobPath(wasm.digest())) ? p.file() : cache.commit(p.file(), wasm.digest());
        } finally {
            temps.forEach(ContentCache::deleteQuietly);
        }
        if (lock != null) {
            LockFile.LockedOci entry = new LockFile.LockedOci(key, manifestDigest.toString(), wasm.digest().toString());
            LockFile.update(lock.file(), lockGuards, fresh -> fresh.recordOci(entry));
        }
        return new OciPulled.Unsigned(ref, resolved, manifestDigest, wasm.digest(), path);
    }
}
