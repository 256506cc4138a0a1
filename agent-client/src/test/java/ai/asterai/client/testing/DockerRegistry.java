package ai.asterai.client.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code docker-registry} (the reference OCI distribution server, 2.8) as a process on a free
 * loopback port with its storage in a temp folder, optionally behind htpasswd Basic auth (the bcrypt
 * file written here with BouncyCastle, so apache2-utils is not needed). .ci/ensure-oci-tools.sh
 * installs it; without it the tests that need it skip with that reason.
 */
public final class DockerRegistry implements AutoCloseable {
    public static final String BINARY = "/usr/bin/docker-registry";
    private final Process process;
    private final int port;
    private final Path storage;

    private DockerRegistry(Process process, int port, Path storage) {
        this.process = process;
        this.port = port;
        this.storage = storage;
    }

    /** Skips the calling test when the binary is missing. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(BINARY)),
                "docker-registry is not installed (run .ci/ensure-oci-tools.sh; Debian package docker-registry)");
    }

    /** Starts one; {@code user}/{@code password} non-null put it behind htpasswd Basic auth. */
    public static DockerRegistry start(Path dir, String user, String password) throws IOException, InterruptedException {
        assumeInstalled();
        Path storage = Files.createDirectories(dir.resolve("storage"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        StringBuilder yaml = new StringBuilder("""
                version: 0.1
                log:
                  level: error
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                """.formatted(storage, port));
        if (user != null) {
            Path htpasswd = dir.resolve("htpasswd");
            byte[] salt = new byte[16];
            new java.security.SecureRandom().nextBytes(salt);
            Files.writeString(htpasswd, user + ":" + OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 6) + "\n");
            yaml.append("""
                    auth:
                      htpasswd:
                        realm: asterai-test
                        path: %s
                    """.formatted(htpasswd));
        }
        Path config = dir.resolve("config.yml");
        Files.writeString(config, yaml.toString());
        Process p = new ProcessBuilder(BINARY, "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile()).start();
        DockerRegistry r = new DockerRegistry(p, port, storage);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        for (int i = 0; i < 100; i++) {
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) {
                    return r;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        r.close();
        throw new IllegalStateException("docker-registry did not start: " + Files.readString(dir.resolve("registry.log"), StandardCharsets.UTF_8));
    }

    public int port() {
        return port;
    }

    /** {@code host:port}, as in {@code oci://} references and Docker's config. */
    public String authority() {
        return "127.0.0.1:" + port;
    }

    /** The file that holds a blob in the registry's storage (to tamper with it). */
    public Path blobFile(String digest) throws IOException {
        String hex = digest.substring("sha256:".length());
        Path p = storage.resolve("docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
        if (!Files.exists(p)) {
            try (Stream<Path> s = Files.walk(storage)) {
                throw new IllegalStateException("no blob file " + p + "; storage holds " + s.toList());
            }
        }
        return p;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
