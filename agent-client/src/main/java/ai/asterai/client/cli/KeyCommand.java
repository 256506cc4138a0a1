package ai.asterai.client.cli;

import ai.asterai.client.release.ListedKey;
import ai.asterai.client.keys.KeyStore;
import ai.asterai.client.keys.StoredKey;
import ai.asterai.client.registry.Models;
import ai.asterai.client.registry.RegistryClient;
import ai.asterai.protocol.crypto.PublicKey;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.release.KeyStatement;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "key", description = "Manage the signing keys of a namespace.",
        subcommands = {KeyCommand.Add.class, KeyCommand.ListKeys.class, KeyCommand.Revoke.class})
public final class KeyCommand extends GroupCommand {

    @Command(name = "add", description = {
            "Add a key to a namespace.",
            "The addition is signed by a current key of the namespace (one of your local keys, or "
                    + "--signer); a namespace's first key is added unsigned, which only the administrator may do."})
    public static final class Add extends BaseCommand {
        @Parameters(paramLabel = "NAMESPACE")
        String namespace;

        @Option(names = "--key", paramLabel = "NAME", description = "Local key to add (default: default).")
        String keyName;

        @Option(names = "--public-key", paramLabel = "ed25519:BASE64", description = "Add someone else's public key instead of a local one.")
        String publicKey;

        @Option(names = "--signer", paramLabel = "NAME", description = "Local key that vouches for the new key (default: any local key that is active in the namespace).")
        String signer;

        @Option(names = "--label", paramLabel = "TEXT", description = "A note shown in key lists, e.g. laptop.")
        String label;

        @Mixin
        RegistryOption registry;

        @Mixin
        JsonOption json;

        @Override
        protected int run() {
            PackageName.requireLabel("namespace", namespace);
            if (keyName != null && publicKey != null) {
                throw new UserException("--key and --public-key cannot be used together");
            }
            KeyStore store = ctx.keyStore();
            PublicKey newKey = publicKey != null ? PublicKey.parse(publicKey)
                    : store.signingKey(keyName == null ? KeyStore.DEFAULT_NAME : keyName).publicKey();
            RegistryClient client = ctx.registry(registry.url);
            List<ListedKey> current = client.keys(namespace);
            boolean hasActive = current.stream().anyMatch(ListedKey::active);
            Models.AddKeyRequest req;
            if (!hasActive && signer == null) {
                req = new Models.AddKeyRequest(newKey.toString(), label, null, null);
            } else {
                SigningKey signingKey = signerFor(store, current, newKey);
                String signerId = signingKey.publicKey().keyId();
                byte[] statement = new KeyStatement(namespace, newKey, signerId).canonicalBytes();
                req = new Models.AddKeyRequest(newKey.toString(), label, signerId,
                        Base64.getEncoder().encodeToString(signingKey.sign(statement)));
            }
            Models.KeyRecord added = client.addKey(namespace, req);
            if (json.enabled) {
                ctx.printJson(added);
            } else {
                ctx.out().println("Added key " + added.keyId() + " to '" + namespace + "'"
                        + (added.signerKeyId() == null ? " (first key, unsigned)" : " (signed by " + added.signerKeyId() + ")"));
            }
            return ExitCodes.OK;
        }

        private SigningKey signerFor(KeyStore store, List<ListedKey> current, PublicKey newKey) {
            if (signer != null) {
                return store.signingKey(signer);
            }
            Optional<StoredKey> local = current.stream().filter(ListedKey::active)
                    .filter(k -> !k.keyId().equals(newKey.keyId()))
                    .map(k -> store.findByKeyId(k.keyId())).flatMap(Optional::stream).findFirst();
            return store.signingKey(local.orElseThrow(() -> new UserException("none of your local keys is an active key of '"
                    + namespace + "', so none can vouch for the new key; pass --signer NAME")).name());
        }
    }

    @Command(name = "list", description = "List every key a namespace ever had, oldest first.")
    public static final class ListKeys extends BaseCommand {
        @Parameters(paramLabel = "NAMESPACE")
        String namespace;

        @Mixin
        RegistryOption registry;

        @Mixin
        JsonOption json;

        @Override
        protected int run() {
            PackageName.requireLabel("namespace", namespace);
            List<ListedKey> keys = ctx.registry(registry.url).keys(namespace);
            if (json.enabled) {
                ctx.printJson(keys);
            } else {
                printKeys(ctx, keys);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", description = "Revoke a key: releases it signed before now stay valid; it signs nothing new.")
    public static final class Revoke extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAMESPACE")
        String namespace;

        @Parameters(index = "1", paramLabel = "KEY_ID", description = "32 hex digits, as shown by `asterai key list`.")
        String keyId;

        @Mixin
        RegistryOption registry;

        @Mixin
        JsonOption json;

        @Override
        protected int run() {
            PackageName.requireLabel("namespace", namespace);
            if (!PublicKey.isValidKeyId(keyId)) {
                throw new UserException("key id '" + PackageName.printable(keyId) + "' is invalid: it is 32 lowercase hex digits");
            }
            Models.KeyRecord k = ctx.registry(registry.url).revokeKey(namespace, keyId);
            if (json.enabled) {
                ctx.printJson(k);
            } else {
                ctx.out().println("Revoked key " + k.keyId() + " of '" + namespace + "' at " + k.revokedAt());
            }
            return ExitCodes.OK;
        }
    }

    static void printKeys(CliContext ctx, List<ListedKey> keys) {
        if (keys == null || keys.isEmpty()) {
            ctx.out().println("No keys yet.");
            return;
        }
        Table t = new Table("KEY ID", "STATUS", "SIGNED BY", "LABEL", "ADDED");
        for (ListedKey k : keys) {
            t.row(k.keyId(), k.active() ? "active" : "revoked " + k.revokedAt(),
                    k.signerKeyId() == null ? "(unsigned)" : k.signerKeyId(), k.label(), k.createdAt());
        }
        t.print(ctx.out());
    }
}
