package ai.asterai.registry.release;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.wit.DepsProvider;
import ai.asterai.protocol.wit.WitException;
import ai.asterai.protocol.wit.WitResolver;
import ai.asterai.protocol.wit.model.ResolvedWit;
import ai.asterai.protocol.wit.model.WitFunction;
import ai.asterai.protocol.wit.model.WitPackage;
import ai.asterai.protocol.wit.model.WitWorld;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the {@code wit} part of a publish with the shared WIT resolver, its foreign packages taken
 * from interface packages already in the registry, and says what the release exports and imports.
 */
@ApplicationScoped
public class WitPolicy {
    public static final int MAX_BYTES = 1024 * 1024;
    private static final Pattern WORLD = Pattern.compile("([a-z][a-z0-9-]*):([a-z][a-z0-9-]*)/([a-z][a-z0-9-]*)(?:@(.+))?");

    /** What the registry indexes about a release's WIT. */
    public record WitIndex(String mainPackage, List<String> exports, List<String> imports) {
    }

    private final WitDeps deps;

    public WitPolicy(WitDeps deps) {
        this.deps = deps;
    }

    public WitIndex check(byte[] bytes, Manifest manifest) {
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
            return new WitIndex(main.name().toString(), exports, List.of());
        }
        WitWorld world = findWorld(resolved, manifest.world());
        List<String> exports = concat(world.exportedInterfaceIds(), functions(world.exportedFunctions()));
        List<String> imports = concat(world.importedInterfaceIds(), functions(world.importedFunctions()));
        return new WitIndex(main.name().toString(), exports, imports);
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
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException("wit", "part 'wit' is larger than " + MAX_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("wit", "part 'wit' is not UTF-8 text");
        }
    }
}
