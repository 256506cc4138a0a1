package ai.asterai.client.fetch;

import ai.asterai.client.failure.NotCachedException;
import ai.asterai.client.failure.NoMatchingVersionException;
import ai.asterai.client.failure.ProjectFileException;
import ai.asterai.client.failure.VerificationException;
import ai.asterai.client.cache.CachedRelease;
import ai.asterai.client.cache.ContentCache;
import ai.asterai.client.cache.ReleaseIndex;
import ai.asterai.client.config.AsteraiHome;
import ai.asterai.client.project.LockFile;
import ai.asterai.client.release.ListedKey;
import ai.asterai.client.release.PublishedVersion;
import ai.asterai.client.release.ReleaseRecord;
import ai.asterai.client.registry.RegistryClient;
import ai.asterai.client.trust.KeyTrust;
import ai.asterai.client.trust.NamespacePins;
import ai.asterai.client.trust.PinnedKey;
import ai.asterai.client.trust.TrustStore;
import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.PublicKey;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.ReleaseEnvelope;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Resolves a {@link PackageRef}, downloads what the cache lacks, verifies everything and returns a
 * {@link VerifiedComponent}: the one entry point for the CLI, the runtime and the agent.
 *
 * <p>Order matters: every part is downloaded to a temp file and checked against its digest, the
 * manifest, signature, signer trust and revocation are checked, and only then are the parts renamed
 * into the cache, the index entry written, the pins extended and the lock file updated. A failure
 * at any step leaves the cache as it was.
 */
public final class ComponentFetcher {
    private final RegistryClient registry;
    private final ContentCache cache;
    private final ReleaseIndex index;
    private final TrustStore trust;

    private final Path lockGuards;

    /** {@code registry} may be null for a fetcher that only ever runs offline. */
    public ComponentFetcher(AsteraiHome home, RegistryClient registry) {
        this.registry = registry;
        this.cache = new ContentCache(home.cache());
        this.index = new ReleaseIndex(home.cache());
        this.trust = new TrustStore(home.trust());
        this.lockGuards = home.locks();
    }

    public VerifiedComponent fetch(PackageRef ref, FetchOptions options) {
        LockFile lock = options.lockFile().map(LockFile::load).orElse(null);
        VerifiedComponent c = options.offline() || registry == null ? fromCache(ref, lock) : fromRegistry(ref, options, lock);
        if (lock != null) {
            LockFile.LockedPackage entry = new LockFile.LockedPackage(c.name().toString(), c.version().toString(), c.kind().wire(),
                    c.manifestDigest().toString(), c.wasmDigest().map(Digest::toString).orElse(null),
                    c.witDigest().toString(), c.keyId());
            LockFile.update(lock.file(), lockGuards, fresh -> fresh.record(entry));
        }
        return c;
    }

    // --- online

