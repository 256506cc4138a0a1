package ai.asterai.runtime.component;

import ai.asterai.runtime.abi.StringEncoding;
import ai.asterai.runtime.abi.WitSignature;
import ai.asterai.runtime.abi.WitValue;
import java.util.List;

/** A component function the host implements in Java, for a component's import. */
public final class HostFunction implements ComponentFunction {
    /** The Java side: lifted arguments in, the result (null for none) out. */
    @FunctionalInterface
    public interface Implementation {
        WitValue call(List<WitValue> args);
    }

    private final WitSignature signature;
    private final Implementation implementation;

    public HostFunction(WitSignature signature, Implementation implementation) {
        this.signature = signature;
        this.implementation = implementation;
    }

    @Override
    public WitSignature signature() {
        return signature;
    }

    @Override
    public void call(List<WitValue> args, StringEncoding argsEncoding, InstanceState caller, ResultSink result) {
        result.accept(implementation.call(args), null);
    }
}
