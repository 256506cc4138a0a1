package ai.asterai.client.cli;

import ai.asterai.client.fetch.ComponentFetcher;
import ai.asterai.client.fetch.FetchOptions;
import ai.asterai.runtime.failure.ComponentLinkError;
import ai.asterai.runtime.ComponentSource;
import ai.asterai.runtime.engine.CompiledModule;
import ai.asterai.runtime.engine.ComponentWorld;
import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.engine.ExportedFunction;
import ai.asterai.runtime.engine.InvalidModule;
import ai.asterai.runtime.engine.LinkedModule;
import ai.asterai.runtime.engine.ModuleCompiler;
import ai.asterai.runtime.engine.ModuleInfo;
import ai.asterai.runtime.host.HostApi;
import ai.asterai.client.launch.ComponentLocator;
import ai.asterai.protocol.release.Permissions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "inspect", description = {
        "Show what a component is made of: its core exports and imports, its WIT world with typed functions,",
        "the permissions it asks for, and whether it links against this host. TARGET is a .wasm file, a",
        "project folder, or ns:name[@VERSION] (pulled and verified like `asterai pull`)."})
public final class InspectCommand extends BaseCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "TARGET")
    String target;

    @Option(names = "--offline", description = "Use the cache only.")
    boolean offline;

    @Mixin
    RegistryOption registry;

    @Mixin
    JsonOption json;

    @Override
    protected int run() throws IOException {
        Path file = ctx.resolve(target);
        ObjectNode out = JSON.createObjectNode();
        if (target.endsWith(".wasm") && Files.isRegularFile(file)) {
            CompiledModule m = parse(Files.readAllBytes(file));
            out.put("file", file.toString());
            module(out, m, Files.size(file));
        } else {
            boolean path = ComponentLocator.isPath(target, ctx.workDir());
            ComponentLocator locator = new ComponentLocator(new ComponentFetcher(ctx.home(), offline || path ? null : ctx.registry(registry.url)),
                    FetchOptions.defaults().offline(offline));
            ComponentSource source = locator.locate(target, ctx.workDir());
            CompiledModule m = parse(source.wasm());
            out.put("component", source.name());
            out.put("version", source.version());
            out.put("origin", source.origin());
            module(out, m, source.wasm().length);
            world(out, source, m);
            permissions(out.putObject("permissions"), source.permissions());
        }
        if (json.enabled) {
            ctx.out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
        } else {
            print(out);
        }
        return ExitCodes.OK;
    }

    private static CompiledModule parse(byte[] wasm) {
        try {
            return new ModuleCompiler().compile(wasm, EngineKind.INTERPRETER);
        } catch (InvalidModule e) {
            throw new UserException(e.getMessage());
        }
    }

    private static void module(ObjectNode out, CompiledModule m, long size) {
        ObjectNode mod = out.putObject("module");
        mod.put("digest", m.digest());
        mod.put("bytes", size);
        m.info().memory().ifPresent(l -> {
            mod.put("memoryInitialPages", l.initialPages());
            mod.put("memoryMaximumPages", l.maximumPages());
        });
        ObjectNode exports = mod.putObject("exports");
        m.info().functionExports().forEach((name, sig) -> exports.put(name, sig.toString()));
        ArrayNode other = mod.putArray("otherExports");
        m.info().otherExports().forEach(other::add);
        ArrayNode imports = mod.putArray("imports");
        for (ModuleInfo.CoreImport i : m.info().imports()) {
            imports.add(i.module() + "." + i.name() + (i.type() == null ? " (" + i.kind() + ")" : " " + i.type()));
        }
    }

    private static void world(ObjectNode out, ComponentSource source, CompiledModule m) {
        ObjectNode w = out.putObject("world");
        ComponentWorld world;
        try {
            world = ComponentWorld.of(source.wit(), source.world());
        } catch (IllegalArgumentException e) {
            w.put("error", e.getMessage());
            return;
        }
        w.put("id", world.id());
        ObjectNode fns = w.putObject("exports");
        for (ExportedFunction f : world.exports()) {
            fns.put(f.key(), f.signature().wit());
        }
        ArrayNode imports = w.putArray("imports");
        world.importedInterfaces().forEach(imports::add);
        ArrayNode unsupported = w.putArray("unsupported");
        world.unsupported().forEach(unsupported::add);
        try {
            LinkedModule.link(source.name(), m, world, HostApi.standard());
            w.put("links", true);
        } catch (ComponentLinkError e) {
            w.put("links", false);
            w.put("linkError", e.getMessage());
        }
    }

    private static void permissions(ObjectNode p, Permissions perms) {
        ArrayNode files = p.putArray("files");
        perms.files().forEach(f -> files.add(f.guest() + " (" + f.access() + ")"));
        ArrayNode hosts = p.putArray("hosts");
        perms.hosts().forEach(hosts::add);
        ArrayNode env = p.putArray("env");
        perms.env().forEach(env::add);
        if (perms.memory() != null) {
            p.put("memory", perms.memory());
        }
        if (perms.timeMs() != null) {
            p.put("timeMs", perms.timeMs());
        }
        ArrayNode comps = p.putArray("components");
        perms.components().forEach(comps::add);
    }

    private void print(ObjectNode o) {
        var out = ctx.out();
        if (o.has("component")) {
            out.println(o.get("component").asText() + "@" + o.get("version").asText() + "  (" + o.get("origin").asText() + ")");
        } else {
            out.println(o.get("file").asText());
        }
        ObjectNode mod = (ObjectNode) o.get("module");
        out.println("module  " + mod.get("digest").asText() + ", " + mod.get("bytes").asLong() + " bytes"
                + (mod.has("memoryInitialPages") ? ", memory " + mod.get("memoryInitialPages").asInt() * 64 + " KiB at start" : ""));
        out.println();
        out.println("core exports:");
        mod.get("exports").fields().forEachRemaining(e -> out.println("  " + e.getKey() + " " + e.getValue().asText()));
        mod.get("otherExports").forEach(e -> out.println("  " + e.asText()));
        out.println("core imports:");
        mod.get("imports").forEach(e -> out.println("  " + e.asText()));
        if (o.has("world")) {
            ObjectNode w = (ObjectNode) o.get("world");
            out.println();
            if (w.has("error")) {
                out.println("world: " + w.get("error").asText());
            } else {
                out.println("world " + w.get("id").asText());
                out.println("  exports:");
                w.get("exports").fields().forEachRemaining(e -> out.println("    " + e.getKey().replaceAll("#.*", "") + "  "
                        + e.getValue().asText()));
                out.println("  imports:");
                w.get("imports").forEach(e -> out.println("    " + e.asText()));
                w.get("unsupported").forEach(e -> out.println("  not callable: " + e.asText()));
                out.println("  links against this host: " + (w.get("links").asBoolean() ? "yes" : "no: " + w.get("linkError").asText()));
            }
            ObjectNode p = (ObjectNode) o.get("permissions");
            out.println();
            out.println("permissions asked:");
            out.println("  files:      " + join(p.get("files")));
            out.println("  hosts:      " + join(p.get("hosts")));
            out.println("  env:        " + join(p.get("env")));
            out.println("  components: " + join(p.get("components")));
            out.println("  memory:     " + (p.has("memory") ? p.get("memory").asLong() + " bytes" : "(runtime default)"));
            out.println("  time/call:  " + (p.has("timeMs") ? p.get("timeMs").asLong() + " ms" : "(runtime default)"));
        }
    }

    private static String join(com.fasterxml.jackson.databind.JsonNode array) {
        if (array.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        array.forEach(e -> b.append(b.length() == 0 ? "" : ", ").append(e.asText()));
        return b.toString();
    }
}
