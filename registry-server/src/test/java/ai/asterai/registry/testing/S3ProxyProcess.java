package ai.asterai.registry.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real S3-protocol server on loopback: S3Proxy run as its own process over a temp directory.
 * Tests can stop and restart it to inject object-store failures.
 */
public final class S3ProxyProcess implements AutoCloseable {
    public static final String ACCESS_KEY = "asterai-test";
    public static final String SECRET_KEY = "asterai-test-secret-0123456789";
    private final Path dir;
    private final int port;
    private Process process;

    private S3ProxyProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static S3ProxyProcess start() {
        try {
            Path dir = Files.createTempDirectory("s3proxy");
            S3ProxyProcess p = new S3ProxyProcess(dir, freePort());
            p.launch();
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
    }

    public static Path jar() {
        String configured = System.getProperty("s3proxy.jar");
        if (configured != null && Files.exists(Path.of(configured))) {
            return Path.of(configured);
        }
        // agent-client tests run from their own module folder
        for (Path p : List.of(Path.of("target/s3proxy/s3proxy.jar"), Path.of("../registry-server/target/s3proxy/s3proxy.jar"))) {
            if (Files.exists(p)) {
                return p.toAbsolutePath();
            }
        }
        throw new IllegalStateException("s3proxy.jar not found: run the registry-server build (generate-test-resources) first");
    }

    public synchronized void launch() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        Path conf = dir.resolve("s3proxy.conf");
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data,
                ""));
        process = new ProcessBuilder("java", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar().toString(), "--properties", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("s3proxy.log").toFile())
                .start();
        waitUntilUp(Duration.ofSeconds(60));
    }

    private void waitUntilUp(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited: " + Files.readString(dir.resolve("s3proxy.log")));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(1000);
                c.getResponseCode();
                c.disconnect();
                return;
            } catch (IOException notYet) {
                sleep(200);
            }
        }
        throw new IOException("S3Proxy did not start within " + timeout);
    }

    /** Stops the server (its data stays), so a test can see how the registry copes. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    @Override
    public void close() {
        stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
