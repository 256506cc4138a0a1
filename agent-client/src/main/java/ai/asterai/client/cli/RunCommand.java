package ai.asterai.client.cli;

import ai.asterai.client.fetch.ComponentFetcher;
import ai.asterai.client.fetch.FetchOptions;
import ai.asterai.runtime.failure.ComponentException;
import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.ComponentSource;
import ai.asterai.runtime.LoadedComponent;
import ai.asterai.runtime.RuntimeOptions;
import ai.asterai.runtime.engine.DiskClassCache;
import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.engine.ModuleCompiler;
import ai.asterai.runtime.sandbox.ComponentLog;
import ai.asterai.runtime.sandbox.LogRecord;
import ai.asterai.client.launch.ComponentLocator;
import ai.asterai.runtime.sandbox.AuditLog;
import ai.asterai.runtime.sandbox.GrantFlags;
import ai.asterai.runtime.sandbox.Grants;
import ai.asterai.runtime.sandbox.GrantsFile;
import ai.asterai.runtime.sandbox.WasiSandbox;
import ai.asterai.protocol.crypto.PublicKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = {
        "Run one function of a component and print its result as JSON. COMPONENT is ns:name[@VERSION] (pulled,",
        "verified and cached like `asterai pull`), oci://HOST[:PORT]/REPO:TAG|@DIGEST from any OCI registry (signed:",
        "verified the same way; unsigned: only with --allow-unsigned), or a project folder (./path, with asterai.toml and the built wasm).",
        "ARGS are one JSON array or object, name=value words, or one word per parameter (JSON, or plain text",
        "for string parameters). The component gets only what it declares AND you grant: no files, network,",
        "environment or other components otherwise. Its log and the sandbox's audit events go to stderr."})
