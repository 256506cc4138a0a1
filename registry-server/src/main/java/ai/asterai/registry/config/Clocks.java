package ai.asterai.registry.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The registry's one source of the current time, UTC; tests hand their own clock to what they build. */
@ApplicationScoped
public class Clocks {
    @Produces
    @ApplicationScoped
    Clock utc() {
        return Clock.systemUTC();
    }
}
