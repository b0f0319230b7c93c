package com.numbering.reconciliation;

/** What was done about a finding; in a dry run, what would have been done (column {@code action}). */
enum FindingAction {

    ACTIVATED("activated", "would-activate"),
    CLEARED_INTENT("cleared-intent", "would-clear-intent"),
    ADOPTED("adopted", "would-adopt"),
    FLAGGED("flagged", "flagged"),
    MARKED_FOR_REPROVISIONING("marked-for-reprovisioning", "would-mark-for-reprovisioning"),
    REATTACHED("reattached", "would-reattach"),
    REASSIGNED("reassigned", "would-reassign"),
    RELEASED("released", "would-release"),
    REPORTED("reported", "reported"),
    /** Telnyx refused the repair; the details say why. */
    FAILED("failed", "failed");

    private final String done;

    private final String planned;

    FindingAction(String done, String planned) {
        this.done = done;
        this.planned = planned;
    }

    String column(boolean dryRun) {
        return dryRun ? this.planned : this.done;
    }

}
