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
import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.host.HostApi;
import ai.asterai.client.launch.ComponentLocator;
import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.component.Component;
import ai.asterai.protocol.component.ComponentDecoder;
import ai.asterai.protocol.component.Definition;
import ai.asterai.protocol.component.ExternType;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.release.Permissions;
import ai.asterai.protocol.wit.WitPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "inspect", description = {
        "Show what a component is made of: its core exports and imports, its WIT world with typed functions,",
        "the permissions it asks for, and whether it links against this host. TARGET is a .wasm file, a",
        "project folder, or ns:name[@VERSION] (pulled and verified like `asterai pull`). For a component-model",
        "binary the WIT world printed is the one its embedded types declare."})
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
            byte[] wasm = Files.readAllBytes(file);
            out.put("file", file.toString());
            if (ModuleCompiler.isComponentBinary(wasm)) {
                componentBinary(out, file.toString(), wasm);
            } else {
                module(out, parse(wasm), wasm.length);
            }
        } else {
            boolean path = ComponentLocator.isPath(target, ctx.workDir());
            ComponentLocator locator = new ComponentLocator(new ComponentFetcher(ctx.home(), offline || path ? null : ctx.registry(registry.url)),
                    FetchOptions.defaults().offline(offline));
            ComponentSource source = locator.locate(target, ctx.workDir());
            out.put("component", source.name());
            out.put("version", source.version());
            out.put("origin", source.origin());
            if (ModuleCompiler.isComponentBinary(source.wasm())) {
                // the binary carries its own types: its world is what runs, whatever the project's WIT says
                componentBinary(out, source.name() + "@" + source.version(), source.wasm());
            } else {
                CompiledModule m = parse(source.wasm());
                module(out, m, source.wasm().length);
                world(out, source, m);
            }
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

    /**
     * A component-model binary: decoded and validated by the protocol module, its WIT world derived from
     * its embedded types. Nothing is compiled (a componentize-js component holds a 10 MB engine), so
     * "links" checks the imports by name only; their function types are checked when it is loaded.
     */
    private static void componentBinary(ObjectNode out, String what, byte[] wasm) {
        Component c;
        ai.asterai.protocol.component.ComponentWorld world;
        try {
            c = ComponentDecoder.decode(wasm);
            world = ai.asterai.protocol.component.ComponentWorld.of(c); // validates
        } catch (InvalidInputException e) {
            // one line: the decoder's reason carries the byte offset
            throw new UserException(what + " is not a valid WebAssembly component: " + e.getMessage().replace('\n', ' '));
        }
        ObjectNode cb = out.putObject("componentBinary");
        cb.put("digest", Digest.of(wasm).toString());
        cb.put("bytes", wasm.length);
        cb.put("coreModules", coreModules(c));
        ArrayNode imports = cb.putArray("imports");
        ArrayNode exports = cb.putArray("exports");
        List<String> missing = new ArrayList<>();
        HostApi host = HostApi.standard();
        for (Definition.Import i : c.imports()) {
            String name = i.name().name();
            imports.add(name);
            if (!(i.type() instanceof ExternType.Instance) || host.find(name).isEmpty() && !ComponentRuntime.providesWasi(name)) {
                missing.add(name);
            }
        }
        c.exports().forEach(e -> exports.add(e.name().name()));
        ArrayNode unrepresentable = cb.putArray("unrepresentable");
        world.unrepresentable().forEach(unrepresentable::add);
        cb.put("links", missing.isEmpty());
        if (!missing.isEmpty()) {
            cb.put("linkError", "imports " + String.join(", ", missing) + ", which this host does not provide"
                    + (missing.stream().anyMatch(m -> m.startsWith("wasi:"))
                    ? " (of WASI 0.2 this host provides wasi:io, wasi:cli, wasi:clocks, wasi:random, wasi:filesystem,"
                    + " wasi:http types and outgoing-handler, and wasi:sockets with every socket refused)" : ""));
        }
        cb.put("wit", WitPrinter.print(world.toWit()));
    }

    private static int coreModules(Component c) {
        int n = 0;
        for (Definition d : c.definitions()) {
            if (d instanceof Definition.CoreModule) {
                n++;
            } else if (d instanceof Definition.NestedComponent nested) {
                n += coreModules(nested.component());
            }
        }
        return n;
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
        if (o.has("componentBinary")) {
            printComponentBinary((ObjectNode) o.get("componentBinary"));
        } else {
            printModule(o);
        }
        if (o.has("permissions")) {
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

    private void printComponentBinary(ObjectNode cb) {
        var out = ctx.out();
        int modules = cb.get("coreModules").asInt();
        out.println("component binary  " + cb.get("digest").asText() + ", " + cb.get("bytes").asLong() + " bytes, "
                + modules + " core module" + (modules == 1 ? "" : "s"));
        out.println("  imports: " + join(cb.get("imports")));
        out.println("  exports: " + join(cb.get("exports")));
        cb.get("unrepresentable").forEach(e -> out.println("  not in WIT: " + e.asText()));
        out.println("  links against this host: " + (cb.get("links").asBoolean() ? "yes (by import name)" : "no: " + cb.get("linkError").asText()));
        out.println();
        out.println("WIT world, from the binary's embedded types:");
        out.print(cb.get("wit").asText());
    }

    private void printModule(ObjectNode o) {
        var out = ctx.out();
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
