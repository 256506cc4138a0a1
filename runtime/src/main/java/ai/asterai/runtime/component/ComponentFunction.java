package ai.asterai.runtime.component;

import ai.asterai.runtime.abi.StringEncoding;
import ai.asterai.runtime.abi.WitSignature;
import ai.asterai.runtime.abi.WitValue;
import java.util.List;

/**
 * A function value of the component model: what a {@code canon lift} makes of a core function, or what
 * the host provides for an import. Arguments and the result travel as lifted {@link WitValue}s, so a
 * call between two instances lifts from one memory and lowers into the other.
 */
public interface ComponentFunction {
    /** The function's type, with every resource resolved to its run-time type. */
    WitSignature signature();

    /**
     * Calls the function. The result goes to {@code result} before the callee cleans up (its
     * post-return), so what the callee returned in its memory is still there while it is copied.
     *
     * @param argsEncoding the encoding strings in {@code args} were lifted from, null for host values
     * @param caller       the instance calling (through a {@code canon lower}), null for the host
     */
    void call(List<WitValue> args, StringEncoding argsEncoding, InstanceState caller, ResultSink result);

    /** Receives a call's result (null for none) and the encoding its strings were lifted from (null: the host). */
    @FunctionalInterface
    interface ResultSink {
        void accept(WitValue value, StringEncoding encoding);
    }

    /** Calls from the host: lowered arguments come from Java, the lifted result is returned. */
    default WitValue invoke(List<WitValue> args) {
        WitValue[] out = new WitValue[1];
        call(args, null, null, (v, e) -> out[0] = v);
        return out[0];
    }
}
