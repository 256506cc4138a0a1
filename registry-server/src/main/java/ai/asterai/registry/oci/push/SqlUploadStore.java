package ai.asterai.registry.oci.push;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The oci_uploads and oci_upload_chunks tables, in SQL. */
@ApplicationScoped
public class SqlUploadStore implements UploadStore {
    private final EntityManager em;

    public SqlUploadStore(EntityManager em) {
        this.em = em;
    }

    @Override
    public void create(String id, String repository, OffsetDateTime now, OffsetDateTime expiresAt) {
        em.createNativeQuery("insert into oci_uploads (id, repository, size, chunks, created_at, expires_at) values (?1, ?2, 0, 0, ?3, ?4)")
                .setParameter(1, id).setParameter(2, repository).setParameter(3, now).setParameter(4, expiresAt).executeUpdate();
    }

    @Override
    public Optional<Session> lock(String id) {
        return select(id, " for update");
    }

    @Override
    public Optional<Session> find(String id) {
        return select(id, "");
    }

    private Optional<Session> select(String id, String suffix) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, repository, size, chunks, expires_at from oci_uploads where id = ?1" + suffix)
                .setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        return Optional.of(new Session((String) r[0], (String) r[1], ((Number) r[2]).longValue(), ((Number) r[3]).intValue(), toOffset(r[4])));
    }

    @Override
    public void append(Session s, String digest, long size) {
        em.createNativeQuery("insert into oci_upload_chunks (upload_id, seq, digest, size) values (?1, ?2, ?3, ?4)")
                .setParameter(1, s.id()).setParameter(2, s.chunks()).setParameter(3, digest).setParameter(4, size).executeUpdate();
        em.createNativeQuery("update oci_uploads set size = size + ?2, chunks = chunks + 1 where id = ?1")
                .setParameter(1, s.id()).setParameter(2, size).executeUpdate();
    }

    @Override
    public List<Chunk> chunks(String id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select seq, digest, size from oci_upload_chunks where upload_id = ?1 order by seq")
                .setParameter(1, id).getResultList();
        List<Chunk> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new Chunk(((Number) r[0]).intValue(), (String) r[1], ((Number) r[2]).longValue()));
        }
        return out;
    }

    @Override
    public void delete(String id) {
        em.createNativeQuery("delete from oci_upload_chunks where upload_id = ?1").setParameter(1, id).executeUpdate();
        em.createNativeQuery("delete from oci_uploads where id = ?1").setParameter(1, id).executeUpdate();
    }

    @Override
    public long removeExpired(OffsetDateTime now) {
        em.createNativeQuery("delete from oci_upload_chunks where upload_id in (select id from oci_uploads where expires_at < ?1)")
                .setParameter(1, now).executeUpdate();
        return em.createNativeQuery("delete from oci_uploads where expires_at < ?1").setParameter(1, now).executeUpdate();
    }

    static OffsetDateTime toOffset(Object o) {
        if (o instanceof OffsetDateTime t) return t;
        if (o instanceof java.time.Instant i) return i.atOffset(ZoneOffset.UTC);
        if (o instanceof java.sql.Timestamp ts) return ts.toInstant().atOffset(ZoneOffset.UTC);
        if (o instanceof java.time.ZonedDateTime z) return z.toOffsetDateTime();
        if (o instanceof java.time.LocalDateTime l) return l.atOffset(ZoneOffset.UTC);
        throw new IllegalStateException("unexpected timestamp type " + o.getClass());
    }
}
