package ai.asterai.registry.release;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.List;

/** Packages and releases in the database: Panache entities, and SQL for the two counters. */
@ApplicationScoped
public class PanacheReleaseStore implements ReleaseStore {
    private final EntityManager em;

    public PanacheReleaseStore(EntityManager em) {
        this.em = em;
    }

    @Override
    public PackageEntity pkg(long namespaceId, String name) {
        return PackageEntity.find("namespaceId = ?1 and name = ?2", namespaceId, name).firstResult();
    }

    @Override
    public List<ai.asterai.protocol.name.PackageName> publishedPackages() {
        List<Object[]> rows = em.createQuery("select n.name, p.name from PackageEntity p, Namespace n where p.namespaceId = n.id"
                + " and exists (select 1 from Release r where r.packageId = p.id)", Object[].class).getResultList();
        return rows.stream().map(r -> new ai.asterai.protocol.name.PackageName((String) r[0], (String) r[1])).toList();
    }

    @Override
    public List<PackageEntity> packagesOf(long namespaceId) {
        return PackageEntity.list("namespaceId = ?1 order by name", namespaceId);
    }

    @Override
    public PackageEntity insertPackage(PackageEntity p) {
        p.persistAndFlush();
        return p;
    }

    @Override
    public void touchPackage(long packageId, OffsetDateTime at, String description) {
        PackageEntity.update("updatedAt = ?1, description = ?2 where id = ?3", at, description, packageId);
    }

    @Override
    public Release release(long packageId, String versionKey) {
        return Release.find("packageId = ?1 and versionKey = ?2", packageId, versionKey).firstResult();
    }

    @Override
    public List<Release> releasesOf(long packageId) {
        return Release.list("packageId", packageId);
    }

    @Override
    public void insertRelease(Release r, List<String> exports, List<String> imports) {
        r.persistAndFlush();
        exports.forEach(item -> ReleaseInterface.of(r.id, "export", item).persist());
        imports.forEach(item -> ReleaseInterface.of(r.id, "import", item).persist());
    }

    @Override
    public List<String> interfaceItems(long releaseId, String direction) {
        return ReleaseInterface.find("key.releaseId = ?1 and key.direction = ?2 order by key.item", releaseId, direction)
                .<ReleaseInterface>list().stream().map(r -> r.key.item()).toList();
    }

    @Override
    public void setYanked(Release r, boolean yanked, OffsetDateTime at) {
        r.yanked = yanked;
        r.yankedAt = yanked ? at : null;
    }

    @Override
    public Release interfaceRelease(String witPackage) {
        return Release.find("witPackage = ?1 and kind = 'interface' and yanked = false", witPackage).firstResult();
    }

    @Override
    public boolean namesBlob(String digest) {
        return Release.count("manifestDigest = ?1 or wasmDigest = ?1 or witDigest = ?1", digest) > 0;
    }

    @Override
    public long packageDownloads(long packageId) {
        Object n = em.createNativeQuery("select downloads from packages where id = ?1").setParameter(1, packageId).getSingleResult();
        return ((Number) n).longValue();
    }

    @Override
    public void addDownloads(long releaseId, long count) {
        // the package total rides along, so search can rank and sort by it without summing
        em.createNativeQuery("update releases set downloads = downloads + ?1 where id = ?2")
                .setParameter(1, count).setParameter(2, releaseId).executeUpdate();
        em.createNativeQuery("update packages set downloads = downloads + ?1"
                        + " where id = (select package_id from releases where id = ?2)")
                .setParameter(1, count).setParameter(2, releaseId).executeUpdate();
    }
}
