package ai.asterai.client.cli;

import ai.asterai.client.release.ReleaseRecord;
import ai.asterai.client.release.ListedKey;
import ai.asterai.client.fetch.PackageRef;
import ai.asterai.client.project.WitSummary;
import ai.asterai.client.registry.Models;
import ai.asterai.client.registry.RegistryClient;
import ai.asterai.client.registry.RegistryJson;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.Permissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "info", description = "Show a package: its versions and, for one version (default: latest), digests, signer, permissions and WIT exports.")
public final class InfoCommand extends BaseCommand {
    @Parameters(paramLabel = "NS:NAME[@VERSION]")
    String reference;

    @Mixin
    RegistryOption registry;

    @Mixin
    JsonOption json;

    record Result(Models.PackageInfo pkg, ReleaseRecord version, ListedKey signer, List<String> exports,
                  List<String> imports, List<String> interfaces) {
    }

    @Override
    protected int run() {
        PackageRef ref = PackageRef.parse(reference);
        RegistryClient client = ctx.registry(registry.url);
        Models.PackageInfo pkg = client.packageInfo(ref.name());
        List<Version> published = pkg.versions().stream().map(Models.VersionEntry::version).filter(Version::isValid)
                .map(Version::parse).toList();
        Optional<Version> chosen = ref.range().isExact()
                ? ref.range().exactVersion().flatMap(v -> published.stream().filter(p -> p.compareTo(v) == 0).findFirst())
                : ref.range().best(published, v -> pkg.versions().stream().noneMatch(e -> e.version().equals(v.toString()) && e.yanked()));
        if (chosen.isEmpty() && ref.range() != ai.asterai.protocol.name.VersionRange.ANY) {
            throw new UserException("no version of " + ref.name() + " matches '" + ref.range() + "'");
        }
        ReleaseRecord version = chosen.map(v -> client.version(ref.name(), v)).orElse(null);
        ListedKey signer = null;
        WitSummary wit = null;
        if (version != null) {
            String keyId = version.signature() == null ? null : version.signature().keyId();
            signer = client.keys(ref.name().namespace()).stream().filter(k -> k.keyId().equals(keyId)).findFirst().orElse(null);
            wit = WitSummary.of(version);
        }
        if (json.enabled) {
            ctx.printJson(new Result(pkg, version, signer, wit == null ? null : wit.exports(), wit == null ? null : wit.imports(),
                    wit == null ? null : wit.interfaces()));
            return ExitCodes.OK;
        }
        var out = ctx.out();
        out.println(pkg.name() + " (" + pkg.kind() + ")");
        if (pkg.description() != null) {
            out.println("  " + RegistryClient.oneLine(pkg.description()));
        }
        out.println("  latest:   " + (pkg.latest() == null ? "none (every version is yanked)" : pkg.latest()));
        out.println("  versions: " + pkg.versions().stream().map(e -> e.version() + (e.yanked() ? " (yanked)" : ""))
                .collect(Collectors.joining(", ")));
        if (version == null) {
            return ExitCodes.OK;
        }
        out.println();
        out.println("Version " + version.version() + (version.yanked() ? " (yanked)" : "") + ", published " + version.publishedAt()
                + ", " + version.downloads() + " downloads");
        Manifest m = manifestOf(version);
        if (m != null && m.world() != null) {
            out.println("  world:    " + m.world());
        }
        if (m != null && m.license() != null) {
            out.println("  license:  " + m.license());
        }
        if (m != null && !m.keywords().isEmpty()) {
            out.println("  keywords: " + String.join(", ", m.keywords()));
        }
        String keyId = version.signature() == null ? "none" : version.signature().keyId();
        out.println("  signed by key " + keyId + (signer == null ? " (not a listed key of the namespace!)"
                : (signer.label() == null ? "" : " '" + RegistryClient.oneLine(signer.label()) + "'")
                + (signer.active() ? "" : ", revoked " + signer.revokedAt())));
        out.println("  digests:");
        ReleaseRecord.Parts p = version.parts();
        if (p != null) {
            if (p.wasm() != null) {
                out.println("    wasm      " + p.wasm().digest() + " (" + Table.bytes(p.wasm().size()) + ")");
            }
            if (p.wit() != null) {
                out.println("    wit       " + p.wit().digest() + " (" + Table.bytes(p.wit().size()) + ")");
            }
            if (p.manifest() != null) {
                out.println("    manifest  " + p.manifest().digest());
            }
        }
        if (m != null) {
            printPermissions(m.permissions());
        }
        if (wit != null) {
            if (!wit.exports().isEmpty()) {
                out.println("  exports:");
                wit.exports().forEach(e -> out.println("    " + e));
            } else if (!wit.interfaces().isEmpty()) {
                out.println("  interfaces:");
                wit.interfaces().forEach(e -> out.println("    " + e));
            }
            if (!wit.imports().isEmpty()) {
                out.println("  imports:");
                wit.imports().forEach(e -> out.println("    " + e));
            }
        }
        return ExitCodes.OK;
    }

    private void printPermissions(Permissions p) {
        var out = ctx.out();
        out.println("  permissions asked:");
        out.println("    files:      " + (p.files().isEmpty() ? "none" : p.files().stream()
                .map(f -> f.guest() + " (" + f.access() + ")").collect(Collectors.joining(", "))));
        out.println("    hosts:      " + (p.hosts().isEmpty() ? "none" : String.join(", ", p.hosts())));
        out.println("    env:        " + (p.env().isEmpty() ? "none" : String.join(", ", p.env())));
        out.println("    memory:     " + (p.memory() == null ? "runtime default" : Table.bytes(p.memory())));
        out.println("    time:       " + (p.timeMs() == null ? "runtime default" : p.timeMs() + " ms"));
        out.println("    components: " + (p.components().isEmpty() ? "none" : String.join(", ", p.components())));
    }

    private static Manifest manifestOf(ReleaseRecord v) {
        if (v.manifest() == null) {
            return null;
        }
        try {
            return Manifest.parse(RegistryJson.mapper().writeValueAsBytes(v.manifest()));
        } catch (Exception unreadable) {
            return null;
        }
    }

}
