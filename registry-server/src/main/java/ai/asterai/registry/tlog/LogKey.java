package ai.asterai.registry.tlog;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.tlog.NoteSigner;
import ai.asterai.registry.config.RegistryConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The log's signing key and origin: from configuration, or (the embedded default) generated once into
 * a 0600 file. The verifier key, never the private key, is logged at start, so an operator can
 * publish it and clients can pin it.
 */
@Startup
@ApplicationScoped
public class LogKey {
    private static final Logger LOG = Logger.getLogger(LogKey.class);
    static final String DEFAULT_ORIGIN = "asterai-registry.localhost";
    private final NoteSigner signer;

    public LogKey(RegistryConfig config) {
        String origin = origin(config);
        this.signer = new NoteSigner(origin, key(config));
        LOG.infof("transparency log verifier key: %s", signer.verifier().text());
    }

    public NoteSigner signer() {
        return signer;
    }

    public String origin() {
        return signer.name();
    }

    static String origin(RegistryConfig config) {
        Optional<String> configured = config.tlog().origin().map(String::strip).filter(s -> !s.isEmpty());
        if (configured.isPresent()) {
            return configured.get();
        }
        return config.publicUrl().map(String::strip).filter(s -> !s.isEmpty()).map(u -> {
            URI uri = URI.create(u);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            return uri.getRawAuthority() + path;
        }).orElse(DEFAULT_ORIGIN);
    }

    private static SigningKey key(RegistryConfig config) {
        Optional<String> configured = config.tlog().signingKey().map(String::strip).filter(s -> !s.isEmpty());
        if (configured.isPresent()) {
            try {
                return SigningKey.parse(configured.get());
            } catch (InvalidInputException e) {
                throw new IllegalArgumentException("asterai.tlog.signing-key: " + e.getMessage());
            }
        }
        if (config.tlog().signingKeyFile().isEmpty()) {
            throw new IllegalArgumentException("the transparency log needs a signing key: set asterai.tlog.signing-key"
                    + " (ASTERAI_TLOG_SIGNING_KEY) or asterai.tlog.signing-key-file");
        }
        Path file = Path.of(config.tlog().signingKeyFile().get()).toAbsolutePath();
        try {
            if (Files.exists(file)) {
                LOG.infof("transparency log signing key: read from %s", file);
                return SigningKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            Files.createDirectories(file.getParent());
            SigningKey generated = SigningKey.generate();
            Path tmp = Files.createTempFile(file.getParent(), ".tlog-key", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.debug("file system has no POSIX permissions; the log key file keeps the default mode");
            }
            Files.writeString(tmp, generated.encode() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("transparency log signing key: generated and written to %s", file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the transparency log key file " + file, e);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException("the transparency log key file " + file + ": " + e.getMessage());
        }
    }
}
