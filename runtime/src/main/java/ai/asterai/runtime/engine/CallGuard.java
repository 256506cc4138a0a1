package ai.asterai.runtime.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts the calling thread when a call's time runs out; Chicory stops guest code (interpreted or
 * compiled) on interruption, and host functions waiting on I/O stop too. Guards nest (a component
 * calling another): closing an inner guard clears only its own interrupt and keeps an outer one that
 * has fired, so an outer deadline is never lost.
 */
public final class CallGuard implements AutoCloseable {
    private static final ScheduledThreadPoolExecutor TIMER = timer();
    private static final ThreadLocal<Deque<CallGuard>> ACTIVE = ThreadLocal.withInitial(ArrayDeque::new);

    private final Thread thread;
    private final ScheduledFuture<?> task;
    private boolean done;
    private boolean fired;

    private CallGuard(Duration timeout) {
        this.thread = Thread.currentThread();
        this.task = TIMER.schedule(this::fire, Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
    }

    public static CallGuard start(Duration timeout) {
        CallGuard g = new CallGuard(timeout);
        ACTIVE.get().push(g);
        return g;
    }

    private synchronized void fire() {
        if (!done) {
            fired = true;
            thread.interrupt();
        }
    }

    public synchronized boolean fired() {
        return fired;
    }

    /** Whether an enclosing guard on this thread has fired (its deadline, not ours, stopped the guest). */
    public boolean outerFired() {
        for (CallGuard g : ACTIVE.get()) {
            if (g != this && g.fired()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        task.cancel(false);
        boolean wasFired;
        synchronized (this) {
            done = true;
            wasFired = fired;
        }
        Deque<CallGuard> active = ACTIVE.get();
        active.remove(this);
        if (wasFired) {
            Thread.interrupted();
        }
        for (CallGuard g : active) {
            if (g.fired()) {
                thread.interrupt();
                break;
            }
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "asterai-call-guard");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
