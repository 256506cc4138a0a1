package ai.asterai.client.oci;

import ai.asterai.client.failure.ConfigException;
import ai.asterai.protocol.json.StrictJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Where a registry's user name and password come from: Docker's {@code config.json}
 * ({@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}; its {@code auths} entries
 * with a base64 {@code auth} or {@code username}/{@code password}), or any other lookup (the asterai
 * login, for the asterai registry's own host). Credential helpers ({@code credsStore}) are not run.
 */
@FunctionalInterface
public interface OciCredentials {
    /** The credentials for {@code host[:port]}, if any are known. */
    Optional<Basic> find(String authority);

    OciCredentials NONE = authority -> Optional.empty();

    /** A user name and password (or token) for HTTP Basic or for a token endpoint. {@code toString} hides the password. */
    record Basic(String username, String password) {
        public String header() {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Basic[" + username + ", ***]";
        }
    }

    /** These credentials first, then {@code other}'s. */
    default OciCredentials orElse(OciCredentials other) {
        return authority -> find(authority).or(() -> other.find(authority));
    }

    /** Docker's config file as the environment locates it; an absent file gives no credentials. */
    static OciCredentials dockerConfig(Map<String, String> env) {
        String dir = env.get("DOCKER_CONFIG");
        Path file = dir != null && !dir.isBlank() ? Path.of(dir, "config.json")
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker", "config.json");
        return dockerConfig(file);
    }

    /** Reads {@code file} once, when credentials are first asked for. */
    static OciCredentials dockerConfig(Path file) {
        JsonNode[] auths = {null};
        return authority -> {
            if (auths[0] == null) {
                auths[0] = DockerConfig.read(file);
            }
            return DockerConfig.lookup(auths[0], authority, file);
        };
    }

    /** Reading Docker's file: bounded, strict JSON, one clear error naming the file. */
    final class DockerConfig {
        private static final int MAX_BYTES = 1024 * 1024;
        private static final ObjectMapper JSON = StrictJson.mapper();

        private DockerConfig() {
        }

        static JsonNode read(Path file) {
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            } catch (NoSuchFileException e) {
                return JSON.createObjectNode();
            } catch (IOException e) {
                throw new ConfigException(file.toString(), "cannot read " + file + ": " + e.getMessage());
            }
            if (bytes.length > MAX_BYTES) {
                throw new ConfigException(file.toString(), file + " is larger than " + MAX_BYTES + " bytes");
            }
            try {
                JsonNode root = JSON.readTree(bytes);
                JsonNode auths = root == null ? null : root.get("auths");
                if (auths == null || auths.isNull()) {
                    return JSON.createObjectNode();
                }
                if (!auths.isObject()) {
                    throw new ConfigException(file.toString(), file + ": 'auths' is not an object");
                }
                return auths;
            } catch (IOException e) {
                throw new ConfigException(file.toString(), file + " is not valid JSON");
            }
        }

        static Optional<Basic> lookup(JsonNode auths, String authority, Path file) {
            // Docker keys entries by host[:port], sometimes written as a URL
            for (String key : new String[]{authority, "https://" + authority, "http://" + authority,
                    "https://" + authority + "/v2/", "https://" + authority + "/v1/"}) {
                JsonNode entry = auths.get(key);
                if (entry != null && entry.isObject()) {
                    return Optional.of(entry(entry, authority, file));
                }
            }
            return Optional.empty();
        }

        private static Basic entry(JsonNode entry, String authority, Path file) {
            JsonNode auth = entry.get("auth");
            if (auth != null && auth.isTextual() && !auth.textValue().isEmpty()) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(auth.textValue().strip()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(file.toString(), file + ": the auth of " + authority + " is not valid base64");
                }
                int colon = decoded.indexOf(':');
                if (colon <= 0) {
                    throw new ConfigException(file.toString(), file + ": the auth of " + authority + " is not base64 of user:password");
                }
                return new Basic(decoded.substring(0, colon), decoded.substring(colon + 1));
            }
            JsonNode user = entry.get("username");
            JsonNode password = entry.get("password");
            if (user != null && user.isTextual() && password != null && password.isTextual()) {
                return new Basic(user.textValue(), password.textValue());
            }
            throw new ConfigException(file.toString(), file + ": the entry for " + authority + " has no auth or username/password");
        }
    }
}
