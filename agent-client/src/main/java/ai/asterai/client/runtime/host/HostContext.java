package ai.asterai.client.runtime.host;

import ai.asterai.client.runtime.sandbox.AuditLog;
import ai.asterai.client.runtime.sandbox.EffectivePermissions;
import ai.asterai.client.runtime.sandbox.RuntimeLimits;

/** What host functions know about the component calling them, and the services they use. */
public record HostContext(String component, EffectivePermissions permissions, AuditLog audit, ComponentLog log,
                          OutgoingHttp http, ComponentDirectory directory, RuntimeLimits limits) {
}
