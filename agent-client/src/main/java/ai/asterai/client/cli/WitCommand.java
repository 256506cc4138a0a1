package ai.asterai.client.cli;

import ai.asterai.protocol.wit.WitException;
import ai.asterai.protocol.wit.WitResolver;
import ai.asterai.protocol.wit.model.ResolvedWit;
import ai.asterai.protocol.wit.model.WitPackage;
import ai.asterai.protocol.wit.model.WitWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "wit", description = "Work with WIT packages.", subcommands = {WitCommand.Check.class})
public final class WitCommand extends GroupCommand {

    @Command(name = "check", description = {
            "Parse and resolve a .wit file or a package folder (with its deps/ folder).",
            "Exits 0 when it resolves; otherwise prints file:line:col: message and exits 1."})
    public static final class Check extends BaseCommand {
        @Parameters(paramLabel = "PATH", description = "A .wit file or a package folder.")
        Path path;

        @Option(names = "--features", split = ",", paramLabel = "NAME", description = "@unstable features to enable.")
        List<String> features = List.of();

        @Mixin
        JsonOption json;

        @Override
        protected int run() {
            if (!Files.exists(path)) {
                ctx.err().println("error: " + path + " does not exist");
                return ExitCodes.USER_ERROR;
            }
            ResolvedWit resolved;
            try {
                resolved = WitResolver.resolvePath(path, Set.copyOf(features));
            } catch (WitException e) {
                // compiler style, so editors can jump to the spot
                ctx.err().println(e.getMessage());
                return ExitCodes.USER_ERROR;
            }
            WitPackage main = resolved.mainPackage();
            if (json.enabled) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("package", main.name().toString());
                out.put("interfaces", main.interfaces().stream().map(i -> main.name().qualify(i.name())).toList());
                out.put("worlds", main.worlds().stream().map(w -> world(main, w)).toList());
                out.put("dependencies", resolved.packages().stream().filter(p -> p != main).map(p -> p.name().toString()).toList());
                ctx.printJson(out);
            } else {
                ctx.out().println("ok: " + main.name() + " (" + main.interfaces().size() + " interfaces, "
                        + main.worlds().size() + " worlds, " + (resolved.packages().size() - 1) + " dependencies)");
                for (WitWorld w : main.worlds()) {
                    ctx.out().println("  world " + w.name() + ": exports " + w.exportedInterfaceIds()
                            + ", imports " + w.importedInterfaceIds());
                }
            }
            return ExitCodes.OK;
        }

        private static Map<String, Object> world(WitPackage pkg, WitWorld w) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", pkg.name().qualify(w.name()));
            m.put("exports", w.exportedInterfaceIds());
            m.put("imports", w.importedInterfaceIds());
            m.put("exportedFunctions", w.exportedFunctions().stream().map(f -> f.name()).toList());
            return m;
        }
    }
}
