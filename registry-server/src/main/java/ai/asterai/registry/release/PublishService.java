package ai.asterai.registry.release;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.ReleaseEnvelope;
import ai.asterai.protocol.release.SignatureBundle;
import ai.asterai.registry.auth.Caller;
import ai.asterai.registry.blob.BlobLeases;
import ai.asterai.registry.blob.BlobStore;
import ai.asterai.registry.blob.BlobStoreException;
import ai.asterai.registry.config.RegistryConfig;
import ai.asterai.registry.db.UniqueViolation;
import ai.asterai.registry.failure.Conflict;
import ai.asterai.registry.failure.Unavailable;
import ai.asterai.registry.namespace.Namespace;
import ai.asterai.registry.namespace.NamespaceKey;
import ai.asterai.registry.namespace.NamespaceService;
import ai.asterai.registry.policy.ContentPolicy;
import ai.asterai.registry.policy.RecordPolicy;
import ai.asterai.registry.ratelimit.RateLimiter;
import ai.asterai.registry.tlog.TransparencyLog;
import ai.asterai.protocol.tlog.LogEntry;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Publishes a release, all or nothing: every check runs before anything is stored, blobs are
 * written (idempotently, by digest) before the version row, and the row appears in one
 * transaction guarded by a unique constraint, so concurrent publishes of one version give one 201.
 */
