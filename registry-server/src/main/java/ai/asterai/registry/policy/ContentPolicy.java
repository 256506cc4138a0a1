package ai.asterai.registry.policy;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.component.ComponentWorld;
import ai.asterai.protocol.component.Components;
import ai.asterai.protocol.component.InvalidComponentException;
import ai.asterai.protocol.component.MalformedComponentException;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.wasm.MalformedWasmException;
import ai.asterai.protocol.wasm.WasmBinary;
import ai.asterai.protocol.wasm.WasmLimits;
import ai.asterai.protocol.wit.DepsProvider;
import ai.asterai.protocol.wit.WitException;
import ai.asterai.protocol.wit.WitResolver;
import ai.asterai.protocol.wit.model.ResolvedWit;
import ai.asterai.protocol.wit.model.WitFunction;
import ai.asterai.protocol.wit.model.WitPackage;
import ai.asterai.protocol.wit.model.WitWorld;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What may be stored (warg's content policy): the manifest, which parts a release has, its WIT and its
 * wasm. Plain Java over the bytes it is handed: no framework, no database (foreign WIT packages come
 * through a {@link DepsProvider}). Every refusal is an {@link InvalidInputException} naming the field.
 */
public final class ContentPolicy {
    public static final int MAX_WIT_BYTES = 1024 * 1024;
    public static final int MAX_SIGNATURE_BYTES = 4096;
    private static final Pattern WORLD = Pattern.compile("([a-z][a-z0-9-]*):([a-z][a-z0-9-]*)/([a-z][a-z0-9-]*)(?:@(.+))?");

    /** What the registry indexes about a release: its WIT package, what it exports and imports. */
    public record WitIndex(String mainPackage, List<String> exports, List<String> imports) {
    }

    /**
     * A release's WIT after resolution: for a component, the world its manifest names ({@code world}
     * and {@code worldId}; null for an interface release), and the index from the WIT.
     */
    public record CheckedWit(ResolvedWit resolved, WitWorld world, String worldId, WitIndex index) {
    }

    private final long maxWasmBytes;
    private final ComponentMemory memory;

    /**
     * {@code maxWasmBytes}: the largest binary accepted (the upload limit). Components are read in
     * memory within half of the heap ({@link ComponentMemory}).
     */
    public ContentPolicy(long maxWasmBytes) {
        this(maxWasmBytes, new ComponentMemory(Runtime.getRuntime().maxMemory() / 2));
    }

    public ContentPolicy(long maxWasmBytes, ComponentMemory memory) {
        this.maxWasmBytes = maxWasmBytes;
        this.memory = memory;
    }

    /** The manifest parses (strict UTF-8 JSON, docs/api.md) and names the package of the URL. */
    public Manifest manifest(byte[] bytes, PackageName url) {
        Manifest manifest = Manifest.parse(bytes);
        if (!manifest.packageName().equals(url)) {
            throw new InvalidInputException("manifest.name", "manifest names '" + manifest.name() + "' but the URL names '" + url + "'");
        }
        return manifest;
    }

    /** A component release has a wasm part, an interface release none. */
    public void parts(Manifest manifest, boolean hasWasm) {
        if (manifest.packageKind() == PackageKind.COMPONENT && !hasWasm) {
            throw new InvalidInputException("wasm", "a component release needs the part 'wasm'");
        }
        if (manifest.packageKind() == PackageKind.INTERFACE && hasWasm) {
            throw new InvalidInputException("wasm", "an interface release has no part 'wasm'");
        }
    }

    /**
     * The wasm part, core module or component, read once, streaming, by protocol's bounded reader:
     * every length and count it declares is checked against the bytes present and the limits of
     * docs/security.md. No engine parser runs here: engines allocate what a binary declares.
     */
    public WasmBinary.Kind wasm(Path file) {
        try {
            return WasmBinary.check(file, WasmLimits.DEFAULT.withMaxBytes(maxWasmBytes));
        } catch (MalformedWasmException e) {
            throw new InvalidInputException("wasm", "part 'wasm' is not a valid WebAssembly binary: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The wasm part against the release's WIT, giving what the registry indexes. A core module: the
     * bounded structural check, indexed by its WIT world. A component: that check, then decoded and
     * validated ({@link Components#read}), its own world ({@link ComponentWorld}) must agree with the
     * manifest's world ({@link WorldAgreement}), and it is indexed by the world of the binary.
     */
    public WitIndex wasm(Path file, CheckedWit wit) {
        if (wasm(file) != WasmBinary.Kind.COMPONENT) {
            return wit.index();
        }
        ComponentWorld world;
        try (ComponentMemory.Lease lease = memory.lease(size(file))) {
            world = ComponentWorld.of(Components.read(Files.readAllBytes(file), WasmLimits.DEFAULT.withMaxBytes(maxWasmBytes)));
        } catch (MalformedComponentException | InvalidComponentException e) {
            throw new InvalidInputException("wasm", "part 'wasm' is not a valid component: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (wit.world() == null) {
            throw new InvalidInputException("wasm", "an interface release has no part 'wasm'");
        }
        WorldAgreement.difference(world, wit.resolved(), wit.world(), wit.worldId()).ifPresent(d -> {
            throw new InvalidInputException("wasm", "part 'wasm' does not match world `" + wit.worldId() + "`: " + d);
        });
        WitWorld own = world.world();
        List<String> exports = concat(own.exportedInterfaceIds(), functions(own.exportedFunctions()));
        List<String> imports = concat(own.importedInterfaceIds(), functions(own.importedFunctions()));
        return new WitIndex(wit.index().mainPackage(), exports, imports);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The WIT part resolves (foreign packages from {@code deps}: interface packages already in the
     * registry), an interface release's package is the release itself, a component's world is there;
     * and what the release exports and imports, for search and discovery.
     */
    public CheckedWit wit(byte[] bytes, Manifest manifest, DepsProvider deps) {
        String text = decode(bytes);
        ResolvedWit resolved;
        try {
            resolved = WitResolver.resolveText("package.wit", text, deps);
        } catch (WitException e) {
            throw new InvalidInputException("wit", "WIT does not resolve: " + e.getMessage());
        }
        WitPackage main = resolved.mainPackage();
        if (manifest.packageKind() == PackageKind.INTERFACE) {
            String expected = manifest.name();
            if (!(main.name().namespace() + ":" + main.name().name()).equals(expected)) {
                throw new InvalidInputException("wit", "an interface release's WIT package must be '" + expected
                        + "', not '" + main.name().namespace() + ":" + main.name().name() + "'");
            }
            if (main.name().version() == null || !main.name().version().equals(manifest.version())) {
                throw new InvalidInputException("wit", "an interface release's WIT package must carry its version: 'package "
                        + expected + "@" + manifest.version() + ";'");
            }
            List<String> exports = main.interfaces().stream().map(i -> main.name().qualify(i.name())).toList();
            return new CheckedWit(resolved, null, null, new WitIndex(main.name().toString(), exports, List.of()));
        }
        WitWorld world = findWorld(resolved, manifest.world());
        List<String> exports = concat(world.exportedInterfaceIds(), functions(world.exportedFunctions()));
        List<String> imports = concat(world.importedInterfaceIds(), functions(world.importedFunctions()));
        return new CheckedWit(resolved, world, manifest.world(), new WitIndex(main.name().toString(), exports, imports));
    }

    private static WitWorld findWorld(ResolvedWit resolved, String worldId) {
        Matcher m = WORLD.matcher(worldId);
        if (!m.matches()) {
            throw new InvalidInputException("manifest.world", "world must look like ns:pkg/world[@version]");
        }
        for (WitPackage p : resolved.packages()) {
            if (p.name().namespace().equals(m.group(1)) && p.name().name().equals(m.group(2))
                    && (m.group(4) == null || m.group(4).equals(p.name().version()))) {
                var w = p.findWorld(m.group(3));
                if (w.isPresent()) {
                    return w.get();
                }
            }
        }
        throw new InvalidInputException("manifest.world", "the WIT has no world '" + worldId + "'");
    }

    private static List<String> functions(List<WitFunction> fns) {
        return fns.stream().map(f -> "func:" + f.name()).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().toList();
    }

    private static String decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new InvalidInputException("wit", "part 'wit' is empty");
        }
        if (bytes.length > MAX_WIT_BYTES) {
            throw new InvalidInputException("wit", "part 'wit' is larger than " + MAX_WIT_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("wit", "part 'wit' is not UTF-8 text");
        }
    }
}
