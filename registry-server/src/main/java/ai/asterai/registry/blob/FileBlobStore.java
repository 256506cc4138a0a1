package ai.asterai.registry.blob;

import ai.asterai.protocol.crypto.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Blobs as files under a directory: the embedded default. Writes go to a temp file, then an atomic rename. */
public class FileBlobStore implements BlobStore {
    private final Path root;

    public FileBlobStore(Path root) throws BlobStoreException {
        this.root = root.toAbsolutePath();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new BlobStoreException("cannot create blob directory " + this.root, e);
        }
    }

    private Path path(Digest d) {
        return root.resolve(BlobStore.key(d));
    }

    @Override
    public void put(Digest digest, Path file, long size) throws BlobStoreException {
        Path target = path(digest);
        if (Files.exists(target)) {
            return;
        }
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".upload", ".tmp");
            try {
                Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new BlobStoreException("cannot write blob " + digest, e);
        }
    }

    @Override
    public boolean exists(Digest digest) {
        return Files.exists(path(digest));
    }

    @Override
    public long size(Digest digest) throws BlobStoreException {
        try {
            return Files.size(path(digest));
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw new BlobStoreException("cannot read blob " + digest, e);
        }
    }

    @Override
    public InputStream open(Digest digest, long offset, long length) throws BlobStoreException {
        try {
            FileChannel ch = FileChannel.open(path(digest), StandardOpenOption.READ);
            ch.position(offset);
            InputStream in = Channels.newInputStream(ch);
            return length < 0 ? in : new BoundedInputStream(in, length);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new BlobStoreException("cannot read blob " + digest, e);
        }
    }

    @Override
    public void check() throws BlobStoreException {
        if (!Files.isDirectory(root) || !Files.isWritable(root)) {
            throw new BlobStoreException("blob directory " + root + " is not a writable directory", null);
        }
    }

    @Override
    public void list(Visitor visitor) throws BlobStoreException {
        Path top = root.resolve("sha256");
        if (!Files.isDirectory(top)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(top, 2)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new BlobStoreException("cannot list blob directory " + top, e);
        }
        for (Path f : files) {
            var digest = BlobStore.digestOf(root.relativize(f).toString().replace(java.io.File.separatorChar, '/'));
            if (digest.isEmpty()) {
                continue; // an upload's temp file, or not ours
            }
            try {
                visitor.visit(new StoredBlob(digest.get(), Files.size(f), Files.getLastModifiedTime(f).toInstant()));
            } catch (NoSuchFileException e) {
                // deleted since the walk
            } catch (IOException e) {
                throw new BlobStoreException("cannot read blob " + f, e);
            }
        }
    }

    @Override
    public void delete(Digest digest) throws BlobStoreException {
        try {
            Files.deleteIfExists(path(digest));
        } catch (IOException e) {
            throw new BlobStoreException("cannot delete blob " + digest, e);
        }
    }
}
