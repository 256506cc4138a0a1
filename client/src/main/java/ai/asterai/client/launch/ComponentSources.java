package ai.asterai.client.launch;

import ai.asterai.client.failure.ProjectFileException;
import ai.asterai.client.failure.NotRunnableException;
import ai.asterai.client.failure.VerificationException;
import ai.asterai.client.fetch.VerifiedComponent;
import ai.asterai.client.oci.OciPulled;
import ai.asterai.client.oci.OciReference;
import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.component.ComponentDecoder;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.release.Permissions;
import ai.asterai.client.project.ProjectFile;
import ai.asterai.protocol.wit.DepsProvider;
import ai.asterai.protocol.wit.WitResolver;
import ai.asterai.protocol.wit.model.ResolvedWit;
import ai.asterai.runtime.ComponentSource;
import ai.asterai.runtime.host.HostWitText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/** Turns what the client found (a verified release, a project folder) into what the runtime loads. */
public final class ComponentSources {
    private ComponentSources() {
    }

    /**
     * A release the colleague's fetch API verified (digests, signature, trust). WIT packages it refers
     * to come from the host API's own packages first, then from {@code deps} (e.g. the registry).
     */
    public static ComponentSource fromVerified(VerifiedComponent c, DepsProvider deps) {
        byte[] wasm = c.readWasm();
        ResolvedWit wit = WitResolver.resolveText(c.reference() + ".wit", c.witText(), HostWitText.provider(deps));
        return new ComponentSource(c.name().toString(), c.version().toString(), wasm, wit, c.manifest().world(),
                c.manifest().permissions(), c.reference() + " (signed by " + c.keyId() + (c.fromCache() ? ", from the cache" : "") + ")");
    }

    /**
     * An unsigned component from an OCI registry that the user allowed: it declares no permissions (it
     * gets only what is granted) and its world is the one its binary declares, as {@code asterai
     * inspect} derives it. A core module has no types of its own to link by, so it is refused.
     */
    public static ComponentSource fromUnsigned(OciPulled.Unsigned u) {
        String origin = u.resolved() + " (unsigned)";
        byte[] wasm;
        try {
            wasm = Files.readAllBytes(u.wasmPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Digest.of(wasm).matches(u.wasmDigest())) {
            throw new VerificationException(origin, "the cached wasm changed on disk after it was verified");
        }
        if (wasm.length < 8 || wasm[4] == 1) {
            throw new NotRunnableException(origin, origin + " is a core module: only a component (with its own types) runs unsigned");
        }
        ai.asterai.protocol.component.ComponentWorld world;
        try {
            world = ai.asterai.protocol.component.ComponentWorld.of(ComponentDecoder.decode(wasm));
        } catch (InvalidInputException e) {
            throw new NotRunnableException(origin, origin + " is not a valid WebAssembly component: " + e.getMessage().replace('\n', ' '));
        }
        ResolvedWit wit = world.toWit();
        String worldName = ai.asterai.protocol.component.ComponentWorld.ROOT.namespace() + ":"
                + ai.asterai.protocol.component.ComponentWorld.ROOT.name() + "/" + world.world().name();
        return new ComponentSource(unsignedName(u.requested()), u.wasmDigest().hex().substring(0, 12), wasm, wit, worldName,
                Permissions.NONE, origin);
    }

    /** {@code oci:<last path segment>}, reduced to a package label, as the runtime names components. */
    static String unsignedName(OciReference ref) {
        String repo = ref.repository();
        String last = repo.substring(repo.lastIndexOf('/') + 1).replaceAll("[^a-z0-9-]", "-").replaceAll("-+", "-")
                .replaceAll("^-|-$", "");
        return "oci:" + (last.isEmpty() || !Character.isLetter(last.charAt(0)) ? "c" + last : last);
    }

    /** A local project folder with {@code asterai.toml}, its built wasm and its {@code wit/}. */
    public static ComponentSource fromProject(Path dir, DepsProvider deps) {
        ProjectFile project = ProjectFile.load(dir);
        Path wasmPath = project.wasm().orElseThrow(() -> new ProjectFileException(dir.resolve(ProjectFile.FILE_NAME), dir + " is not a component project (no wasm in asterai.toml)"));
        byte[] wasm;
        try {
            wasm = Files.readAllBytes(wasmPath);
        } catch (NoSuchFileException e) {
            throw new ProjectFileException(wasmPath, wasmPath + " does not exist: build the component first");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + wasmPath, e);
        }
        Path witPath = project.wit();
        DepsProvider provider = HostWitText.provider(deps);
        ResolvedWit wit = Files.isDirectory(witPath) ? WitResolver.resolveDirectory(witPath, Set.of(), provider)
                : WitResolver.resolveFile(witPath, Set.of(), provider);
        var m = project.manifest();
        return new ComponentSource(m.name(), m.version(), wasm, wit, m.world(), m.permissions(), "project " + dir.toAbsolutePath().normalize());
    }

}
