package ai.asterai.registry.tlog;

import ai.asterai.protocol.tlog.Hash;
import ai.asterai.protocol.tlog.NodeId;
import ai.asterai.protocol.tlog.StoredHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The log in SQL (PostgreSQL, or the embedded H2), through native queries in the caller's transaction. */
@ApplicationScoped
public class SqlTlogStore implements TlogStore {
    /** The advisory lock's key: any fixed number no other feature uses ("tlog" in ASCII). */
    static final long LOCK_KEY = 0x746c6f67L;
    private final EntityManager em;
    private final boolean postgres;

    public SqlTlogStore(EntityManager em, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.em = em;
        this.postgres = dbKind.startsWith("postgres");
    }

    @Override
    public void lockForAppend() {
        if (postgres) {
            // a transaction-scoped advisory lock: released by commit or rollback, on any replica
            em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(?1)) l").setParameter(1, LOCK_KEY).getSingleResult();
        } else {
            em.createNativeQuery("select size from tlog_head where id = 1 for update").getResultList();
        }
    }

    @Override
    public Head head() {
        Object[] row = (Object[]) em.createNativeQuery("select size, root from tlog_head where id = 1").getSingleResult();
        return new Head(((Number) row[0]).longValue(), row[1] == null ? null : new Hash((byte[]) row[1]));
    }

    @Override
    public void setHead(long size, Hash root) {
        em.createNativeQuery("update tlog_head set size = ?1, root = ?2 where id = 1")
                .setParameter(1, size).setParameter(2, root.bytes()).executeUpdate();
    }

    @Override
    public void insertEntry(long index, byte[] data) {
        em.createNativeQuery("insert into tlog_entries (idx, data) values (?1, ?2)")
                .setParameter(1, index).setParameter(2, data).executeUpdate();
    }

    @Override
    public void insertHashes(List<StoredHash> hashes) {
        for (StoredHash h : hashes) {
            em.createNativeQuery("insert into tlog_hashes (level, idx, hash) values (?1, ?2, ?3)")
                    .setParameter(1, (short) h.node().level()).setParameter(2, h.node().index())
                    .setParameter(3, h.hash().bytes()).executeUpdate();
        }
    }

    @Override
    public List<Hash> hashes(List<NodeId> nodes) {
        if (nodes.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("select level, idx, hash from tlog_hashes where ");
        for (int i = 0; i < nodes.size(); i++) {
            sql.append(i == 0 ? "" : " or ").append("(level = ?").append(2 * i + 1).append(" and idx = ?").append(2 * i + 2).append(')');
        }
        Query q = em.createNativeQuery(sql.toString());
        for (int i = 0; i < nodes.size(); i++) {
            q.setParameter(2 * i + 1, (short) nodes.get(i).level()).setParameter(2 * i + 2, nodes.get(i).index());
        }
        Map<NodeId, Hash> found = new HashMap<>();
        for (Object o : q.getResultList()) {
            Object[] row = (Object[]) o;
            found.put(new NodeId(((Number) row[0]).intValue(), ((Number) row[1]).longValue()), new Hash((byte[]) row[2]));
        }
        List<Hash> out = new ArrayList<>(nodes.size());
        for (NodeId n : nodes) {
            Hash h = found.get(n);
            if (h == null) {
                throw new IllegalStateException("the transparency log has no stored hash for " + n);
            }
            out.add(h);
        }
        return out;
    }

    @Override
    public List<Hash> hashRange(int level, long from, long to) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("select hash from tlog_hashes where level = ?1 and idx >= ?2 and idx < ?3 order by idx")
                .setParameter(1, (short) level).setParameter(2, from).setParameter(3, to).getResultList();
        return rows.stream().map(o -> new Hash((byte[]) o)).toList();
    }

    @Override
    public List<byte[]> entries(long from, long to) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("select data from tlog_entries where idx >= ?1 and idx < ?2 order by idx")
                .setParameter(1, from).setParameter(2, to).getResultList();
        return rows.stream().map(o -> (byte[]) o).toList();
    }

    @Override
    public void putCosignature(String witness, long size, String line) {
        String sql = postgres
                ? "insert into tlog_cosignatures (witness, size, line) values (?1, ?2, ?3) on conflict (witness) do update"
                        + " set size = excluded.size, line = excluded.line where tlog_cosignatures.size <= excluded.size"
                : "merge into tlog_cosignatures t using (values (?1, ?2, ?3)) v(witness, size, line) on t.witness = v.witness"
                        + " when matched and t.size <= v.size then update set size = v.size, line = v.line"
                        + " when not matched then insert (witness, size, line) values (v.witness, v.size, v.line)";
        em.createNativeQuery(sql).setParameter(1, witness).setParameter(2, size).setParameter(3, line).executeUpdate();
    }

    @Override
    public Map<String, String> cosignatures(long size) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select witness, line from tlog_cosignatures where size = ?1 order by witness")
                .setParameter(1, size).getResultList();
        Map<String, String> out = new java.util.LinkedHashMap<>();
        rows.forEach(r -> out.put((String) r[0], (String) r[1]));
        return out;
    }
}
