package ai.asterai.registry.oci.auth;

import ai.asterai.registry.auth.Caller;

/** Who may push to a repository: the caller behind the credential (its rate key, its scopes for /v1's rules). */
public record PushCaller(Caller caller, String repository) {
}
