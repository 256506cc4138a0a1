package ai.asterai.client.cli;

import ai.asterai.client.fetch.PackageRef;
import ai.asterai.client.registry.Models;
import ai.asterai.protocol.name.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code yank} and {@code unyank}: the same request with the opposite flag. */
public abstract class YankCommand extends BaseCommand {
    @Parameters(paramLabel = "NS:NAME@VERSION", description = "An exact version.")
    String reference;

    @Mixin
    RegistryOption registry;

    @Mixin
    JsonOption json;

    abstract boolean yank();

    @Override
    protected int run() {
        PackageRef ref = PackageRef.parse(reference);
        Version version = ref.range().exactVersion().orElseThrow(() -> new UserException(
                spec.name() + " needs an exact version, e.g. asterai " + spec.name() + " " + ref.name() + "@1.0.0"));
        Models.VersionInfo v = ctx.registry(registry.url).setYanked(ref.name(), version, yank());
        if (json.enabled) {
            ctx.printJson(v);
        } else {
            ctx.out().println((yank() ? "Yanked " : "Unyanked ") + ref.name() + "@" + v.version()
                    + (yank() ? " (still downloadable by exact version; skipped by ranges)" : ""));
        }
        return ExitCodes.OK;
    }

    @Command(name = "yank", description = "Mark a version as yanked: ranges and `latest` skip it; an exact pin still gets it.")
    public static final class Yank extends YankCommand {
        @Override
        boolean yank() {
            return true;
        }
    }

    @Command(name = "unyank", description = "Undo a yank.")
    public static final class Unyank extends YankCommand {
        @Override
        boolean yank() {
            return false;
        }
    }
}
