package ai.asterai.runtime.host;

import ai.asterai.runtime.sandbox.ComponentLog;
import ai.asterai.runtime.sandbox.AuditLog;
import ai.asterai.runtime.sandbox.EffectivePermissions;
import ai.asterai.runtime.sandbox.RuntimeLimits;

/** What host functions know about the component calling them, and the services they use. */
public record HostContext(String component, EffectivePermissions permissions, AuditLog audit, ComponentLog log,
                          OutgoingHttp http, ComponentDirectory directory, RuntimeLimits limits) {
}
