package ai.asterai.registry.blob;

import ai.asterai.protocol.crypto.Digest;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;

/** Blobs in an S3-compatible bucket through the MinIO client. */
public class S3BlobStore implements BlobStore {
    private final MinioClient client;
    private final String bucket;

    public S3BlobStore(MinioClient client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    /** Creates the bucket when it is missing; a replica racing us to it is fine. */
    public void ensureBucket() throws BlobStoreException {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                try {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                } catch (ErrorResponseException e) {
                    String code = e.errorResponse().code();
                    if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                        throw e;
                    }
                }
            }
        } catch (Exception e) {
            throw new BlobStoreException("cannot prepare bucket '" + bucket + "'", e);
        }
    }

    @Override
    public void put(Digest digest, Path file, long size) throws BlobStoreException {
        if (exists(digest)) {
            return;
        }
        try {
            client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(BlobStore.key(digest))
                    .filename(file.toString()).contentType("application/octet-stream").build());
        } catch (Exception e) {
            throw new BlobStoreException("cannot store blob " + digest, e);
        }
    }

    @Override
    public boolean exists(Digest digest) throws BlobStoreException {
        return size(digest) >= 0;
    }

    @Override
    public long size(Digest digest) throws BlobStoreException {
        try {
            return client.statObject(StatObjectArgs.builder().bucket(bucket).object(BlobStore.key(digest)).build()).size();
        } catch (ErrorResponseException e) {
            if (isMissing(e)) {
                return -1;
            }
            throw new BlobStoreException("cannot stat blob " + digest, e);
        } catch (Exception e) {
            throw new BlobStoreException("cannot stat blob " + digest, e);
        }
    }

    @Override
    public InputStream open(Digest digest, long offset, long length) throws BlobStoreException {
        try {
            GetObjectArgs.Builder b = GetObjectArgs.builder().bucket(bucket).object(BlobStore.key(digest));
            if (offset > 0 || length >= 0) {
                b.offset(offset);
                if (length >= 0) {
                    b.length(length);
                }
            }
            return client.getObject(b.build());
        } catch (ErrorResponseException e) {
            if (isMissing(e)) {
                return null;
            }
            throw new BlobStoreException("cannot read blob " + digest, e);
        } catch (Exception e) {
            throw new BlobStoreException("cannot read blob " + digest, e);
        }
    }

    @Override
    public void check() throws BlobStoreException {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                throw new BlobStoreException("bucket '" + bucket + "' does not exist", null);
            }
        } catch (BlobStoreException e) {
            throw e;
        } catch (Exception e) {
            throw new BlobStoreException("object store unreachable", e);
        }
    }

    private static boolean isMissing(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || e.response().code() == 404;
    }

    @Override
    public void list(Visitor visitor) throws BlobStoreException {
        Iterable<Result<Item>> items = client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix("sha256/").recursive(true).build());
        for (Result<Item> result : items) {
            Item item;
            try {
                item = result.get();
            } catch (Exception e) {
                throw new BlobStoreException("cannot list bucket '" + bucket + "'", e);
            }
            if (item.isDir()) {
                continue;
            }
            var digest = BlobStore.digestOf(item.objectName());
            if (digest.isPresent()) {
                Instant modified = item.lastModified() == null ? Instant.now() : item.lastModified().toInstant();
                visitor.visit(new StoredBlob(digest.get(), item.size(), modified));
            }
        }
    }

    @Override
    public void delete(Digest digest) throws BlobStoreException {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(BlobStore.key(digest)).build());
        } catch (Exception e) {
            throw new BlobStoreException("cannot delete blob " + digest, e);
        }
    }
}
