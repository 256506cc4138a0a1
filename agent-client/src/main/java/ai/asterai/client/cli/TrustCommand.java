package ai.asterai.client.cli;

import ai.asterai.client.trust.NamespacePins;
import ai.asterai.client.trust.PinnedKey;
import ai.asterai.client.trust.TrustStore;
import ai.asterai.protocol.name.PackageName;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "trust", description = "Show or reset the namespace keys pinned in ~/.asterai/trust/.",
        subcommands = {TrustCommand.Ls.class, TrustCommand.Reset.class})
public final class TrustCommand extends GroupCommand {

    @Command(name = "ls", description = "List pinned keys, of every namespace or of one.")
    public static final class Ls extends BaseCommand {
        @Parameters(paramLabel = "NAMESPACE", arity = "0..1")
        String namespace;

        @Mixin
        JsonOption json;

        @Override
        protected int run() {
            TrustStore store = ctx.trustStore();
            List<NamespacePins> pins = namespace == null ? store.all()
                    : store.load(PackageName.requireLabel("namespace", namespace)).map(List::of).orElse(List.of());
            if (json.enabled) {
                ctx.printJson(pins);
                return ExitCodes.OK;
            }
            if (pins.isEmpty()) {
                ctx.out().println("No keys are pinned" + (namespace == null ? "" : " for '" + namespace + "'")
                        + "; the first pull from a namespace pins its keys.");
                return ExitCodes.OK;
            }
            Table t = new Table("NAMESPACE", "KEY ID", "PINNED", "REASON");
            for (NamespacePins p : pins) {
                for (PinnedKey k : p.keys()) {
                    t.row(p.namespace(), k.keyId(), k.pinnedAt(), k.reason());
                }
            }
            t.print(ctx.out());
            return ExitCodes.OK;
        }
    }

    @Command(name = "reset", description = "Forget a namespace's pinned keys: the next pull trusts the keys the registry lists then.")
    public static final class Reset extends BaseCommand {
        @Parameters(paramLabel = "NAMESPACE")
        String namespace;

        @Override
        protected int run() {
            PackageName.requireLabel("namespace", namespace);
            boolean had = ctx.trustStore().reset(namespace);
            ctx.out().println(had ? "Forgot the pinned keys of '" + namespace + "'; the next pull pins the keys the registry lists then."
                    : "No keys were pinned for '" + namespace + "'.");
            return ExitCodes.OK;
        }
    }
}
