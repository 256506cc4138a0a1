package ai.asterai.client.launch;

import ai.asterai.client.failure.NotRunnableException;
import ai.asterai.client.fetch.ComponentFetcher;
import ai.asterai.client.fetch.FetchOptions;
import ai.asterai.client.fetch.PackageRef;
import ai.asterai.client.fetch.VerifiedComponent;
import ai.asterai.client.oci.OciPulled;
import ai.asterai.client.oci.OciPuller;
import ai.asterai.client.oci.OciReference;
import ai.asterai.client.project.ProjectFile;
import ai.asterai.runtime.ComponentSource;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.wit.DepsProvider;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds what {@code asterai run} and {@code asterai inspect} name: a local project folder (a path, or a
 * folder with asterai.toml), or a registry reference fetched and verified through the client's
 * {@link ComponentFetcher} (from the cache when offline). WIT packages a component refers to come
 * from the host API first, then from the registry as interface packages.
 */
public final class ComponentLocator {
    private final ComponentFetcher fetcher;
    private final FetchOptions options;
    private final OciPuller oci;
    private final boolean allowUnsigned;

    public ComponentLocator(ComponentFetcher fetcher, FetchOptions options) {
        this(fetcher, options, null, false);
    }

    /**
     * Also resolves {@code oci://} references through {@code oci} (null: they are refused);
     * {@code allowUnsigned} lets an OCI component without an asterai signature run.
     */
    public ComponentLocator(ComponentFetcher fetcher, FetchOptions options, OciPuller oci, boolean allowUnsigned) {
        this.fetcher = fetcher;
        this.options = options;
        this.oci = oci;
        this.allowUnsigned = allowUnsigned;
    }

    /** Whether {@code arg} names a local folder rather than {@code ns:name[@version]}. */
    public static boolean isPath(String arg, Path workDir) {
        if (arg.startsWith(".") || arg.startsWith("/") || arg.startsWith("~") || arg.contains("\\")) {
            return true;
        }
        if (arg.contains(":") || OciReference.isOci(arg)) {
            return false;
        }
        return Files.isDirectory(workDir.resolve(arg));
    }

    public ComponentSource locate(String arg, Path workDir) {
        if (isPath(arg, workDir)) {
            Path dir = workDir.resolve(arg).normalize();
            if (Files.isRegularFile(dir) && dir.getFileName().toString().equals(ProjectFile.FILE_NAME)) {
                dir = dir.getParent();
            }
            if (!Files.isRegularFile(dir.resolve(ProjectFile.FILE_NAME))) {
                throw new NotRunnableException(dir.toString(), "no " + ProjectFile.FILE_NAME + " in " + dir + " (run a project folder, or a package as ns:name[@version])");
            }
            return ComponentSources.fromProject(dir, registryDeps());
        }
        if (OciReference.isOci(arg)) {
            OciPulled pulled = pullOci(arg, allowUnsigned);
            if (pulled instanceof OciPulled.Unsigned u) {
                return ComponentSources.fromUnsigned(u);
            }
            return ComponentSources.fromVerified(((OciPulled.Signed) pulled).component(), registryDeps());
        }
        VerifiedComponent c = fetcher.fetch(PackageRef.parse(arg), options);
        if (c.kind() != PackageKind.COMPONENT || c.wasmPath().isEmpty()) {
            throw new NotRunnableException(c.reference(), c.reference() + " is an interface package: there is nothing to run");
        }
        return ComponentSources.fromVerified(c, registryDeps());
    }

    /** The fetched verified release (for {@code inspect} of a reference, and agent slots); an OCI one must be signed. */
    public VerifiedComponent fetch(String reference) {
        if (OciReference.isOci(reference)) {
            return ((OciPulled.Signed) pullOci(reference, false)).component();
        }
        return fetcher.fetch(PackageRef.parse(reference), options);
    }

    /** Pulls an {@code oci://} reference; signed ones are verified as {@code /v1} releases. */
    public OciPulled pullOci(String reference, boolean unsignedAllowed) {
        OciReference ref = OciReference.parse(reference);
        if (oci == null) {
            throw new NotRunnableException(reference, "OCI references cannot be used here (offline, or no OCI client was configured)");
        }
        return oci.pull(ref, options, unsignedAllowed);
    }

    /** WIT dependencies from the registry: interface packages at the exact version referred to. */
    public DepsProvider registryDeps() {
        return id -> {
            if (id.version() == null) {
                return null;
            }
            VerifiedComponent pkg = fetcher.fetch(PackageRef.parse(id.namespace() + ":" + id.name() + "@=" + id.version()), options);
            return pkg.witText();
        };
    }
}
