package ai.asterai.registry.release;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One published version. Immutable except for the yank flag and the download count. */
@Entity
@Table(name = "releases")
public class Release extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "package_id")
    public Long packageId;
    public String version;
    @Column(name = "version_key")
    public String versionKey;
    public String kind;
    @Column(name = "manifest_json")
    public String manifestJson;
    @Column(name = "manifest_digest")
    public String manifestDigest;
    @Column(name = "manifest_size")
    public long manifestSize;
    @Column(name = "wasm_digest")
    public String wasmDigest;
    @Column(name = "wasm_size")
    public Long wasmSize;
    @Column(name = "wit_digest")
    public String witDigest;
    @Column(name = "wit_size")
    public long witSize;
    /** The main WIT package, e.g. {@code acme:llm@1.0.0}. */
    @Column(name = "wit_package")
    public String witPackage;
    @Column(name = "key_id")
    public String keyId;
    public String signature;
    @Column(name = "published_at")
    public OffsetDateTime publishedAt;
    public boolean yanked;
    @Column(name = "yanked_at")
    public OffsetDateTime yankedAt;
    public long downloads;
    /** The index of the release's entry in the transparency log; null for releases published before it existed. */
    @Column(name = "tlog_index")
    public Long tlogIndex;
}
