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

    /** This key as the record policy judges it. */
    public RecordPolicy.KeyOnRecord onRecord() {
        return new RecordPolicy.KeyOnRecord(keyId, publicKey, revokedAt);
    }

    public boolean active() {
        return revokedAt == null;
    }
}