public final class RunCommand extends BaseCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "COMPONENT")
    String component;

    @Parameters(index = "1", paramLabel = "FUNCTION", description = "e.g. eval, calc#eval or asterai:calculator/calc@0.1.0#eval.")
    String function;

    @Parameters(index = "2..*", paramLabel = "ARGS")
    List<String> args = new ArrayList<>();

    @Option(names = "--allow-dir", paramLabel = "GUEST=HOST[:ro]", description = "Map a declared guest directory to a host folder (repeatable).")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--allow-host", paramLabel = "SCHEME://HOST[:PORT]", description = "Allow HTTP(S) to a declared host (repeatable; *.domain works).")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--allow-env", paramLabel = "NAME[=VALUE]", description = "Pass a declared environment variable, from your environment or as given (repeatable).")
    List<String> env = new ArrayList<>();

    @Option(names = "--allow-component", paramLabel = "NS:NAME", description = "Let it call a declared component loaded with --with (repeatable).")
    List<String> components = new ArrayList<>();

    @Option(names = "--grant-all-declared", description = "Grant everything the component declares; a declared directory without --allow-dir lives under $ASTERAI_HOME/data.")
    boolean allDeclared;

    @Option(names = "--grants", paramLabel = "FILE", description = "Grants file (TOML or JSON, one table per component).")
    String grantsFile;

    @Option(names = "--max-memory", paramLabel = "BYTES", description = "Cap memory below what it declares (suffix K, M or G allowed).")
    String maxMemory;

    @Option(names = "--max-time", paramLabel = "MS", description = "Cap the call's time below what it declares.")
    Long maxTime;

    @Option(names = "--with", paramLabel = "COMPONENT", description = "Also load this component (callable through asterai:host/components if granted; repeatable).")
    List<String> with = new ArrayList<>();

    @Option(names = "--engine", paramLabel = "compiler|interpreter", description = "Execution engine (default: compiler).")
    String engine = "compiler";

    @Option(names = "--class-cache", description = "Keep compiled classes in $ASTERAI_HOME/class-cache between runs (faster start; see docs/runtime.md).")
    boolean classCache;

    @Option(names = "--fixed-clock", description = "The guest's clock always reads 2000-01-01T00:00:00Z (reproducible runs).")
    boolean fixedClock;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "Lowest component log level shown on stderr: trace, debug, info, warn, error (default: info).")
    String logLevel = "info";

    @Option(names = "--offline", description = "Use the cache only.")
    boolean offline;

    @Option(names = "--trusted-key", paramLabel = "ed25519:BASE64", description = "Pin this key for the package's namespace (repeatable).")
    List<String> trustedKeys = new ArrayList<>();

    @Option(names = "--allow-unsigned", description = "Run an oci:// component that has no asterai signature (its digests are pinned in asterai.lock here).")
    boolean allowUnsigned;

    @Option(names = "--insecure", description = "Allow plain HTTP to an oci:// registry that is not on loopback.")
    boolean insecure;

    @Mixin
    RegistryOption registry;

    @Mixin
    JsonOption json;

    @Override
    protected int run() throws IOException {
        EngineKind engineKind;
        LogRecord.Level level;
        try {
            engineKind = EngineKind.parse(engine);
            level = LogRecord.Level.valueOf(logLevel.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage().startsWith("No enum") ? "--log-level must be trace, debug, info, warn or error" : e.getMessage());
        }
        Writer err = new OutputStreamWriter(ctx.err(), StandardCharsets.UTF_8);
        RuntimeOptions options = RuntimeOptions.defaults().withEngine(engineKind)
                .withAudit(AuditLog.jsonLines(err)).withLog(ComponentLog.jsonLines(err, level))
                .withClock(fixedClock ? WasiSandbox.ClockMode.FIXED : WasiSandbox.ClockMode.SYSTEM_UTC)
                .withHostEnv(ctx.env()::get)
                .withCompiler(classCache ? new ModuleCompiler(new DiskClassCache(ctx.home().root().resolve("class-cache"))) : new ModuleCompiler())
                .withDataDirs(spec -> ctx.home().root().resolve("data").resolve(spec.replace(':', '/').replace("//", "/")));
        ComponentLocator locator = locator();
        try (ComponentRuntime runtime = new ComponentRuntime(options)) {
            GrantsFile file = grantsFile == null ? null : GrantsFile.load(ctx.resolve(grantsFile));
            for (String other : with) {
                ComponentSource s = locator.locate(other, ctx.workDir());
                runtime.load(s, file == null ? Grants.NONE : file.forComponent(s.name()));
            }
            ComponentSource source = locator.locate(component, ctx.workDir());
            Grants grants = flags();
            if (file != null) {
                grants = file.forComponent(source.name()).plus(grants);
            }
            LoadedComponent c = runtime.load(source, grants);
            for (String note : c.permissions().notes()) {
                ctx.err().println("note: " + note);
            }
            JsonNode result = c.callWords(function, args);
            if (json.enabled) {
                ObjectNode out = JSON.createObjectNode();
                out.put("component", c.name());
                out.put("version", c.version());
                out.put("function", c.function(function).key());
                out.set("result", result);
                ctx.out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
            } else {
                ctx.out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            }
            return ExitCodes.OK;
        } catch (ComponentException e) {
            if (json.enabled) {
                ObjectNode out = JSON.createObjectNode();
                ObjectNode error = out.putObject("error");
                error.put("kind", e.kind());
                error.put("component", e.component());
                error.put("function", e.function());
                error.put("message", e.getMessage());
                ctx.out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
            }
            throw new UserException(e.getMessage() + " [" + e.kind() + "]", e);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        }
    }

    private Grants flags() {
        try {
            return GrantFlags.parse(dirs, hosts, env, components, allDeclared, maxMemory == null ? null : bytes(maxMemory), maxTime,
                    ctx.workDir());
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    private ComponentLocator locator() {
        List<PublicKey> keys = new ArrayList<>();
        for (String k : trustedKeys) {
            keys.add(PublicKey.parse(k));
        }
        java.nio.file.Path lock = ctx.workDir().resolve(ai.asterai.client.project.LockFile.FILE_NAME);
        boolean project = java.nio.file.Files.exists(ctx.workDir().resolve(ai.asterai.client.project.ProjectFile.FILE_NAME))
                || java.nio.file.Files.exists(lock);
        FetchOptions options = FetchOptions.defaults().offline(offline).trusting(keys)
                .lockedBy(allowUnsigned && project ? lock : null)
                .reporting(DownloadBars.forCommand(ctx, json.enabled));
        List<String> all = new ArrayList<>(with);
        all.add(component);
        boolean oci = all.stream().anyMatch(ai.asterai.client.oci.OciReference::isOci);
        boolean needsRegistry = !offline && all.stream().anyMatch(w -> !ComponentLocator.isPath(w, ctx.workDir())
                && !ai.asterai.client.oci.OciReference.isOci(w));
        ComponentFetcher fetcher = new ComponentFetcher(ctx.home(), needsRegistry ? ctx.registry(registry.url)
                : oci && !offline ? ctx.optionalRegistry(registry.url) : null);
        return new ComponentLocator(fetcher, options, offline ? null : ctx.ociPuller(fetcher, insecure), allowUnsigned);
    }

    static long bytes(String text) {
        String t = text.strip().toUpperCase(java.util.Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G")) {
            unit = t.endsWith("K") ? 1L << 10 : t.endsWith("M") ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UserException("--max-memory takes a number of bytes, optionally with K, M or G (got '" + text + "')");
        }
    }

}