@ApplicationScoped
public class PublishService {
    private static final Logger LOG = Logger.getLogger(PublishService.class);
    private final NamespaceService namespaces;
    private final BlobStore blobs;
    private final BlobLeases leases;
    private final RateLimiter rateLimiter;
    private final RegistryConfig config;
    private final WitDeps witDeps;
    private final ContentPolicy content;
    private final MeterRegistry meters;
    /** Uploads beside the request thread; bounded so a burst of publishes cannot start unbounded threads. */
    private final java.util.concurrent.ExecutorService uploads = java.util.concurrent.Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "blob-upload");
        t.setDaemon(true);
        return t;
    });
    private final Event<PackageChanged> changed;
    private final ReleaseStore store;
    private final TransparencyLog log;

    public PublishService(NamespaceService namespaces, BlobStore blobs, BlobLeases leases, RateLimiter rateLimiter,
                          RegistryConfig config, WitDeps witDeps, MeterRegistry meters, Event<PackageChanged> changed,
                          ReleaseStore store, TransparencyLog log) {
        this.store = store;
        this.log = log;
        this.namespaces = namespaces;
        this.blobs = blobs;
        this.leases = leases;
        this.rateLimiter = rateLimiter;
        this.config = config;
        this.witDeps = witDeps;
        this.content = new ContentPolicy(config.maxUploadSize().asLongValue());
        this.meters = meters;
        this.changed = changed;
    }

    private record Part(Path file, Digest digest, long size) {
        static Part of(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                return new Part(file, Digest.of(in), Files.size(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public Release publish(Caller caller, PublishRequest req) {
        PackageName pkg = new PackageName(req.namespace(), req.name());
        rateLimiter.hit("publish:" + caller.rateKey(), config.publishRate().limit(), config.publishRate().window());

        byte[] manifestBytes = readSmall(req.manifest(), "manifest", Manifest.MAX_BYTES);
        Manifest manifest = content.manifest(manifestBytes, pkg);
        Version version = manifest.parsedVersion();
        PackageKind kind = manifest.packageKind();
        content.parts(manifest, req.wasm() != null);
        SignatureBundle sig = SignatureBundle.parse(readSmall(req.signature(), "signature", ContentPolicy.MAX_SIGNATURE_BYTES));

        // The cheap checks first: who signed, with which key of which namespace, over which digests.
        // Digesting streams the files; nothing the parts declare is parsed before the signature holds.
        Namespace ns = namespaces.require(pkg.namespace());
        NamespaceKey key = namespaces.key(ns, sig.keyId());
        RecordPolicy.KeyOnRecord signer = RecordPolicy.mayPublish(ns.name, sig.keyId(), key == null ? null : key.onRecord());
        byte[] witBytes = readSmall(req.wit(), "wit", ContentPolicy.MAX_WIT_BYTES);
        Part wasm = req.wasm() == null ? null : Part.of(req.wasm());
        // already in memory: digest what was read rather than reading the files again
        Part wit = new Part(req.wit(), Digest.of(witBytes), witBytes.length);
        Part man = new Part(req.manifest(), Digest.of(manifestBytes), manifestBytes.length);
        ReleaseEnvelope envelope = new ReleaseEnvelope(pkg, version, kind, man.digest(), wasm == null ? null : wasm.digest(), wit.digest());
        RecordPolicy.releaseSigned(envelope, sig, signer);

        // Then the parsers, last the wasm: each bounded by the bytes present and documented limits.
        ContentPolicy.CheckedWit checkedWit = content.wit(witBytes, manifest, witDeps);
        // a component's index comes from its own binary, once it agrees with the WIT's world
        long checking = System.nanoTime();
        ContentPolicy.WitIndex witIndex = wasm == null ? checkedWit.index() : content.wasm(wasm.file(), checkedWit);
        if (wasm != null) {
            LOG.debugf("wasm of %s@%s (%d bytes) checked in %d ms", pkg, version, wasm.size(), (System.nanoTime() - checking) / 1_000_000);
        }

        String versionKey = version.withoutBuild().toString();
        PackageEntity existing = store.pkg(ns.id, pkg.name());
        if (existing != null) {
            if (!existing.kind.equals(kind.wire())) {
                throw new Conflict("package '" + pkg + "' is a " + existing.kind + ", not a " + kind.wire());
            }
            if (store.release(existing.id, versionKey) != null) {
                throw versionExists(pkg, version);
            }
        }

        List<Part> parts = wasm == null ? List.of(wit, man) : List.of(wasm, wit, man);
        // leased before a byte is stored or a stored blob is reused, so the collector keeps them
        leases.take(parts.stream().map(Part::digest).toList());
        try {
            storeAll(parts);
        } catch (BlobStoreException e) {
            LOG.errorf("publish of %s@%s failed in the object store: %s", pkg, version, e.getMessage());
            throw new Unavailable("object store", 5, "the object store is unavailable; nothing was published, try again", e);
        }

        // The package row (on a first publish) commits in the release's own transaction: a publish
        // refused at this point leaves nothing visible, not even an empty package.
        Release r = null;
        for (int attempt = 0; r == null; attempt++) {
            Release candidate = newRelease(version, versionKey, kind, manifest, man, wasm, wit, witIndex, key, sig);
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    // a key revoked while we were uploading must not sign anything new
                    NamespaceKey current = namespaces.key(ns, key.keyId);
                    if (current == null || !current.active()) {
                        throw new InvalidInputException("signature", "key " + key.keyId + " was revoked during the publish");
                    }
                    PackageEntity p = packageFor(ns, pkg, kind, manifest, candidate.publishedAt);
                    candidate.packageId = p.id;
                    store.insertRelease(candidate, witIndex.exports(), witIndex.imports());
                    store.touchPackage(p.id, candidate.publishedAt, manifest.description());
                    // last: the log's lock is held from here to the commit, as briefly as possible
                    candidate.tlogIndex = log.append(new LogEntry.ReleasePublished(envelope, key.keyId, candidate.signature));
                    changed.fire(new PackageChanged(p.id));
                });
                r = candidate;
            } catch (PersistenceException e) {
                if (!UniqueViolation.in(e)) {
                    throw e;
                }
                PackageEntity now = store.pkg(ns.id, pkg.name());
                if ((now != null && store.release(now.id, versionKey) != null) || attempt >= 2) {
                    throw versionExists(pkg, version);
                }
                // another first publish of this package created its row meanwhile: the next round finds it
            }
        }
        meters.counter("asterai.publishes", "kind", kind.wire()).increment();
        LOG.infof("published %s@%s (%s, key %s)", pkg, version, kind.wire(), key.keyId);
        return r;
    }

    /**
     * Writes the parts at the same time: each is a round trip or two to the object store, which is
     * most of a publish's time. Content addressing makes every write idempotent, so a partial
     * failure leaves nothing a retry would trip over.
     */
    private void storeAll(List<Part> parts) throws BlobStoreException {
        List<java.util.concurrent.Future<?>> pending = new java.util.ArrayList<>();
        for (Part part : parts.subList(1, parts.size())) {
            pending.add(uploads.submit(() -> {
                blobs.put(part.digest(), part.file(), part.size());
                return null;
            }));
        }
        BlobStoreException failure = null;
        try {
            blobs.put(parts.get(0).digest(), parts.get(0).file(), parts.get(0).size());
        } catch (BlobStoreException e) {
            failure = e;
        }
        for (java.util.concurrent.Future<?> f : pending) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof BlobStoreException b ? b : new BlobStoreException("upload failed", e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BlobStoreException("interrupted while storing blobs", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Conflict versionExists(PackageName pkg, Version version) {
        return new Conflict("version " + version + " of '" + pkg + "' already exists; versions are immutable, publish a new version");
    }

    private static Release newRelease(Version version, String versionKey, PackageKind kind, Manifest manifest, Part man,
                                      Part wasm, Part wit, ContentPolicy.WitIndex witIndex, NamespaceKey key, SignatureBundle sig) {
        Release r = new Release();
        r.version = version.toString();
        r.versionKey = versionKey;
        r.kind = kind.wire();
        r.manifestJson = manifest.canonicalJson(); // the parsed manifest as JSON; the blob keeps the signed bytes
        r.manifestDigest = man.digest().toString();
        r.manifestSize = man.size();
        r.wasmDigest = wasm == null ? null : wasm.digest().toString();
        r.wasmSize = wasm == null ? null : wasm.size();
        r.witDigest = wit.digest().toString();
        r.witSize = wit.size();
        r.witPackage = witIndex.mainPackage();
        r.keyId = key.keyId;
        r.signature = Base64.getEncoder().encodeToString(sig.signatureBytes());
        r.publishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return r;
    }

    /** The package's row, created on its first publish; runs inside the release's transaction. */
    private PackageEntity packageFor(Namespace ns, PackageName pkg, PackageKind kind, Manifest manifest, OffsetDateTime now) {
        PackageEntity p = store.pkg(ns.id, pkg.name());
        if (p != null) {
            if (!p.kind.equals(kind.wire())) {
                throw new Conflict("package '" + pkg + "' is a " + p.kind + ", not a " + kind.wire());
            }
            return p;
        }
        p = new PackageEntity();
        p.namespaceId = ns.id;
        p.name = pkg.name();
        p.kind = kind.wire();
        p.description = manifest.description();
        p.createdAt = now;
        p.updatedAt = now;
        return store.insertPackage(p);
    }

    private static byte[] readSmall(Path file, String part, int max) {
        try {
            long size = Files.size(file);
            if (size > max) {
                throw new InvalidInputException(part, "part '" + part + "' is larger than " + max + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
