package ai.asterai.runtime.engine;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.wasm.types.Instruction;

/**
 * Makes Chicory's interpreter honour the call deadline ({@link CallGuard}) on every loop shape.
 * Chicory 1.7.5's interpreter checks the thread's interrupt flag only on {@code br} and calls, so a
 * loop closed by {@code br_if} or {@code br_table}, or a self {@code return_call}, never stops. The
 * interpreter runs this listener before every instruction; it checks the flag every time, which
 * measured cheaper than first picking out the branch instructions (docs/runtime.md, Numbers). The
 * compiled engine checks on every backward jump and call itself; there this runs only for functions
 * the compiler left to the interpreter. Stateless, so one instance serves all.
 */
final class InterruptCheck implements ExecutionListener {
    static final InterruptCheck INSTANCE = new InterruptCheck();

    private InterruptCheck() {
    }

    @Override
    public void onExecution(Instruction instruction, MStack stack) {
        if (Thread.currentThread().isInterrupted()) {
            throw new ChicoryInterruptedException("Thread interrupted");
        }
    }
}
