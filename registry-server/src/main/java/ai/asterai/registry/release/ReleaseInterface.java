package ai.asterai.registry.release;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;

/** One interface (or world-level function) a release exports or imports. */
@Entity
@Table(name = "release_interfaces")
public class ReleaseInterface extends PanacheEntityBase {
    @EmbeddedId
    public Key key;

    @Embeddable
    public record Key(@Column(name = "release_id") Long releaseId, @Column(name = "direction") String direction,
                      @Column(name = "item") String item) implements Serializable {
    }

    static ReleaseInterface of(long releaseId, String direction, String item) {
        ReleaseInterface r = new ReleaseInterface();
        r.key = new Key(releaseId, direction, item);
        return r;
    }
}