    private VerifiedComponent fromRegistry(PackageRef ref, FetchOptions options, LockFile lock) {
        PackageName pkg = ref.name();
        Map<Version, PublishedVersion> published = new LinkedHashMap<>();
        for (PublishedVersion e : registry.versions(pkg)) {
            if (e.version() != null && Version.isValid(e.version())) {
                published.put(Version.parse(e.version()), e);
            }
        }
        Version version = resolve(ref, published, lock);
        String subject = pkg + "@" + version;
        ReleaseRecord meta = registry.version(pkg, version);
        ReleaseVerifier.checkIdentity(subject, pkg, version, meta);
        ReleaseParts parts = ReleaseParts.of(subject, meta);
        checkLock(subject, lock, pkg, version, parts);

        if (meta.signature() == null || meta.signature().keyId() == null) {
            throw new VerificationException(subject, "the registry's metadata carries no signature");
        }
        List<ListedKey> keys = registry.keys(pkg.namespace());
        Optional<NamespacePins> pins = trust.load(pkg.namespace());
        KeyTrust.Decision decision = KeyTrust.evaluate(pkg.namespace(), pins, keys, options.trustedKeys(), Instant.now());
        String signerId = meta.signature().keyId();
        ListedKey signer = keys.stream().filter(k -> k.keyId().equals(signerId)).findFirst()
                .orElseThrow(() -> new VerificationException(subject, "it was signed by key " + signerId
                        + ", which is not a key of namespace '" + pkg.namespace() + "'"));
        if (!decision.trusts(signerId)) {
            throw new VerificationException(subject, "it was signed by key " + signerId + ", which is not reachable from the keys you trust for '"
                    + pkg.namespace() + "' through signed rotations (its keys changed without a signature from a pinned key).",
                    VerificationException.Remedy.RESET_TRUST, pkg.namespace());
        }
        ReleaseVerifier.checkKeyWasValid(subject, signer, meta);

        Map<String, Path> temps = new LinkedHashMap<>();
        try {
            Map<String, Path> located = new LinkedHashMap<>();
            for (ReleaseParts.Part part : parts.all()) {
                Optional<Path> cached = cache.verified(part.digest());
                if (cached.isPresent()) {
                    located.put(part.name(), cached.get());
                } else {
                    Path t = download(subject, pkg, version, part, options.progress());
                    temps.put(part.name(), t);
                    located.put(part.name(), t);
                }
            }
            Checked checked = verify(subject, pkg, version, parts, located, meta.signature(), PublicKey.parse(signer.publicKey()));
            Manifest manifest = checked.manifest();
            String witText = checked.witText();

            // verified: now, and only now, the cache changes
            Map<String, Path> finalPaths = new LinkedHashMap<>(located);
            for (ReleaseParts.Part part : parts.all()) {
                Path t = temps.remove(part.name());
                if (t != null) {
                    finalPaths.put(part.name(), cache.commit(t, part.digest()));
                }
            }
            index.put(new CachedRelease(pkg.toString(), version.toString(), meta.yanked(), signer.publicKey(),
                    Instant.now().toString(), meta));
            if (!decision.newPins().isEmpty()) {
                trust.save(pins.orElse(new NamespacePins(pkg.namespace(), List.of())).plus(decision.newPins()));
            }
            return new VerifiedComponent(pkg, version, parts.kind(), manifest, parts.manifest().digest(),
                    Optional.ofNullable(finalPaths.get("wasm")), Optional.ofNullable(parts.wasm()).map(ReleaseParts.Part::digest),
                    finalPaths.get("wit"), witText, parts.wit().digest(), signerId, meta.yanked(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            temps.values().forEach(ContentCache::deleteQuietly);
        }
    }

    /** Downloads one part into a temp file in the cache folder and checks its digest on the way. */
    private Path download(String subject, PackageName pkg, Version version, ReleaseParts.Part part, DownloadProgress progress)
            throws IOException {
        Path t = cache.newTempFile();
        boolean ok = false;
        try {
            Digest got;
            try (OutputStream out = new Counting(Files.newOutputStream(t), done -> progress.update(subject, part.name(), done, part.size()))) {
                got = registry.download(pkg, version, part.name(), part.size(), out);
            }
            if (!got.matches(part.digest())) {
                throw new VerificationException(subject, "the downloaded " + part.name() + " has digest " + got
                        + " but the registry published " + part.digest() + "; it was altered in transit or in storage");
            }
            ok = true;
            return t;
        } finally {
            if (!ok) {
                ContentCache.deleteQuietly(t);
            }
        }
    }

    private static Version resolve(PackageRef ref, Map<Version, PublishedVersion> published, LockFile lock) {
        if (lock != null) {
            Optional<Version> locked = lock.preferred(ref.name(), ref.range()).map(p -> Version.parse(p.version()))
                    .filter(published::containsKey);
            if (locked.isPresent()) {
                return published.keySet().stream().filter(v -> v.compareTo(locked.get()) == 0).findFirst().orElseThrow();
            }
        }
        if (ref.range().isExact()) {
            Version wanted = ref.range().exactVersion().orElseThrow();
            return published.keySet().stream().filter(v -> v.compareTo(wanted) == 0).findFirst()
                    .orElseThrow(() -> noVersion(ref, wanted.toString(), true, published));
        }
        return ref.range().best(published.keySet(), v -> !published.get(v).yanked())
                .orElseThrow(() -> noVersion(ref, ref.range().toString(), false, published));
    }

    private static NoMatchingVersionException noVersion(PackageRef ref, String wanted, boolean exact,
                                                         Map<Version, PublishedVersion> published) {
        List<String> shown = published.values().stream().limit(10)
                .map(e -> e.version() + (e.yanked() ? " (yanked)" : "")).toList();
        return new NoMatchingVersionException(ref.name().toString(), wanted, exact, shown, published.size() > 10);
    }

    private static void checkLock(String subject, LockFile lock, PackageName pkg, Version version, ReleaseParts parts) {
        if (lock == null) {
            return;
        }
        lock.find(pkg, version).ifPresent(locked -> {
            compareLocked(subject, lock, "manifest", locked.manifest(), parts.manifest().digest());
            compareLocked(subject, lock, "wit", locked.wit(), parts.wit().digest());
            compareLocked(subject, lock, "wasm", locked.wasm(), parts.wasm() == null ? null : parts.wasm().digest());
        });
    }

    private static void compareLocked(String subject, LockFile lock, String part, String locked, Digest actual) {
        boolean same;
        try {
            same = locked == null ? actual == null : actual != null && Digest.parse(locked).matches(actual);
        } catch (InvalidInputException e) {
            throw new ProjectFileException(lock.file(), lock.file() + " records a malformed " + part + " digest for " + subject);
        }
        if (!same) {
            throw new VerificationException(subject, lock.file().getFileName() + " records " + locked + " for its " + part
                    + " but the registry now serves " + actual + "; the release changed after it was locked "
                    + "(if you expect this, remove its entry from " + lock.file() + ")");
        }
    }

    // --- a release from elsewhere (an OCI registry)

    /**
     * Verifies a signed release whose parts came from somewhere other than the registry's {@code /v1}
     * with the same checks as {@link #fetch} (manifest, envelope signature, WIT text, wasm binary,
     * lock file), then moves the parts into the cache and records the lock entry. The signer must be
     * trusted for the namespace the signed manifest names: pinned, given as a trusted key, or reached
     * from the pins (trust on first use when there are none) through the asterai registry's key list
     * when this fetcher has a registry. There is no publication time outside {@code /v1}, so a signer
     * the registry lists as revoked is refused outright. Parts in the cache's temp folder are moved or
     * deleted; a failure leaves the cache as it was.
     */
    public VerifiedComponent acceptDetached(DetachedRelease release, FetchOptions options) {
        String origin = release.origin();
        byte[] manifestBytes;
        try {
            manifestBytes = Files.readAllBytes(release.manifest().file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Manifest declared;
        try {
            declared = Manifest.parse(manifestBytes);
        } catch (InvalidInputException e) {
            throw new VerificationException(origin, "the signed release manifest is not valid: " + e.getMessage());
        }
        PackageName pkg = declared.packageName();
        Version version = declared.parsedVersion();
        PackageKind kind = declared.packageKind();
        String subject = pkg + "@" + version;
        if ((kind == PackageKind.COMPONENT) != (release.wasm() != null)) {
            throw new VerificationException(subject, "the release manifest says kind " + kind.wire() + " but "
                    + (release.wasm() == null ? "no wasm came with it" : "a wasm came with it"));
        }
        ReleaseParts parts = new ReleaseParts(kind, new ReleaseParts.Part("manifest", release.manifest().digest(), release.manifest().size()),
                new ReleaseParts.Part("wit", release.wit().digest(), release.wit().size()),
                release.wasm() == null ? null : new ReleaseParts.Part("wasm", release.wasm().digest(), release.wasm().size()));
        LockFile lock = options.lockFile().map(LockFile::load).orElse(null);
        checkLock(subject, lock, pkg, version, parts);

        String signerId = release.signature().keyId();
        Optional<NamespacePins> pins = trust.load(pkg.namespace());
        List<PinnedKey> newPins = new ArrayList<>();
        PublicKey key = pins.flatMap(p -> p.keys().stream().filter(k -> k.keyId().equals(signerId)).findFirst())
                .map(k -> PublicKey.parse(k.publicKey())).orElse(null);
        if (key == null) {
            key = options.trustedKeys().stream().filter(k -> k.keyId().equals(signerId)).findFirst().orElse(null);
            if (key != null) {
                newPins.add(new PinnedKey(key.keyId(), key.toString(), Instant.now().toString(), "--trusted-key"));
            }
        }
        if (key == null && registry != null && !options.offline()) {
            List<ListedKey> keys = registry.keys(pkg.namespace());
            KeyTrust.Decision decision = KeyTrust.evaluate(pkg.namespace(), pins, keys, options.trustedKeys(), Instant.now());
            ListedKey signer = keys.stream().filter(k -> k.keyId().equals(signerId)).findFirst()
                    .orElseThrow(() -> new VerificationException(subject, "it was signed by key " + signerId
                            + ", which is not a key of namespace '" + pkg.namespace() + "'"));
            if (!decision.trusts(signerId)) {
                throw new VerificationException(subject, "it was signed by key " + signerId + ", which is not reachable from the keys you trust for '"
                        + pkg.namespace() + "' through signed rotations (its keys changed without a signature from a pinned key).",
                        VerificationException.Remedy.RESET_TRUST, pkg.namespace());
            }
            if (signer.revokedAt() != null) {
                throw new VerificationException(subject, "it was signed by key " + signerId + ", which was revoked at " + signer.revokedAt());
            }
            key = PublicKey.parse(signer.publicKey());
            newPins.addAll(decision.newPins());
        }
        if (key == null) {
            throw new VerificationException(subject, "its signing key " + signerId + " is not pinned for '" + pkg.namespace()
                    + "'; pin it with --trusted-key, or pull once through an asterai registry that lists the namespace's keys");
        }
        Map<String, Path> located = new LinkedHashMap<>();
        located.put("manifest", release.manifest().file());
        located.put("wit", release.wit().file());
        if (release.wasm() != null) {
            located.put("wasm", release.wasm().file());
        }
        Checked checked = verify(subject, pkg, version, parts, located,
                new ReleaseRecord.Signature(signerId, release.signature().signature()), key);

        // verified: now, and only now, the cache, the pins and the lock change
        Map<String, Path> finalPaths = new LinkedHashMap<>();
        for (ReleaseParts.Part part : parts.all()) {
            Path p = located.get(part.name());
            finalPaths.put(part.name(), p.equals(cache.blobPath(part.digest())) ? p : cache.commit(p, part.digest()));
        }
        if (!newPins.isEmpty()) {
            trust.save(pins.orElse(new NamespacePins(pkg.namespace(), List.of())).plus(newPins));
        }
        VerifiedComponent c = new VerifiedComponent(pkg, version, kind, checked.manifest(), parts.manifest().digest(),
                Optional.ofNullable(finalPaths.get("wasm")), Optional.ofNullable(parts.wasm()).map(ReleaseParts.Part::digest),
                finalPaths.get("wit"), checked.witText(), parts.wit().digest(), signerId, false, false);
        if (lock != null) {
            LockFile.LockedPackage entry = new LockFile.LockedPackage(c.name().toString(), c.version().toString(), c.kind().wire(),
                    c.manifestDigest().toString(), c.wasmDigest().map(Digest::toString).orElse(null),
                    c.witDigest().toString(), c.keyId());
            LockFile.update(lock.file(), lockGuards, fresh -> fresh.record(entry));
        }
        return c;
    }

    // --- offline

    private VerifiedComponent fromCache(PackageRef ref, LockFile lock) {
        PackageName pkg = ref.name();
        Map<Version, CachedRelease> cached = new LinkedHashMap<>();
        for (CachedRelease r : index.versions(pkg)) {
            cached.put(Version.parse(r.version()), r);
        }
        Optional<Version> chosen = Optional.empty();
        if (lock != null) {
            chosen = lock.preferred(pkg, ref.range()).map(p -> Version.parse(p.version()))
                    .flatMap(v -> cached.keySet().stream().filter(c -> c.compareTo(v) == 0).findFirst());
        }
        if (chosen.isEmpty()) {
            chosen = ref.range().best(cached.keySet(), v -> ref.range().isExact() || !cached.get(v).yanked());
        }
        Version version = chosen.orElseThrow(() -> new NotCachedException(NotCachedException.Missing.RELEASE, "no cached release of " + pkg + " matches '"
                + ref.range() + "'" + (cached.isEmpty() ? "" : " (cached: " + cached.keySet().stream().map(Version::toString)
                .collect(Collectors.joining(", ")) + ")")));
        CachedRelease release = cached.get(version);
        String subject = pkg + "@" + version;
        ReleaseRecord meta = release.metadata();
        ReleaseVerifier.checkIdentity(subject, pkg, version, meta);
        ReleaseParts parts = ReleaseParts.of(subject, meta);
        checkLock(subject, lock, pkg, version, parts);

        Map<String, Path> located = new LinkedHashMap<>();
        for (ReleaseParts.Part part : parts.all()) {
            located.put(part.name(), cache.verified(part.digest()).orElseThrow(() -> new NotCachedException(NotCachedException.Missing.PART, "the " + part.name()
                    + " of " + subject + " is missing from the cache (or was damaged and discarded)")));
        }
        // the signer must still be pinned: `trust reset` also withdraws trust from cached releases
        String signerId = meta.signature() == null ? null : meta.signature().keyId();
        PinnedKey pinned = trust.load(pkg.namespace()).flatMap(p -> p.keys().stream().filter(k -> k.keyId().equals(signerId)).findFirst())
                .orElseThrow(() -> new VerificationException(subject, "its signing key " + signerId + " is not pinned for '"
                        + pkg.namespace() + "'", VerificationException.Remedy.VERIFY_ONLINE, pkg.namespace()));
        Checked checked = verify(subject, pkg, version, parts, located, meta.signature(), PublicKey.parse(pinned.publicKey()));
        return new VerifiedComponent(pkg, version, parts.kind(), checked.manifest(), parts.manifest().digest(),
                Optional.ofNullable(located.get("wasm")), Optional.ofNullable(parts.wasm()).map(ReleaseParts.Part::digest),
                located.get("wit"), checked.witText(), parts.wit().digest(), signerId, release.yanked(), true);
    }

    // --- the one verification, for every way a release arrives

    private record Checked(Manifest manifest, String witText) {
    }

    /**
     * What binds the parts together, the same whether they were just downloaded or come from the
     * cache: the manifest names this release, the signature covers the envelope of the parts'
     * (already checked) digests, the WIT is UTF-8 text and the wasm a well-formed WebAssembly binary
     * within the loader's limits.
     */
    private static Checked verify(String subject, PackageName pkg, Version version, ReleaseParts parts, Map<String, Path> located,
                                  ReleaseRecord.Signature signature, PublicKey key) {
        try {
            byte[] manifestBytes = Files.readAllBytes(located.get("manifest"));
            Manifest manifest = ReleaseVerifier.checkManifest(subject, manifestBytes, pkg, version, parts.kind());
            ReleaseEnvelope envelope = new ReleaseEnvelope(pkg, manifest.parsedVersion(), parts.kind(), parts.manifest().digest(),
                    parts.wasm() == null ? null : parts.wasm().digest(), parts.wit().digest());
            ReleaseVerifier.checkSignature(subject, envelope, signature, key);
            String witText = utf8(subject, Files.readAllBytes(located.get("wit")));
            if (parts.wasm() != null) {
                ReleaseVerifier.checkWasm(subject, located.get("wasm"));
            }
            return new Checked(manifest, witText);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String utf8(String subject, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new VerificationException(subject, "the wit part is not UTF-8 text");
        }
    }

    /** Passes bytes through and reports how many have gone by. */
    private static final class Counting extends java.io.FilterOutputStream {
        private final java.util.function.LongConsumer report;
        private long done;

        Counting(OutputStream out, java.util.function.LongConsumer report) {
            super(out);
            this.report = report;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            report.accept(++done);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            done += len;
            report.accept(done);
        }
    }
}
