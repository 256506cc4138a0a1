package ai.asterai.registry.oci.push;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The oci_manifests and oci_manifest_blobs tables, in SQL. */
@ApplicationScoped
public class SqlManifestStore implements ManifestStore {
    private static final String COLUMNS = "id, repository, digest, role, media_type, artifact_type, subject_digest, tag, content,"
            + " release_id, created_at, expires_at";
    private final EntityManager em;

    public SqlManifestStore(EntityManager em) {
        this.em = em;
    }

    @SuppressWarnings("unchecked")
    private List<Row> rows(String where, Object... params) {
        var q = em.createNativeQuery("select " + COLUMNS + " from oci_manifests where " + where + " order by id");
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        List<Row> out = new ArrayList<>();
        for (Object[] r : (List<Object[]>) q.getResultList()) {
            out.add(new Row(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                    (String) r[6], (String) r[7], (byte[]) r[8], r[9] == null ? null : ((Number) r[9]).longValue(),
                    SqlUploadStore.toOffset(r[10]), r[11] == null ? null : SqlUploadStore.toOffset(r[11])));
        }
        return out;
    }

    @Override
    public Optional<Row> byDigest(String repository, String digest) {
        return rows("repository = ?1 and digest = ?2", repository, digest).stream().findFirst();
    }

    @Override
    public Optional<Row> componentOf(long releaseId) {
        return rows("release_id = ?1 and role = 'component'", releaseId).stream().findFirst();
    }

    @Override
    public List<Row> bySubject(String repository, String subject) {
        return rows("repository = ?1 and subject_digest = ?2", repository, subject);
    }

    @Override
    public List<Row> pendingTagged(String repository, String tag) {
        return rows("repository = ?1 and tag = ?2 and release_id is null", repository, tag);
    }

    @Override
    public long insert(Row row, List<BlobRef> blobs) {
        // only the values present are bound: a null parameter has no SQL type the database could infer
        String[] names = {"repository", "digest", "role", "media_type", "artifact_type", "subject_digest", "tag", "content",
                "release_id", "created_at", "expires_at"};
        Object[] values = {row.repository(), row.digest(), row.role(), row.mediaType(), row.artifactType(), row.subject(), row.tag(),
                row.content(), row.releaseId(), row.createdAt(), row.expiresAt()};
        List<String> columns = new ArrayList<>();
        List<Object> present = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (values[i] != null) {
                columns.add(names[i]);
                present.add(values[i]);
            }
        }
        StringBuilder marks = new StringBuilder();
        for (int i = 1; i <= present.size(); i++) {
            marks.append(i == 1 ? "" : ", ").append('?').append(i);
        }
        var insert = em.createNativeQuery("insert into oci_manifests (" + String.join(", ", columns) + ") values (" + marks + ")");
        for (int i = 0; i < present.size(); i++) {
            insert.setParameter(i + 1, present.get(i));
        }
        insert.executeUpdate();
        long id = ((Number) em.createNativeQuery("select id from oci_manifests where repository = ?1 and digest = ?2")
                .setParameter(1, row.repository()).setParameter(2, row.digest()).getSingleResult()).longValue();
        for (BlobRef b : blobs) {
            em.createNativeQuery("insert into oci_manifest_blobs (manifest_id, digest, media_type, size) values (?1, ?2, ?3, ?4)")
                    .setParameter(1, id).setParameter(2, b.digest()).setParameter(3, b.mediaType()).setParameter(4, b.size()).executeUpdate();
        }
        return id;
    }

    @Override
    public void markReleased(long id, long releaseId) {
        em.createNativeQuery("update oci_manifests set release_id = ?2, expires_at = null where id = ?1")
                .setParameter(1, id).setParameter(2, releaseId).executeUpdate();
    }

    @Override
    public void delete(long id) {
        em.createNativeQuery("delete from oci_manifest_blobs where manifest_id = ?1").setParameter(1, id).executeUpdate();
        em.createNativeQuery("delete from oci_manifests where id = ?1").setParameter(1, id).executeUpdate();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<BlobRef> releasedBlob(String repository, String digest) {
        List<Object[]> rows = em.createNativeQuery("select b.digest, b.media_type, b.size from oci_manifest_blobs b"
                        + " join oci_manifests m on m.id = b.manifest_id"
                        + " where m.repository = ?1 and b.digest = ?2 and m.release_id is not null")
                .setParameter(1, repository).setParameter(2, digest).setMaxResults(1).getResultList();
        return rows.stream().findFirst().map(r -> new BlobRef((String) r[0], (String) r[1], ((Number) r[2]).longValue()));
    }

    @Override
    public boolean namesBlob(String digest) {
        return !em.createNativeQuery("select 1 from oci_manifest_blobs where digest = ?1").setParameter(1, digest)
                .setMaxResults(1).getResultList().isEmpty();
    }

    @Override
    public long removeExpired(OffsetDateTime now) {
        em.createNativeQuery("delete from oci_manifest_blobs where manifest_id in (select id from oci_manifests"
                + " where release_id is null and expires_at < ?1)").setParameter(1, now).executeUpdate();
        return em.createNativeQuery("delete from oci_manifests where release_id is null and expires_at < ?1")
                .setParameter(1, now).executeUpdate();
    }
}
