package ai.asterai.runtime.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.runtime.abi.AbiTrap;
import ai.asterai.runtime.abi.AbiType;
import ai.asterai.runtime.abi.CoreFunction;
import ai.asterai.runtime.abi.ResourceType;
import ai.asterai.runtime.abi.StringEncoding;
import ai.asterai.runtime.abi.TestMemory;
import ai.asterai.runtime.abi.WitSignature;
import ai.asterai.runtime.abi.WitValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Resources: the handle table's index order, resource.new/drop/rep, own and borrow across instances,
 * destructors, lending, and borrow scopes that end with the call; for a guest-defined and a host-defined
 * resource.
 */
class ResourcesTest {
    private final TestMemory mem = new TestMemory(4096);
    private final List<String> destroyed = new ArrayList<>();
    private final InstanceState c = new InstanceState("c", null);
    private final InstanceState d = new InstanceState("d", null);
    /** R is defined by c; its destructor records the rep. */
    private final ResourceType r = new ResourceType("r", c.handles(), CanonBuiltins.destructor(args -> {
        destroyed.add("r " + args[0]);
        return new long[0];
    }, c));

    private static long call(CoreFunction f, long... args) {
        long[] out = f.call(args);
        return out.length == 0 ? -1 : out[0];
    }

    @Test
    void indicesStartAtOneAndFreedOnesAreReusedLastFirst() {
        CoreFunction nu = CanonBuiltins.resourceNew(r, c);
        CoreFunction drop = CanonBuiltins.resourceDrop(r, c);
        CoreFunction rep = CanonBuiltins.resourceRep(r, c);
        assertEquals(1, call(nu, 100));
        assertEquals(2, call(nu, 200));
        assertEquals(3, call(nu, 300));
        call(drop, 2);
        assertEquals(2, call(nu, 400));
        assertEquals(400, call(rep, 2));
        call(drop, 1);
        call(drop, 2);
        call(drop, 3);
        assertEquals(3, call(nu, 500));
        assertEquals(2, call(nu, 600));
        assertEquals(1, call(nu, 700));
        assertEquals(4, call(nu, 800));
        assertEquals(List.of("r 200", "r 100", "r 400", "r 300"), destroyed);
    }

    @Test
    void unknownDroppedAndMistypedHandlesTrap() {
        CoreFunction nu = CanonBuiltins.resourceNew(r, c);
        CoreFunction drop = CanonBuiltins.resourceDrop(r, c);
        ResourceType other = new ResourceType("other", c.handles(), null);
        for (long bad : new long[] {0, 5, 0xFFFFFFFFL}) {
            assertThrows(AbiTrap.class, () -> call(drop, bad));
        }
        long h = call(nu, 1);
        assertThrows(AbiTrap.class, () -> call(CanonBuiltins.resourceRep(other, c), h));
        call(drop, h);
        AbiTrap t = assertThrows(AbiTrap.class, () -> call(drop, h));
        assertTrue(t.getMessage().contains("unknown handle index 1"), t.getMessage());
        assertThrows(AbiTrap.class, () -> call(CanonBuiltins.resourceRep(r, c), h));
    }

