package ai.asterai.agent;

import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.LoadedComponent;
import ai.asterai.runtime.sandbox.Grants;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One named component of the agent, swappable while the agent runs. A call takes the current
 * generation and holds it until it returns, so a swap never cuts a call short: the old generation
 * is closed when its last call finishes. A new generation is instantiated and checked before it is
 * switched in; if its first real call fails, the previous one comes back.
 */
public final class ComponentSlot implements AutoCloseable {
    /** One loaded version of the slot and the calls running on it. */
    static final class Generation {
        final Resolved resolved;
        final LoadedComponent component;
        final AtomicInteger inFlight = new AtomicInteger();
        volatile boolean retired;
        volatile boolean proven;

        Generation(Resolved resolved, LoadedComponent component) {
            this.resolved = resolved;
            this.component = component;
        }

        void release() {
            if (inFlight.decrementAndGet() == 0 && retired) {
                component.close();
            }
        }

        void retire() {
            retired = true;
            if (inFlight.get() == 0) {
                component.close();
            }
        }
    }

    /** What happened to a call: its result, and whether the slot rolled back because of it. */
    public record Outcome(JsonNode result, String rollback) {
    }

    private final String name;
    private volatile ComponentSpec spec;
    private final ComponentRuntime runtime;
    private Generation current;
    private Generation previous;

    private ComponentSlot(String name, ComponentSpec spec, ComponentRuntime runtime, Generation first) {
        this.name = name;
        this.spec = spec;
        this.runtime = runtime;
        this.current = first;
        first.proven = true;
    }

    /**
     * Instantiates {@code resolved} and runs {@code check} on it (for a tool: describe) before the
     * slot exists; a failure here is the caller's to report.
     */
    public static ComponentSlot open(String name, ComponentSpec spec, ComponentRuntime runtime, Resolved resolved,
                                     Function<LoadedComponent, ?> check) {
        return new ComponentSlot(name, spec, runtime, instantiate(runtime, resolved, spec.grants(), check));
    }

    private static Generation instantiate(ComponentRuntime runtime, Resolved r, Grants grants, Function<LoadedComponent, ?> check) {
        LoadedComponent c = runtime.prepare(r.source(), grants);
        try {
            check.apply(c);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return new Generation(r, c);
    }

    public String name() {
        return name;
    }

    public ComponentSpec spec() {
        return spec;
    }

    /** Records the request the slot now answers (after agent.toml changed it). */
    public void respec(ComponentSpec next) {
        this.spec = next;
    }

    public synchronized Resolved resolved() {
        return current.resolved;
    }

    /** The version calls go to now (for listing; calls go through {@link #call}). */
    synchronized LoadedComponent component() {
        return current.component;
    }

    /**
     * Switches to {@code next} once it is instantiated and {@code check} passes on it. Calls already
     * running finish on the old version. Throws (and changes nothing) when the new one does not load.
     */
    public void swap(Resolved next, Function<LoadedComponent, ?> check) {
        Generation g = instantiate(runtime, next, spec.grants(), check);
        Generation old;
        synchronized (this) {
            old = current;
            if (previous != null && previous != old) {
                previous.retire();
            }
            previous = old;
            current = g;
        }
    }

    /**
     * Calls {@code function} on the current version. If this is the first call of a freshly swapped
     * version and it fails, the slot goes back to the version before, and the outcome says so (the
     * exception is rethrown for the caller to report the failed call).
     */
    public Outcome call(String function, JsonNode args) {
        Generation g;
        synchronized (this) {
            g = current;
            g.inFlight.incrementAndGet();
        }
        try {
            JsonNode result = g.component.call(function, args);
            g.proven = true;
            retirePrevious(g);
            return new Outcome(result, null);
        } catch (RuntimeException e) {
            String rolledBack = rollBackFrom(g);
            if (rolledBack != null) {
                throw new SwapRolledBack(name, g.resolved.reference(), rolledBack, e);
            }
            throw e;
        } finally {
            g.release();
        }
    }

    private synchronized void retirePrevious(Generation g) {
        if (current == g && previous != null) {
            previous.retire();
            previous = null;
        }
    }

    private synchronized String rollBackFrom(Generation g) {
        if (g.proven || current != g || previous == null) {
            return null;
        }
        current = previous;
        previous = null;
        g.retire();
        return current.resolved.reference();
    }

    @Override
    public synchronized void close() {
        current.retire();
        if (previous != null) {
            previous.retire();
        }
    }
}
