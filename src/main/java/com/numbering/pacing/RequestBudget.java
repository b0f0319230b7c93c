package com.numbering.pacing;

import java.time.Duration;

/** The Telnyx account's request budget: every call waits for its turn, and a 429 pauses every caller. */
public interface RequestBudget {

    /** Blocks until this caller may make one request. */
    void acquire(Traffic traffic) throws InterruptedException;

    /** Nobody, in any process, makes a request before {@code delay} from now (a 429's {@code x-ratelimit-reset}). */
    void pause(Duration delay);

}
