package ai.asterai.runtime.abi;

/**
 * A resource type at run time. Resource types are generative: each instantiation of a component that
 * defines one makes a new one, so identity (not the name) is what handle checks compare. The
 * implementation is the handle table of the instance that defined it (or null for a resource the host
 * defines); the destructor runs when an owned handle is dropped.
 */
public final class ResourceType {
    /** Runs a resource's destructor on its representation; {@code from} is the table the handle was dropped from. */
    @FunctionalInterface
    public interface Destructor {
        void destroy(int rep, HandleTable from);
    }

    private final String name;
    private final HandleTable implementation;
    private final Destructor destructor;

    /**
     * @param implementation the defining instance's table, or null for a host resource
     * @param destructor     null when dropping needs no clean-up
     */
    public ResourceType(String name, HandleTable implementation, Destructor destructor) {
        this.name = name;
        this.implementation = implementation;
        this.destructor = destructor;
    }

    public String name() {
        return name;
    }

    /** The table of the instance that defined the type, or null for the host. */
    public HandleTable implementation() {
        return implementation;
    }

    /**
     * The host drops an owned handle it holds to {@code rep}: the destructor runs as for a
     * {@code resource.drop} from outside the defining instance.
     */
    public void dropFromHost(int rep) {
        destroy(rep, null);
    }

    void destroy(int rep, HandleTable from) {
        if (destructor != null) {
            destructor.destroy(rep, from);
        }
    }

    @Override
    public String toString() {
        return "resource " + name;
    }
}
