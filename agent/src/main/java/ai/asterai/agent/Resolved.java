package ai.asterai.agent;

import ai.asterai.runtime.ComponentSource;

/** A slot's request resolved to one verified release, ready to instantiate. */
public record Resolved(String reference, String digest, ComponentSource source) {
}
