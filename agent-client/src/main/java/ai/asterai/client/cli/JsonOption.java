package ai.asterai.client.cli;

import picocli.CommandLine.Option;

/** {@code --json}: machine-readable output on stdout. */
public final class JsonOption {
    @Option(names = "--json", description = "Print the result as JSON (for scripts).")
    boolean enabled;
}
