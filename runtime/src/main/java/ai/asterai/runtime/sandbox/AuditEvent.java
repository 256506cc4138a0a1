package ai.asterai.runtime.sandbox;

import java.time.Instant;

/**
 * One security-relevant decision about a component: a denial, or a notice about its grants.
 *
 * @param category {@code file}, {@code http}, {@code socket}, {@code env}, {@code component}, {@code memory}, {@code time},
 *                 {@code grant}, {@code log} (guest output dropped over its cap)
 * @param outcome  {@code denied} or {@code notice}
 * @param target   what was asked for: a path, URL, component name, ...
 */
public record AuditEvent(Instant time, String component, String category, String outcome, String target, String detail) {
    public static AuditEvent denied(String component, String category, String target, String detail) {
        return new AuditEvent(Instant.now(), component, category, "denied", target, detail);
    }

    public static AuditEvent notice(String component, String category, String target, String detail) {
        return new AuditEvent(Instant.now(), component, category, "notice", target, detail);
    }

    @Override
    public String toString() {
        return outcome + " " + category + " " + target + " for " + component + ": " + detail;
    }
}
