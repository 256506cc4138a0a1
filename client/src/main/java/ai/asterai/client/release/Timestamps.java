package ai.asterai.client.release;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The registry's ISO-8601 timestamps (with an offset, or UTC with Z); one that does not parse is absent. */
public final class Timestamps {
    private Timestamps() {
    }

    public static Optional<Instant> parse(String iso) {
        if (iso == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(iso));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
