package com.numbering.pacing;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's turn in the account's request budget, taken ahead by a sender with its own pacing
 * ({@link AccountPacing#takeAhead}) and handed to the call it was taken for, which uses it instead of waiting for
 * one. It is good for one request: a retry of that call waits for a turn of its own.
 */
public final class Turn {

    private static final Turn NONE = new Turn(false);

    private final AtomicBoolean unused;

    private Turn(boolean taken) {
        this.unused = new AtomicBoolean(taken);
    }

    /** No turn taken ahead: the call waits for its own. */
    public static Turn none() {
        return NONE;
    }

    static Turn taken() {
        return new Turn(true);
    }

    /** @return true the first time only, when this is a turn taken ahead: the request may leave without waiting */
    public boolean use() {
        return this.unused.compareAndSet(true, false);
    }

}
