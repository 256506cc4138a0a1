package ai.asterai.registry.namespace;

import ai.asterai.registry.policy.RecordPolicy;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;

/** A public key of a namespace. Revoked keys stay, so releases signed before stay verifiable. */
@Entity
@Table(name = "namespace_keys")
public class NamespaceKey extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "namespace_id")
    public Long namespaceId;
    @Column(name = "key_id")
    public String keyId;
    @Column(name = "public_key")
    public String publicKey;
    public String label;
    @Column(name = "signer_key_id")
    public String signerKeyId;
    public String signature;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    public static List<NamespaceKey> forNamespace(long namespaceId) {
        return list("namespaceId = ?1 order by createdAt, id", namespaceId);
    }

    public static NamespaceKey find(long namespaceId, String keyId) {
        return find("namespaceId = ?1 and keyId = ?2", namespaceId, keyId).firstResult();
    }

    /** This key as the record policy judges it. */
    public RecordPolicy.KeyOnRecord onRecord() {
        return new RecordPolicy.KeyOnRecord(keyId, publicKey, revokedAt);
    }

    public boolean active() {
        return revokedAt == null;
    }
}
