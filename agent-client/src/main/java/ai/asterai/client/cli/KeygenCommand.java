package ai.asterai.client.cli;

import ai.asterai.client.keys.KeyStore;
import ai.asterai.client.keys.StoredKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "keygen", description = "Generate an Ed25519 signing key pair in ~/.asterai/keys/ (the private key is never printed).")
public final class KeygenCommand extends BaseCommand {
    @Option(names = "--name", paramLabel = "NAME", defaultValue = KeyStore.DEFAULT_NAME,
            description = "Key name (default: ${DEFAULT-VALUE}); files NAME.key (mode 0600) and NAME.pub.")
    String name;

    @Mixin
    JsonOption json;

    record Result(String name, String keyId, String publicKey, String privateKeyFile) {
    }

    @Override
    protected int run() {
        StoredKey key = ctx.keyStore().generate(name);
        if (json.enabled) {
            ctx.printJson(new Result(key.name(), key.keyId(), key.publicKey().toString(), key.privateKeyFile().toString()));
        } else {
            ctx.out().println("Generated key '" + key.name() + "': " + key.keyId());
            ctx.out().println("  public key:  " + key.publicKey());
            ctx.out().println("  private key: " + key.privateKeyFile() + " (keep it secret)");
        }
        return ExitCodes.OK;
    }
}
