package ai.asterai.client.fetch;

import ai.asterai.protocol.crypto.PublicKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How a fetch may proceed.
 *
 * @param offline     use the cache only; never contact the registry
 * @param trustedKeys keys to pin for their namespace before anything else (instead of trust on first use)
 * @param lockFile    the project's asterai.lock to honour and update, if any
 * @param progress    told as downloads advance (a progress bar, say)
 */
public record FetchOptions(boolean offline, List<PublicKey> trustedKeys, Optional<Path> lockFile, DownloadProgress progress) {
    public FetchOptions {
        trustedKeys = List.copyOf(trustedKeys);
        progress = progress == null ? DownloadProgress.NONE : progress;
    }

    public static FetchOptions defaults() {
        return new FetchOptions(false, List.of(), Optional.empty(), DownloadProgress.NONE);
    }

    public FetchOptions offline(boolean value) {
        return new FetchOptions(value, trustedKeys, lockFile, progress);
    }

    public FetchOptions trusting(List<PublicKey> keys) {
        return new FetchOptions(offline, keys, lockFile, progress);
    }

    public FetchOptions lockedBy(Path lock) {
        return new FetchOptions(offline, trustedKeys, Optional.ofNullable(lock), progress);
    }

    public FetchOptions reporting(DownloadProgress value) {
        return new FetchOptions(offline, trustedKeys, lockFile, value);
    }
}
