package ai.asterai.agent;

import ai.asterai.agent.failure.SlotException;
import ai.asterai.client.launch.ComponentSources;
import ai.asterai.client.fetch.PackageRef;
import ai.asterai.client.fetch.VerifiedComponent;
import ai.asterai.client.oci.OciReference;
import ai.asterai.client.registry.RegistryClient;
import ai.asterai.runtime.ComponentSource;
import ai.asterai.client.launch.ComponentLocator;
import ai.asterai.client.failure.VerificationException;
import ai.asterai.protocol.release.PackageKind;
import java.util.List;

/**
 * Turns a slot's request into a verified release: a reference or range through the fetcher (pulled,
 * verified, cached; an {@code oci://} reference must carry an asterai signature), an interface through the registry's discovery (newest implementation first).
 * A pin from agent.lock wins while the request is unchanged, and its digest must still match.
 */
public final class ComponentResolver {
    private final ComponentLocator locator;
    private final RegistryClient registry;
    private final AgentLock lock;

    public ComponentResolver(ComponentLocator locator, RegistryClient registry, AgentLock lock) {
        this.locator = locator;
        this.registry = registry;
        this.lock = lock;
    }

    /** Resolves a slot as agent.toml asks for it, honouring and updating the lock. */
    public Resolved resolve(ComponentSpec spec) {
        var pin = lock.pin(spec.slot(), spec.request());
        Resolved r;
        if (pin.isPresent()) {
            r = fetch(exact(pin.get().reference()));
            if (!r.digest().equals(pin.get().digest())) {
                throw new VerificationException(pin.get().reference(), "agent.lock pins digest " + pin.get().digest()
                        + " for slot '" + spec.slot() + "' but the registry now serves " + r.digest()
                        + "; the release was rewritten. Remove the slot from agent.lock only if you trust the new bytes");
            }
            return r;
        }
        String reference = spec.reference() != null ? spec.reference() : discover(spec.iface());
        r = fetch(reference);
        lock.put(spec.slot(), new AgentLock.Pin(spec.request(), r.reference(), r.digest()));
        return r;
    }

    /** Resolves an explicit reference (the /swap command); does not touch the lock until the swap holds. */
    public Resolved fetch(String reference) {
        VerifiedComponent c = locator.fetch(reference);
        if (c.kind() != PackageKind.COMPONENT || c.wasmDigest().isEmpty()) {
            throw new SlotException(c.reference(), c.reference() + " is an interface package, not a component");
        }
        ComponentSource source = ComponentSources.fromVerified(c, locator.registryDeps());
        // an OCI slot stays an OCI reference in agent.lock: re-resolving it by package name would ask /v1
        return new Resolved(OciReference.isOci(reference) ? reference : c.reference(), c.wasmDigest().get().toString(), source);
    }

    public void pin(String slot, String request, Resolved r) {
        lock.put(slot, new AgentLock.Pin(request, r.reference(), r.digest()));
    }

    private String discover(String iface) {
        if (registry == null) {
            throw new SlotException(iface, "finding a component for interface " + iface + " needs a registry (offline: pin it in agent.toml)");
        }
        List<RegistryClient.Implementation> found = registry.implementations(iface);
        if (found.isEmpty()) {
            throw new SlotException(iface, "no component in " + registry.url().value() + " exports " + iface);
        }
        RegistryClient.Implementation best = found.get(0);
        return best.name() + "@=" + best.version();
    }

    /** {@code ns:name@1.2.3} as an exact requirement (a bare version would be a caret range). */
    static String exact(String reference) {
        if (OciReference.isOci(reference)) {
            return reference;
        }
        int at = reference.indexOf('@');
        return at < 0 || reference.startsWith("=", at + 1) ? reference : reference.substring(0, at + 1) + "=" + reference.substring(at + 1);
    }

    /** Checks a reference's syntax before anything is fetched (one clear line for /swap typos). */
    public static void checkReference(String reference) {
        if (OciReference.isOci(reference)) {
            OciReference.parse(reference);
            return;
        }
        PackageRef.parse(reference);
    }
}
