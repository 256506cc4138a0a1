package ai.asterai.client.cli;

import ai.asterai.client.config.ClientConfig;
import ai.asterai.client.config.ConfigStore;
import ai.asterai.client.config.RegistryUrl;
import ai.asterai.client.registry.Models;
import ai.asterai.client.registry.RegistryClient;
import ai.asterai.client.trust.LogTrust;
import ai.asterai.protocol.tlog.NoteVerifier;
import ai.asterai.protocol.tlog.TlogFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "login", description = "Save an API token for a registry in ~/.asterai/config.toml (checked with the registry first).")
public final class LoginCommand extends BaseCommand {
    @Option(names = "--registry", paramLabel = "URL", required = true, description = "Registry URL, e.g. https://registry.example.")
    String registry;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TokenSource token;

    static final class TokenSource {
        @Option(names = "--token", paramLabel = "TOKEN", description = "The API token (ast_...).")
        String value;

        @Option(names = "--token-stdin", description = "Read the token from standard input (keeps it out of shell history).")
        boolean stdin;
    }

    @Option(names = "--default", description = "Make this the default registry (the first one logged in to always is).")
    boolean makeDefault;

    @Option(names = "--log-key", paramLabel = "VERIFIER_KEY",
            description = "The registry's transparency-log verifier key (<origin>+<hash>+<key>) to pin instead of the one it serves on first use.")
    String logKey;

    @Override
    protected int run() throws IOException {
        RegistryUrl url = RegistryUrl.parse(registry);
        String secret = token.stdin ? readStdin() : token.value;
        if (secret == null || secret.isBlank() || secret.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            throw new UserException("the token is empty or contains spaces or control characters");
        }
        if (url.value().startsWith("http://") && !isLoopback(url)) {
            ctx.err().println("warning: " + url + " is plain HTTP: the token travels unencrypted; use https:// outside this machine");
        }
        Models.TokenInfo who = new RegistryClient(url, secret, "asterai/" + VersionInfo.version()).whoami();
        NoteVerifier pinned = pinLogKey(new RegistryClient(url, secret, "asterai/" + VersionInfo.version()));
        ConfigStore store = ctx.configStore();
        ClientConfig next = store.load().withLogin(url, secret, makeDefault);
        store.save(next);
        ctx.out().println("Logged in to " + url + " as " + WhoamiCommand.describe(who)
                + (url.value().equals(next.defaultRegistry()) ? " (default registry)" : ""));
        ctx.out().println("Transparency log key pinned: " + pinned.text());
        return ExitCodes.OK;
    }

    /**
     * Pins the log's verifier key: the one given with --log-key (replacing any pin), else the served one on
     * first use; a served key that differs from the pin is refused (exit 2), as a changed namespace key is.
     */
    private NoteVerifier pinLogKey(RegistryClient client) {
        LogTrust log = new LogTrust(ctx.home().trust(), client.url(), client::tlog);
        if (logKey == null) {
            return log.verifier();
        }
        NoteVerifier given;
        try {
            given = NoteVerifier.parse(logKey.strip());
        } catch (TlogFormatException e) {
            throw new UserException("--log-key is not a verifier key: " + e.getMessage());
        }
        log.pin(given);
        return log.verifier();
    }

    private static boolean isLoopback(RegistryUrl url) {
        String host = java.net.URI.create(url.value()).getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    private static String readStdin() throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = r.readLine();
        return line == null ? null : line.strip();
    }
}
