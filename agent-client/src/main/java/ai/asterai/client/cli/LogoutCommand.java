package ai.asterai.client.cli;

import ai.asterai.client.config.ClientConfig;
import ai.asterai.client.config.ConfigStore;
import ai.asterai.client.config.RegistryUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "logout", description = "Forget the saved token of a registry (the default one unless --registry).")
public final class LogoutCommand extends BaseCommand {
    @Mixin
    RegistryOption registry;

    @Override
    protected int run() {
        ConfigStore store = ctx.configStore();
        ClientConfig config = store.load();
        String chosen = registry.url != null ? registry.url : ctx.env().get("ASTERAI_REGISTRY");
        if (chosen == null || chosen.isBlank()) {
            chosen = config.defaultRegistry();
        }
        if (chosen == null) {
            throw new UserException("not logged in to any registry");
        }
        RegistryUrl url = RegistryUrl.parse(chosen);
        if (config.find(url).isEmpty()) {
            throw new UserException("not logged in to " + url);
        }
        ClientConfig next = config.withLogout(url);
        store.save(next);
        ctx.out().println("Logged out of " + url + "; its token was removed from " + store.file()
                + (next.defaultRegistry() != null && !next.defaultRegistry().equals(config.defaultRegistry())
                ? " (default registry is now " + next.defaultRegistry() + ")" : ""));
        return ExitCodes.OK;
    }
}
