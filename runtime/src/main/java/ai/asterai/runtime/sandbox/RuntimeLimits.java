package ai.asterai.runtime.sandbox;

import java.time.Duration;

/**
 * The host's own limits, applied on top of what components declare and users grant.
 *
 * @param defaultMemory    memory cap of a component that declares none (bytes)
 * @param maxMemory        no component gets more, whatever it declares (bytes)
 * @param defaultTime      time cap per call of a component that declares none
 * @param maxTime          no call runs longer
 * @param httpMaxBody      largest response body a component receives (bytes)
 * @param httpDefaultTimeout time limit of a request that names none
 * @param httpMaxRedirects redirects followed per request (each hop checked against the grants)
 * @param logMaxBytes      longest log message or stdout/stderr line kept (longer ones are cut)
 */
public record RuntimeLimits(long defaultMemory, long maxMemory, Duration defaultTime, Duration maxTime, long httpMaxBody,
                            Duration httpDefaultTimeout, int httpMaxRedirects, int logMaxBytes) {
    public static final RuntimeLimits DEFAULTS = new RuntimeLimits(64L << 20, 1L << 30, Duration.ofSeconds(30),
            Duration.ofMinutes(10), 16L << 20, Duration.ofSeconds(30), 5, 8192);
}
