/**
 * The client library: talks to a registry ({@code registry}), resolves, downloads and verifies releases
 * ({@code fetch}), keeps them in a content-addressed cache ({@code cache}) under pinned trust
 * ({@code trust}) over the records the registry client parsed once ({@code release}), reads and writes project files ({@code project}), keys ({@code keys}) and the user's
 * configuration ({@code config}), and turns a reference or a project folder into what the runtime loads
 * ({@code launch}), and pulls and pushes releases through any OCI registry ({@code oci}). Failures are typed ({@code failure}); the words for a person are the command's.
 * Knows nothing of the agent or the command line. {@code fs} (atomic writes) stays inside.
 */
module ai.asterai.client {
    requires transitive ai.asterai.protocol;
    requires transitive ai.asterai.runtime;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.toml;
    requires java.net.http;

    exports ai.asterai.client.cache;
    exports ai.asterai.client.config;
    exports ai.asterai.client.failure;
    exports ai.asterai.client.fetch;
    exports ai.asterai.client.keys;
    exports ai.asterai.client.launch;
    exports ai.asterai.client.oci;
    exports ai.asterai.client.project;
    exports ai.asterai.client.registry;
    exports ai.asterai.client.release;
    exports ai.asterai.client.trust;

    // wire models, project files, configuration and trust pins are bound by Jackson
    opens ai.asterai.client.cache to com.fasterxml.jackson.databind;
    opens ai.asterai.client.config to com.fasterxml.jackson.databind;
    opens ai.asterai.client.project to com.fasterxml.jackson.databind;
    opens ai.asterai.client.registry to com.fasterxml.jackson.databind;
    opens ai.asterai.client.release to com.fasterxml.jackson.databind;
    opens ai.asterai.client.trust to com.fasterxml.jackson.databind;
}
