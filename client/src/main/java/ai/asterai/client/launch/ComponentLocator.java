package ai.asterai.client.launch;

import ai.asterai.client.failure.NotRunnableException;
import ai.asterai.client.fetch.ComponentFetcher;
import ai.asterai.client.fetch.FetchOptions;
import ai.asterai.client.fetch.PackageRef;
import ai.asterai.client.fetch.VerifiedComponent;
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

    public ComponentLocator(ComponentFetcher fetcher, FetchOptions options) {
        this.fetcher = fetcher;
        this.options = options;
    }

    /** Whether {@code arg} names a local folder rather than {@code ns:name[@version]}. */
    public static boolean isPath(String arg, Path workDir) {
        if (arg.startsWith(".") || arg.startsWith("/") || arg.startsWith("~") || arg.contains("\\")) {
            return true;
        }
        if (arg.contains(":")) {
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
        VerifiedComponent c = fetcher.fetch(PackageRef.parse(arg), options);
        if (c.kind() != PackageKind.COMPONENT || c.wasmPath().isEmpty()) {
            throw new NotRunnableException(c.reference(), c.reference() + " is an interface package: there is nothing to run");
        }
        return ComponentSources.fromVerified(c, registryDeps());
    }

    /** The fetched verified release (for {@code inspect} of a reference). */
    public VerifiedComponent fetch(String reference) {
        return fetcher.fetch(PackageRef.parse(reference), options);
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
