package com.numbering.telnyx.internal;

import java.time.Duration;

/** The Telnyx account's request budget: every call waits for its turn, and a 429 pauses every caller. */
interface RequestBudget {

    /** Who is asking: alerts have deadlines, bulk jobs have hours. */
    enum Traffic {

        /** Sending alerts and checking their delivery (dispatch): goes first. */
        ALERT,
        /** Provisioning, reconciliation, SMS setup: uses what alerts leave. */
        BULK;

        static Traffic of(String operation) {
            return operation.startsWith("POST /messages") || operation.startsWith("GET /messages/") ? ALERT : BULK;
        }

    }

    /** Blocks until this caller may make one request. */
    void acquire(Traffic traffic) throws InterruptedException;

    /** Nobody, in any process, makes a request before {@code delay} from now (a 429's {@code x-ratelimit-reset}). */
    void pause(Duration delay);

}
