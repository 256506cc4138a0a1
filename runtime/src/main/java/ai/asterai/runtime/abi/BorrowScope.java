package ai.asterai.runtime.abi;

import java.util.ArrayList;
import java.util.List;

/**
 * The borrow bookkeeping of one call. As a callee's scope (the spec's task), it counts the borrowed
 * handles lowered into the callee that it has not dropped yet: returning with any left traps. As a
 * caller's scope (the spec's subtask), it remembers the handles the caller lent for the call, which
 * may not be dropped or moved until the call returns.
 */
public final class BorrowScope {
    private int borrows;
    /** Handles lent for the call; created on the first, null once the call has returned. */
    private List<HandleTable.Handle> lenders = List.of();
    private boolean ended;

    void borrowed() {
        borrows++;
    }

    void borrowDropped() {
        borrows--;
    }

    void lend(HandleTable.Handle h) {
        if (ended) {
            throw new AbiTrap("a handle was lent to a call that has already returned");
        }
        if (lenders.isEmpty()) {
            lenders = new ArrayList<>();
        }
        h.lends++;
        lenders.add(h);
    }

    /** Borrowed handles still held by the callee. */
    public int borrows() {
        return borrows;
    }

    /** The callee is returning: every handle borrowed for the call must have been dropped. */
    public void checkReturn(String function) {
        if (borrows > 0) {
            throw new AbiTrap(function + " returned while still holding " + borrows + " borrowed handle(s)"
                    + " (borrow handles must be dropped before the call returns)");
        }
    }

    /** The call returned to the caller: the handles it lent may be used (dropped, moved) again. */
    public void endLending() {
        if (!ended) {
            for (HandleTable.Handle h : lenders) {
                h.lends--;
            }
            ended = true;
        }
    }
}
