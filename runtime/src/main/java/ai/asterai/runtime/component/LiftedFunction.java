package ai.asterai.runtime.component;

import ai.asterai.runtime.abi.AbiTrap;
import ai.asterai.runtime.abi.ArgumentMismatch;
import ai.asterai.runtime.abi.BorrowScope;
import ai.asterai.runtime.abi.CanonOptions;
import ai.asterai.runtime.abi.CoreFunction;
import ai.asterai.runtime.abi.FlatReader;
import ai.asterai.runtime.abi.FlatWriter;
import ai.asterai.runtime.abi.Lifter;
import ai.asterai.runtime.abi.Lowerer;
import ai.asterai.runtime.abi.StringEncoding;
import ai.asterai.runtime.abi.ValueMismatch;
import ai.asterai.runtime.abi.WitSignature;
import ai.asterai.runtime.abi.WitValue;
import java.util.List;

/**
 * {@code canon lift}: a core function of an instance made callable as a component function, under
 * explicit canonical options. A call enters the instance (refused while it is already inside a call),
 * lowers the arguments into its memory, runs the core function, lifts the result, checks that every
 * handle borrowed for the call was dropped, hands the result over, then runs post-return.
 */
public final class LiftedFunction implements ComponentFunction {
    private final WitSignature signature;
    private final CoreFunction core;
    private final CanonOptions options;
    private final InstanceState instance;

    public LiftedFunction(WitSignature signature, CoreFunction core, CanonOptions options, InstanceState instance) {
        this.signature = signature;
        this.core = core;
        this.options = options;
        this.instance = instance;
    }

    @Override
    public WitSignature signature() {
        return signature;
    }

    public InstanceState instance() {
        return instance;
    }

    @Override
    public void call(List<WitValue> args, StringEncoding argsEncoding, InstanceState caller, ResultSink result) {
        List<WitSignature.Param> params = signature.params();
        if (args.size() != params.size()) {
            throw new ArgumentMismatch("", signature.name() + " takes " + params.size() + " argument(s), got " + args.size());
        }
        instance.enterFrom(caller);
        try {
            BorrowScope task = new BorrowScope();
            long[] flat = lowerArguments(args, argsEncoding, task);
            long[] results = core.call(flat);
            WitValue value = liftResult(results);
            task.checkReturn(signature.name());
            result.accept(value, options.encoding());
            if (options.postReturn() != null) {
                instance.setMayLeave(false);
                try {
                    options.postReturn().call(results == null ? new long[0] : results);
                } finally {
                    instance.setMayLeave(true);
                }
            }
        } finally {
            instance.leaveTo(caller);
        }
    }

    private long[] lowerArguments(List<WitValue> args, StringEncoding argsEncoding, BorrowScope task) {
        Lowerer lowerer = new Lowerer(options, instance.handles(), task, argsEncoding);
        if (signature.paramsInMemory()) {
            var tuple = signature.paramTuple();
            int ptr = lowerer.allocate(tuple.align(), tuple.size());
            try {
                lowerer.store(tuple, new WitValue.TupleV(args), ptr);
            } catch (ValueMismatch e) {
                throw new ArgumentMismatch(e.path(), e.reason());
            }
            return new long[] {ptr & 0xFFFFFFFFL};
        }
        FlatWriter out = new FlatWriter();
        for (int i = 0; i < args.size(); i++) {
            WitSignature.Param p = signature.params().get(i);
            try {
                lowerer.lowerFlat(p.type(), args.get(i), out);
            } catch (ValueMismatch e) {
                String inner = e.path() == null || e.path().isEmpty() || e.path().startsWith("[") ? e.path() : "." + e.path();
                throw new ArgumentMismatch(p.name() + inner, e.reason());
            }
        }
        return out.toArray();
    }

    private WitValue liftResult(long[] results) {
        int expected = signature.exportCore().results().size();
        int got = results == null ? 0 : results.length;
        if (got != expected) {
            throw new AbiTrap(signature.name() + " returned " + got + " core values, its type needs " + expected);
        }
        if (signature.result() == null) {
            return null;
        }
        Lifter lifter = new Lifter(options, instance.handles(), null);
        if (signature.resultInMemory()) {
            return lifter.load(signature.result(), (int) results[0]);
        }
        return lifter.liftFlat(signature.result(), new FlatReader(results));
    }
}
