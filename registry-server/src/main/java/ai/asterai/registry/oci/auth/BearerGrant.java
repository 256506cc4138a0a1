package ai.asterai.registry.oci.auth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A bearer token the token endpoint issued, as stored: the SHA-256 of its secret and what it grants. */
@Entity
@Table(name = "oci_bearer_tokens")
public class BearerGrant extends PanacheEntityBase {
    @Id
    @Column(name = "token_hash")
    public String tokenHash;
    /** The API token it was issued for; null for the administrator and for anonymous tokens. */
    @Column(name = "api_token_id")
    public Long apiTokenId;
    public boolean admin;
    /** {@link OciAccess#encodeAll}. */
    public String access;
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
}
