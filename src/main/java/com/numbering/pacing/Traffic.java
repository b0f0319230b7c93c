package com.numbering.pacing;

/** Who is asking for a turn in the account's request budget: alerts have deadlines, bulk jobs have hours. */
public enum Traffic {

    /** Sending alerts and checking their delivery (dispatch): goes first. */
    ALERT,
    /** Provisioning, reconciliation, SMS setup: uses what alerts leave. */
    BULK

}
