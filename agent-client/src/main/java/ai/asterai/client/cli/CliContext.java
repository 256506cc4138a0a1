package ai.asterai.client.cli;

import ai.asterai.client.config.AsteraiHome;
import ai.asterai.client.config.ClientConfig;
import ai.asterai.client.config.ConfigStore;
import ai.asterai.client.config.RegistryUrl;
import ai.asterai.client.fetch.ComponentFetcher;
import ai.asterai.client.keys.KeyStore;
import ai.asterai.client.oci.OciClient;
import ai.asterai.client.oci.OciCredentials;
import ai.asterai.client.oci.OciPuller;
import ai.asterai.client.oci.OciReference;
import ai.asterai.client.registry.RegistryClient;
import ai.asterai.client.registry.RegistryJson;
import ai.asterai.client.trust.TrustStore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command runs with: its output streams, environment, working folder and the user's
 * asterai home. Services are built on demand, so a command pays only for what it uses.
 */
public final class CliContext {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Path workDir;
    private final AsteraiHome home;
    private final boolean interactive;

    public CliContext(PrintStream out, PrintStream err, Map<String, String> env, Path workDir, boolean interactive) {
        this.out = new PrintStream(new TerminalSafeStream(out), true, java.nio.charset.StandardCharsets.UTF_8);
        this.err = new PrintStream(new TerminalSafeStream(err), true, java.nio.charset.StandardCharsets.UTF_8);
        this.env = Map.copyOf(env);
        this.workDir = workDir;
        this.home = AsteraiHome.from(env);
        this.interactive = interactive;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public Map<String, String> env() {
        return env;
    }

    public Path workDir() {
        return workDir;
    }

    public Path resolve(String path) {
        return workDir.resolve(path).normalize();
    }

    public AsteraiHome home() {
        return home;
    }

    /** Whether a person is watching: progress bars are drawn only then. */
    public boolean interactive() {
        return interactive;
    }

    public ConfigStore configStore() {
        return new ConfigStore(home);
    }

    public KeyStore keyStore() {
        return new KeyStore(home.keys());
    }

    public TrustStore trustStore() {
        return new TrustStore(home.trust());
    }

    /**
     * The registry to talk to: {@code --registry}, else {@code $ASTERAI_REGISTRY}, else the configured
     * default. The token is {@code $ASTERAI_TOKEN}, else the one saved by {@code asterai login}.
     */
    public RegistryClient registry(String option) {
        String chosen = option != null ? option : env.get("ASTERAI_REGISTRY");
        ClientConfig[] config = {null};
        if (chosen == null || chosen.isBlank()) {
            config[0] = configStore().load();
            chosen = config[0].defaultRegistry();
        }
        if (chosen == null) {
            throw new UserException("no registry given: pass --registry URL, or log in once with: asterai login --registry URL --token <token>");
        }
        RegistryUrl url = RegistryUrl.parse(chosen);
        // the config (and its token) is read only when a request needs the token: reads are public
        return new RegistryClient(url, () -> {
            String token = env.get("ASTERAI_TOKEN");
            if (token != null && !token.isBlank()) {
                return token;
            }
            if (config[0] == null) {
                config[0] = configStore().load();
            }
            return config[0].find(url).map(ClientConfig.Registry::token).orElse(null);
        }, "asterai/" + VersionInfo.version());
    }

    /**
     * The asterai registry when one is given or configured, else null: OCI pulls use it only to look
     * up a namespace's keys, so they work without one (with pinned or --trusted-key keys).
     */
    public RegistryClient optionalRegistry(String option) {
        String chosen = option != null ? option : env.get("ASTERAI_REGISTRY");
        if ((chosen == null || chosen.isBlank()) && configStore().load().defaultRegistry() == null) {
            return null;
        }
        return registry(option);
    }

    /**
     * Credentials for OCI registries: Docker's config file ({@code $DOCKER_CONFIG}, else
     * {@code ~/.docker/config.json}), then the asterai login of a registry on the same host and port
     * (its API token as the password, which the asterai registry's token endpoint accepts).
     */
    public OciCredentials ociCredentials() {
        OciCredentials asterai = authority -> {
            for (ClientConfig.Registry r : configStore().load().registries()) {
                try {
                    java.net.URI u = java.net.URI.create(r.url());
                    if (authority.equals(u.getRawAuthority()) && r.token() != null && !r.token().isBlank()) {
                        return java.util.Optional.of(new OciCredentials.Basic("asterai", r.token()));
                    }
                } catch (IllegalArgumentException ignored) {
                    // config.toml holds only URLs RegistryUrl accepted; a hand-edited bad one matches nothing
                }
            }
            return java.util.Optional.empty();
        };
        return OciCredentials.dockerConfig(env).orElse(asterai);
    }

    /** Pulls {@code oci://} references; keys come from the pins, --trusted-key, or {@code registry} when not null. */
    public OciPuller ociPuller(ComponentFetcher fetcher, boolean insecure) {
        OciCredentials credentials = ociCredentials();
        java.time.Duration idle = ociIdle();
        return new OciPuller(home, fetcher, ref -> new OciClient(ref, credentials, insecure, "asterai/" + VersionInfo.version(), idle));
    }

    public OciClient ociClient(OciReference ref, boolean insecure) {
        return new OciClient(ref, ociCredentials(), insecure, "asterai/" + VersionInfo.version(), ociIdle());
    }

    /** {@code $ASTERAI_OCI_READ_TIMEOUT} seconds (default 60): how long an OCI registry's answer may stall. */
    private java.time.Duration ociIdle() {
        String v = env.get("ASTERAI_OCI_READ_TIMEOUT");
        if (v == null || v.isBlank()) {
            return OciClient.DEFAULT_IDLE;
        }
        if (!v.strip().matches("[1-9][0-9]{0,5}")) {
            throw new UserException("ASTERAI_OCI_READ_TIMEOUT must be a whole number of seconds (1 to 999999), got '" + v + "'");
        }
        return java.time.Duration.ofSeconds(Long.parseLong(v.strip()));
    }

    /** Prints a value as indented JSON on stdout (for {@code --json}). */
    public void printJson(Object value) {
        try {
            out.println(RegistryJson.mapper().copy().setSerializationInclusion(JsonInclude.Include.NON_NULL)
                    .writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
    }
}
