package ai.asterai.runtime.component;

import ai.asterai.runtime.abi.AbiTrap;
import ai.asterai.runtime.abi.BorrowScope;
import ai.asterai.runtime.abi.CanonOptions;
import ai.asterai.runtime.abi.CoreFunction;
import ai.asterai.runtime.abi.FlatReader;
import ai.asterai.runtime.abi.FlatWriter;
import ai.asterai.runtime.abi.Lifter;
import ai.asterai.runtime.abi.Lowerer;
import ai.asterai.runtime.abi.ResourceType;
import ai.asterai.runtime.abi.WitSignature;
import ai.asterai.runtime.abi.WitValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The core functions a component's {@code canon} definitions make: {@code canon lower} of a component
 * function (another instance's lifted export, or a host function) into a core function of an instance,
 * and the resource built-ins {@code resource.new}, {@code resource.drop}, {@code resource.rep}.
 */
public final class CanonBuiltins {
    private CanonBuiltins() {
    }

    /**
     * {@code canon lower}: lifts the core arguments from the calling instance's memory (borrowed handles
     * are lent for the call), calls {@code callee}, lowers its result into the caller (flat, or into the
     * return area passed as the last argument), then ends the lending.
     */
    public static CoreFunction lower(ComponentFunction callee, CanonOptions options, InstanceState caller) {
        WitSignature sig = callee.signature();
        int expected = sig.importCore().params().size();
        return args -> {
            caller.checkMayLeave(sig.name());
            if (args.length != expected) {
                throw new AbiTrap(sig.name() + " was called with " + args.length + " core values, its type needs " + expected);
            }
            BorrowScope subtask = new BorrowScope();
            Lifter lifter = new Lifter(options, caller.handles(), subtask);
            List<WitValue> values = new ArrayList<>();
            if (sig.paramsInMemory()) {
                values.addAll(((WitValue.TupleV) lifter.load(sig.paramTuple(), (int) args[0])).items());
            } else {
                FlatReader in = new FlatReader(args);
                for (WitSignature.Param p : sig.params()) {
                    values.add(lifter.liftFlat(p.type(), in));
                }
            }
            long[][] out = {new long[0]};
            callee.call(values, options.encoding(), caller, (value, encoding) -> {
                if (sig.result() == null) {
                    return;
                }
                Lowerer lowerer = new Lowerer(options, caller.handles(), null, encoding);
                if (sig.resultInMemory()) {
                    lowerer.store(sig.result(), value, (int) args[args.length - 1]);
                } else {
                    FlatWriter w = new FlatWriter();
                    lowerer.lowerFlat(sig.result(), value, w);
                    out[0] = w.toArray();
                }
            });
            subtask.endLending();
            return out[0];
        };
    }

    /** {@code resource.new}: (rep: i32) -> (handle: i32), an owned handle in {@code instance}'s table. */
    public static CoreFunction resourceNew(ResourceType type, InstanceState instance) {
        return args -> {
            instance.checkMayLeave("resource.new");
            return new long[] {instance.handles().newOwn(type, (int) args[0]) & 0xFFFFFFFFL};
        };
    }

    /** {@code resource.drop}: (handle: i32) -> (); an owned handle's destructor runs. */
    public static CoreFunction resourceDrop(ResourceType type, InstanceState instance) {
        return args -> {
            instance.checkMayLeave("resource.drop");
            instance.handles().drop(type, (int) args[0]);
            return new long[0];
        };
    }

    /** {@code resource.rep}: (handle: i32) -> (rep: i32). */
    public static CoreFunction resourceRep(ResourceType type, InstanceState instance) {
        return args -> new long[] {instance.handles().rep(type, (int) args[0]) & 0xFFFFFFFFL};
    }

    /**
     * A guest resource's destructor as the spec runs it: through a lift into the defining instance,
     * which must be enterable unless the drop happens inside it.
     */
    public static ResourceType.Destructor destructor(CoreFunction dtor, InstanceState implementation) {
        return (rep, from) -> {
            if (from == implementation.handles()) {
                dtor.call(rep & 0xFFFFFFFFL);
                return;
            }
            if (!implementation.mayEnter()) {
                throw new AbiTrap("cannot run the destructor in " + implementation.name() + ": a call is in progress inside it");
            }
            dtor.call(rep & 0xFFFFFFFFL);
        };
    }
}
