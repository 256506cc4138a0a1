package ai.asterai.runtime.engine;

import ai.asterai.runtime.failure.CallTimeout;
import ai.asterai.runtime.failure.ComponentException;
import ai.asterai.runtime.failure.ComponentTrap;
import ai.asterai.runtime.failure.InvalidArguments;
import ai.asterai.runtime.failure.MemoryLimitExceeded;
import ai.asterai.runtime.abi.AbiTrap;
import ai.asterai.runtime.abi.ArgumentMismatch;
import ai.asterai.runtime.host.HostCallInterrupted;
import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasm.ChicoryException;
import java.time.Duration;

/** Turns whatever stopped a guest call into the runtime's typed exceptions. */
final class FailureClassifier {
    private FailureClassifier() {
    }

    /**
     * @param timedOut   our own deadline fired
     * @param memoryFull the guest's memory is at (or within a page of) its cap
     */
    static RuntimeException classify(String component, String function, Throwable t, boolean timedOut, boolean outerFired,
                                     Duration timeout, boolean memoryFull, long capBytes) {
        if (t instanceof ComponentException ce) {
            return ce;
        }
        if (timedOut) {
            return new CallTimeout(component, function, "did not finish within " + timeout.toMillis() + " ms and was stopped", t);
        }
        if (outerFired) {
            return new HostCallInterrupted("call of " + component + " " + function + " (the calling component's time ran out)",
                    new InterruptedException());
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ArgumentMismatch a) {
                return new InvalidArguments(component, function, a.getMessage(), a);
            }
            if (c instanceof HostCallInterrupted h) {
                return h;
            }
            if (c instanceof AbiTrap a) {
                return new ComponentTrap(component, function, "canonical ABI violation: " + a.getMessage(), a);
            }
            if (c instanceof WasiExitException w) {
                return new ComponentTrap(component, function, "the guest exited with status " + w.exitCode() + " (proc_exit)", w);
            }
            if (c instanceof StackOverflowError s) {
                return new ComponentTrap(component, function, "call stack exhausted (deep recursion)", s);
            }
            if (c instanceof OutOfMemoryError o) {
                return new MemoryLimitExceeded(component, function, "the host ran out of Java heap during the call", o);
            }
        }
        if (t instanceof ChicoryInterruptedException) {
            return new ComponentTrap(component, function, "the calling thread was interrupted", t);
        }
        if (t instanceof ChicoryException) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (memoryFull) {
                return new MemoryLimitExceeded(component, function, "trapped (" + m + ") with its memory at the cap of "
                        + (capBytes >> 10) + " KiB: it most likely ran out of memory", t);
            }
            return new ComponentTrap(component, function, "trapped: " + m, t);
        }
        String m = t.getMessage() == null ? t.getClass().getName() : t.getClass().getSimpleName() + ": " + t.getMessage();
        return new ComponentTrap(component, function, "failed in the host: " + m, t);
    }
}
