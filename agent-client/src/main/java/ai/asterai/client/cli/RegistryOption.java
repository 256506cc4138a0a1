package ai.asterai.client.cli;

import picocli.CommandLine.Option;

/** {@code --registry URL}: which registry to use instead of the default. */
public final class RegistryOption {
    @Option(names = "--registry", paramLabel = "URL",
            description = "Registry URL (default: $ASTERAI_REGISTRY, else the default from `asterai login`).")
    String url;
}
