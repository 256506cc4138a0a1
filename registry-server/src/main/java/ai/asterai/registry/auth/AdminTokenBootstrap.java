package ai.asterai.registry.auth;

import ai.asterai.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Provides the administrator token: from configuration, or (embedded default) generated once and
 * kept in a 0600 file whose path, never the token, is logged.
 */
@io.quarkus.runtime.Startup
@ApplicationScoped
public class AdminTokenBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminTokenBootstrap.class);
    private final Optional<String> token;

    public AdminTokenBootstrap(RegistryConfig config) {
        this.token = resolve(config);
    }

    public Optional<String> adminToken() {
        return token;
    }

    private static Optional<String> resolve(RegistryConfig config) {
        Optional<String> configured = config.adminToken().map(String::trim).filter(s -> !s.isEmpty());
        if (configured.isPresent() || config.adminTokenFile().isEmpty()) {
            if (configured.isEmpty()) {
                LOG.info("no administrator token configured (ASTERAI_ADMIN_TOKEN); administrative endpoints are closed");
            }
            return configured;
        }
        Path file = Path.of(config.adminTokenFile().get()).toAbsolutePath();
        try {
            if (Files.exists(file)) {
                String existing = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!existing.isEmpty()) {
                    LOG.infof("administrator token: read from %s", file);
                    return Optional.of(existing);
                }
            }
            Files.createDirectories(file.getParent());
            String generated = TokenSecrets.generate();
            Path tmp = Files.createTempFile(file.getParent(), ".admin-token", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.debug("file system has no POSIX permissions; admin token file keeps default mode");
            }
            Files.writeString(tmp, generated + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("administrator token: generated and written to %s", file);
            return Optional.of(generated);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the administrator token file " + file, e);
        }
    }
}
