package ai.asterai.runtime.component;

import ai.asterai.runtime.abi.AbiTrap;
import ai.asterai.runtime.abi.HandleTable;

/**
 * What the spec keeps per component instance while it runs: its handle table, and the two flags
 * that keep calls well nested. {@code mayEnter} is false while a call is inside the instance (or a
 * child of it), so a component is never re-entered; {@code mayLeave} is false while its realloc or
 * post-return runs, which may not call out.
 */
public final class InstanceState {
    private final String name;
    private final InstanceState parent;
    private final HandleTable handles;
    private boolean mayEnter = true;
    private boolean mayLeave = true;

    /** {@code parent} is the instance of the enclosing component, or null at the top. */
    public InstanceState(String name, InstanceState parent) {
        this.name = name;
        this.parent = parent;
        this.handles = new HandleTable(name);
    }

    public String name() {
        return name;
    }

    public HandleTable handles() {
        return handles;
    }

    public InstanceState parent() {
        return parent;
    }

    /** Enters for a call from {@code caller} (null: the host); traps if any instance entered is busy. */
    void enterFrom(InstanceState caller) {
        for (InstanceState s = this; s != null; s = s.parent) {
            if (!s.mayEnter && !s.encloses(caller)) {
                throw new AbiTrap("cannot enter component instance " + s.name + ": a call is already in progress inside it"
                        + " (components are not reentrant)");
            }
        }
        for (InstanceState s = this; s != null; s = s.parent) {
            if (!s.encloses(caller)) {
                s.mayEnter = false;
            }
        }
    }

    void leaveTo(InstanceState caller) {
        for (InstanceState s = this; s != null; s = s.parent) {
            if (!s.encloses(caller)) {
                s.mayEnter = true;
            }
        }
    }

    /** Whether {@code other} is this instance or one nested in it (walks up; nesting is shallow). */
    private boolean encloses(InstanceState other) {
        for (InstanceState s = other; s != null; s = s.parent) {
            if (s == this) {
                return true;
            }
        }
        return false;
    }

    /** Whether a call could enter now (a destructor run from elsewhere checks this). */
    boolean mayEnter() {
        return mayEnter;
    }

    void checkMayLeave(String what) {
        if (!mayLeave) {
            throw new AbiTrap(what + " called from " + name + " while its realloc or post-return runs, which may not call out");
        }
    }

    void setMayLeave(boolean mayLeave) {
        this.mayLeave = mayLeave;
    }

    @Override
    public String toString() {
        return name;
    }
}
