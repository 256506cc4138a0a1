package ai.asterai.client.keys;

import ai.asterai.client.failure.KeyStoreException;
import ai.asterai.client.fs.AtomicFiles;
import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.PublicKey;
import ai.asterai.protocol.crypto.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The user's Ed25519 signing keys: {@code NAME.key} (private seed, mode 0600) and {@code NAME.pub}
 * beside it. Like ssh, a private key file that others can read is refused rather than used.
 */
public final class KeyStore {
    public static final String DEFAULT_NAME = "default";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private final Path dir;

    public KeyStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new KeyStoreException(KeyStoreException.Problem.INVALID_NAME, String.valueOf(name), null, "key name '" + ai.asterai.protocol.name.PackageName.printable(String.valueOf(name))
                    + "' is invalid: use 1-64 characters a-z, 0-9, '-' and '_'");
        }
        return name;
    }

    public StoredKey generate(String name) {
        requireName(name);
        SigningKey key = SigningKey.generate();
        Path priv = dir.resolve(name + ".key");
        try {
            AtomicFiles.privateDirectories(dir);
            AtomicFiles.writeNew(priv, (key.encode() + "\n").getBytes(StandardCharsets.US_ASCII));
            AtomicFiles.write(dir.resolve(name + ".pub"), (key.publicKey() + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (FileAlreadyExistsException e) {
            throw new KeyStoreException(KeyStoreException.Problem.ALREADY_EXISTS, name, priv, "key '" + name + "' already exists at " + priv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StoredKey(name, key.publicKey(), priv);
    }

    /** Loads the private key, refusing a missing, malformed or world-readable file. */
    public SigningKey signingKey(String name) {
        requireName(name);
        Path priv = dir.resolve(name + ".key");
        try {
            if (!AtomicFiles.isPrivate(priv)) {
                throw new KeyStoreException(KeyStoreException.Problem.READABLE_BY_OTHERS, name, priv, "key file " + priv + " is readable by other users");
            }
            return SigningKey.parse(Files.readString(priv, StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            throw new KeyStoreException(KeyStoreException.Problem.NOT_FOUND, name, dir, "no key named '" + name + "' in " + dir);
        } catch (InvalidInputException e) {
            throw new KeyStoreException(KeyStoreException.Problem.NOT_A_KEY, name, priv, "key file " + priv + " is not an asterai private key: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every key pair in the folder, by name; a file that cannot be read is skipped. */
    public List<StoredKey> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<StoredKey> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                String file = p.getFileName().toString();
                if (!file.endsWith(".pub")) {
                    continue;
                }
                String name = file.substring(0, file.length() - 4);
                Path priv = dir.resolve(name + ".key");
                if (!NAME.matcher(name).matches() || !Files.exists(priv)) {
                    continue;
                }
                try {
                    keys.add(new StoredKey(name, PublicKey.parse(Files.readString(p, StandardCharsets.US_ASCII).strip()), priv));
                } catch (InvalidInputException | IOException unreadable) {
                    // a stray file is not a key
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    public Optional<StoredKey> find(String name) {
        return list().stream().filter(k -> k.name().equals(name)).findFirst();
    }

    public Optional<StoredKey> findByKeyId(String keyId) {
        return list().stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    }
}
