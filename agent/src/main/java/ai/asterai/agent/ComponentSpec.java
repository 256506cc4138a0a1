package ai.asterai.agent;

import ai.asterai.runtime.sandbox.Grants;

/**
 * One component slot of an agent: either a reference ({@code ns:name}, {@code ns:name@1.2.3} or a
 * range such as {@code ns:name@^1.2}) or "any component exporting {@code iface}", found through the
 * registry's discovery. The slot name is what the LLM sees as the tool name, so it survives swaps.
 */
public record ComponentSpec(String slot, String reference, String iface, Grants grants) {
    /** How the slot was asked for, as written: what agent.lock records so an edit re-resolves it. */
    public String request() {
        return reference != null ? reference : "interface " + iface;
    }
}
