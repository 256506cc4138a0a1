package ai.asterai.runtime.abi;

import java.util.ArrayList;
import java.util.List;

/**
 * One component instance's table of resource handles, as in the spec: index 0 is never valid, new
 * entries take the most recently freed index first (LIFO), else the next one; at most
 * {@value #MAX_LENGTH} entries. Every access checks the index, the resource type and the handle's
 * state, and traps ({@link AbiTrap}) otherwise. Not thread-safe: an instance runs one call at a time.
 */
public final class HandleTable {
    public static final int MAX_LENGTH = (1 << 28) - 1;

    /** An entry: an owned or borrowed handle to {@code rep} of {@code type}. */
    public static final class Handle {
        final ResourceType type;
        final int rep;
        final boolean own;
        final BorrowScope scope;
        int lends;

        Handle(ResourceType type, int rep, boolean own, BorrowScope scope) {
            this.type = type;
            this.rep = rep;
            this.own = own;
            this.scope = scope;
        }

        public ResourceType type() {
            return type;
        }

        public int rep() {
            return rep;
        }

        public boolean own() {
            return own;
        }
    }

    private final String owner;
    private final List<Handle> entries = new ArrayList<>();
    private final List<Integer> free = new ArrayList<>();

    /** {@code owner} names the instance in messages. */
    public HandleTable(String owner) {
        this.owner = owner;
        entries.add(null);
    }

    public String owner() {
        return owner;
    }

    /** Live handles (for tests and leak reports). */
    public int size() {
        return entries.size() - 1 - free.size();
    }

    int add(Handle h) {
        if (!free.isEmpty()) {
            int i = free.remove(free.size() - 1);
            entries.set(i, h);
            return i;
        }
        if (entries.size() > MAX_LENGTH) {
            throw new AbiTrap("the handle table of " + owner + " is full (" + MAX_LENGTH + " handles)");
        }
        entries.add(h);
        return entries.size() - 1;
    }

    Handle get(int index, ResourceType type) {
        long i = index & 0xFFFFFFFFL;
        Handle h = i < entries.size() ? entries.get((int) i) : null;
        if (h == null) {
            throw new AbiTrap("unknown handle index " + i + " in " + owner);
        }
        if (h.type != type) {
            throw new AbiTrap("handle " + i + " in " + owner + " is a " + h.type + ", not a " + type);
        }
        return h;
    }

    private Handle remove(int index) {
        free.add(index);
        Handle h = entries.set(index, null);
        return h;
    }

    // ---------------------------------------------------------------- the canonical built-ins

    /** {@code resource.new}: a new owned handle to {@code rep}; returns its index. */
    public int newOwn(ResourceType type, int rep) {
        return add(new Handle(type, rep, true, null));
    }

    /** {@code resource.rep}: the representation behind a handle. */
    public int rep(ResourceType type, int index) {
        return get(index, type).rep;
    }

    /**
     * {@code resource.drop}: removes the handle; dropping an owned one runs the type's destructor,
     * dropping a borrowed one ends that borrow.
     */
    public void drop(ResourceType type, int index) {
        Handle h = get(index, type);
        if (h.lends != 0) {
            throw new AbiTrap("handle " + (index & 0xFFFFFFFFL) + " in " + owner + " is lent to a call in progress and cannot be dropped");
        }
        remove(index);
        if (h.own) {
            type.destroy(h.rep, this);
        } else {
            h.scope.borrowDropped();
        }
    }

    // ---------------------------------------------------------------- lifting and lowering

    /** Lifts an {@code own}: moves the handle out of this table. */
    int liftOwn(ResourceType type, int index) {
        Handle h = get(index, type);
        if (h.lends != 0) {
            throw new AbiTrap("handle " + (index & 0xFFFFFFFFL) + " in " + owner + " is lent to a call in progress and cannot be moved");
        }
        if (!h.own) {
            throw new AbiTrap("handle " + (index & 0xFFFFFFFFL) + " in " + owner + " is borrowed, an owned handle was expected");
        }
        remove(index);
        return h.rep;
    }

    /** Lifts a {@code borrow}: the handle stays here, lent to the call {@code scope}. */
    int liftBorrow(ResourceType type, int index, BorrowScope scope) {
        Handle h = get(index, type);
        if (scope == null) {
            throw new AbiTrap("a borrowed handle can only be passed as a call argument");
        }
        scope.lend(h);
        return h.rep;
    }

    /** Lowers an {@code own}: a new owned entry here. */
    int lowerOwn(ResourceType type, int rep) {
        return add(new Handle(type, rep, true, null));
    }

    /**
     * Lowers a {@code borrow} for the call {@code scope}: the defining instance gets the
     * representation itself, any other a borrowed entry the call must drop before returning.
     */
    int lowerBorrow(ResourceType type, int rep, BorrowScope scope) {
        if (type.implementation() == this) {
            return rep;
        }
        if (scope == null) {
            throw new AbiTrap("a borrowed handle can only be passed as a call argument");
        }
        scope.borrowed();
        return add(new Handle(type, rep, false, scope));
    }
}
