package com.numbering.alerts;

/** How one claimed alert ended in a run; the metric label is the lower-case name. */
enum AlertOutcome {

    SENT, SUPPRESSED, EXPIRED, REFUSED, FAILED, RETRY, HELD, UNKNOWN, SKIPPED;

    String label() {
        return name().toLowerCase();
    }

}
