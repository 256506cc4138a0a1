package ai.asterai.client.cli;

import ai.asterai.client.registry.Models;
import ai.asterai.client.registry.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "whoami", description = "Show which token is used for a registry, and what it may do.")
public final class WhoamiCommand extends BaseCommand {
    @Mixin
    RegistryOption registry;

    @Mixin
    JsonOption json;

    record Result(String registry, Models.TokenInfo token) {
    }

    @Override
    protected int run() {
        RegistryClient client = ctx.registry(registry.url);
        Models.TokenInfo who = client.whoami();
        if (json.enabled) {
            ctx.printJson(new Result(client.url().value(), who));
        } else {
            ctx.out().println(client.url() + ": " + describe(who));
        }
        return ExitCodes.OK;
    }

    static String describe(Models.TokenInfo t) {
        if (t.admin()) {
            return "the administrator";
        }
        String ns = t.namespaces() == null ? "" : String.join(", ", t.namespaces());
        String scopes = t.scopes() == null ? "" : String.join(", ", t.scopes());
        return "token " + t.id() + (t.description() == null ? "" : " '" + RegistryClient.oneLine(t.description()) + "'")
                + " (scopes: " + scopes + "; namespaces: " + ns + (t.expiresAt() == null ? "" : "; expires " + t.expiresAt()) + ")";
    }
}
