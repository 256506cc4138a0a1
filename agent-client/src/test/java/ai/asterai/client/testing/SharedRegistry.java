package ai.asterai.client.testing;

import ai.asterai.registry.testing.RegistryProcess;

/**
 * One real registry (packaged Quarkus app, PostgreSQL schema of its own, S3Proxy) for every test
 * class in this JVM: starting one costs seconds, and tests keep apart by using their own namespaces.
 */
public final class SharedRegistry {
    private static RegistryProcess registry;

    private SharedRegistry() {
    }

    public static synchronized RegistryProcess get() {
        if (registry == null) {
            RegistryProcess r = RegistryProcess.start();
            Runtime.getRuntime().addShutdownHook(new Thread(r::close));
            registry = r;
        }
        return registry;
    }
}