    private LiftedFunction lifted(String name, List<AbiType> params, AbiType result, CoreFunction core) {
        List<WitSignature.Param> ps = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            ps.add(new WitSignature.Param("p" + i, params.get(i)));
        }
        return new LiftedFunction(new WitSignature(name, ps, result), core, mem.options(StringEncoding.UTF8), c);
    }

    @Test
    void ownAndBorrowBetweenTheDefiningInstanceAndAnother() {
        CoreFunction nu = CanonBuiltins.resourceNew(r, c);
        CoreFunction dropInC = CanonBuiltins.resourceDrop(r, c);
        List<Long> seen = new ArrayList<>();
        CoreFunction make = CanonBuiltins.lower(lifted("make", List.of(AbiType.Scalar.U32), new AbiType.OwnT(r),
                args -> new long[] {call(nu, args[0])}), mem.options(StringEncoding.UTF8), d);
        CoreFunction use = CanonBuiltins.lower(lifted("use", List.of(new AbiType.BorrowT(r)), null, args -> {
            seen.add(args[0]); // the defining instance gets the rep itself, not a handle
            return new long[0];
        }), mem.options(StringEncoding.UTF8), d);
        CoreFunction consume = CanonBuiltins.lower(lifted("consume", List.of(new AbiType.OwnT(r)), null, args -> {
            seen.add(args[0]); // a fresh handle in c's table
            call(dropInC, args[0]);
            return new long[0];
        }), mem.options(StringEncoding.UTF8), d);
        CoreFunction dropInD = CanonBuiltins.resourceDrop(r, d);

        assertEquals(1, call(make, 100)); // d's table: index 1
        assertEquals(0, c.handles().size()); // moved out of c
        assertEquals(2, call(make, 200));
        call(use, 1);
        call(use, 1); // a borrow leaves the handle where it was
        call(consume, 2);
        assertEquals(List.of(100L, 100L, 1L), seen);
        assertEquals(List.of("r 200"), destroyed);
        call(dropInD, 1); // dropping the owner in d runs c's destructor
        assertEquals(List.of("r 200", "r 100"), destroyed);
        assertThrows(AbiTrap.class, () -> call(use, 1)); // use after drop
        assertThrows(AbiTrap.class, () -> call(consume, 1));
        assertEquals(0, d.handles().size());
    }

    @Test
    void aBorrowedHandleMustBeDroppedBeforeTheCallReturns() {
        ResourceType host = new ResourceType("host-thing", null, (rep, from) -> destroyed.add("host " + rep));
        CoreFunction dropHost = CanonBuiltins.resourceDrop(host, c);
        List<Long> seen = new ArrayList<>();
        LiftedFunction keeps = lifted("keeps", List.of(new AbiType.BorrowT(host)), null, args -> {
            seen.add(args[0]);
            return new long[0];
        });
        AbiTrap t = assertThrows(AbiTrap.class, () -> keeps.invoke(List.of(new WitValue.Handle(host, 7))));
        assertTrue(t.getMessage().contains("borrowed handle"), t.getMessage());
        LiftedFunction drops = lifted("drops", List.of(new AbiType.BorrowT(host)), null, args -> {
            call(dropHost, args[0]);
            return new long[0];
        });
        drops.invoke(List.of(new WitValue.Handle(host, 8)));
        assertEquals(List.of(), destroyed); // ending a borrow destroys nothing
        assertEquals(1, seen.size());
    }

    @Test
    void anOwnedHostResourceGoesIntoTheGuestAndItsDropCallsTheHost() {
        ResourceType host = new ResourceType("host-thing", null, (rep, from) -> destroyed.add("host " + rep));
        LiftedFunction take = lifted("take", List.of(new AbiType.OwnT(host)), null,
                args -> call(CanonBuiltins.resourceDrop(host, c), args[0]) == -1 ? new long[0] : null);
        take.invoke(List.of(new WitValue.Handle(host, 42)));
        assertEquals(List.of("host 42"), destroyed);
        // a handle of another type where own<host-thing> is expected is the host's mistake, not a trap
        assertThrows(ai.asterai.runtime.abi.ArgumentMismatch.class, () -> take.invoke(List.of(new WitValue.Handle(r, 1))));
    }

    @Test
    void aLentHandleCannotBeDroppedOrMovedDuringTheCall() {
        CoreFunction nu = CanonBuiltins.resourceNew(r, d); // d holds its own handle to r (as if given by c)
        long h = call(nu, 5);
        CoreFunction dropInD = CanonBuiltins.resourceDrop(r, d);
        HostFunction host = new HostFunction(new WitSignature("look", List.of(new WitSignature.Param("x", new AbiType.BorrowT(r))), null),
                args -> {
                    assertEquals(new WitValue.Handle(r, 5), args.get(0));
                    AbiTrap t = assertThrows(AbiTrap.class, () -> call(dropInD, h));
                    assertTrue(t.getMessage().contains("lent"), t.getMessage());
                    return null;
                });
        CoreFunction look = CanonBuiltins.lower(host, mem.options(StringEncoding.UTF8), d);
        call(look, h);
        call(dropInD, h); // the call returned: the lending is over
        assertEquals(List.of("r 5"), destroyed);
    }

    @Test
    void theDestructorCannotRunWhileTheDefiningInstanceIsInsideACall() {
        CoreFunction nu = CanonBuiltins.resourceNew(r, d);
        long h = call(nu, 9);
        CoreFunction dropInD = CanonBuiltins.resourceDrop(r, d);
        // c calls out to d, and d drops c's resource meanwhile
        LiftedFunction inD = new LiftedFunction(new WitSignature("g", List.of(), null), args -> call(dropInD, h) == -1 ? new long[0] : null,
                mem.options(StringEncoding.UTF8), d);
        CoreFunction toD = CanonBuiltins.lower(inD, mem.options(StringEncoding.UTF8), c);
        LiftedFunction inC = lifted("f", List.of(), null, args -> toD.call());
        assertThrows(AbiTrap.class, () -> inC.invoke(List.of()));
        assertEquals(List.of(), destroyed);
    }
}
