package ai.asterai.client.cli;

import ai.asterai.client.registry.RegistryClient;
import ai.asterai.client.registry.Models;
import ai.asterai.protocol.name.PackageName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "namespace", description = "Create or show a namespace.",
        subcommands = {NamespaceCommand.Create.class, NamespaceCommand.Show.class})
public final class NamespaceCommand extends GroupCommand {

    @Command(name = "create", description = "Create a namespace (administrator token).")
    public static final class Create extends BaseCommand {
        @Parameters(paramLabel = "NAMESPACE", description = "Lowercase name: a-z, 0-9 and inner '-'.")
        String namespace;

        @Mixin
        RegistryOption registry;

        @Mixin
        JsonOption json;

        @Override
        protected int run() {
            PackageName.requireLabel("namespace", namespace);
            var client = ctx.registry(registry.url);
            Models.NamespaceInfo ns = client.createNamespace(namespace);
            if (json.enabled) {
                ctx.printJson(ns);
            } else {
                ctx.out().println("Created namespace '" + ns.name() + "' on " + client.url());
                ctx.out().println("  next: add its first key with: asterai key add " + ns.name());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "Show a namespace's keys and packages.")
    public static final class Show extends BaseCommand {
        @Parameters(paramLabel = "NAMESPACE")
        String namespace;

        @Mixin
        RegistryOption registry;

        @Mixin
        JsonOption json;

        @Override
        protected int run() {
            PackageName.requireLabel("namespace", namespace);
            Models.NamespaceInfo ns = ctx.registry(registry.url).namespace(namespace);
            if (json.enabled) {
                ctx.printJson(ns);
                return ExitCodes.OK;
            }
            ctx.out().println(ns.name() + " (created " + ns.createdAt() + ")");
            ctx.out().println();
            KeyCommand.printKeys(ctx, ns.keys() == null ? null : ns.keys().stream().map(RegistryClient::listedKey).toList());
            ctx.out().println();
            if (ns.packages() == null || ns.packages().isEmpty()) {
                ctx.out().println("No packages yet.");
            } else {
                Table t = new Table("PACKAGE", "KIND", "DESCRIPTION");
                ns.packages().forEach(p -> t.row(p.name(), p.kind(), Table.truncate(p.description(), 60)));
                t.print(ctx.out());
            }
            return ExitCodes.OK;
        }
    }
}
