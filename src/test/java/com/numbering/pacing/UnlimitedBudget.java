package com.numbering.pacing;

import java.time.Duration;

/** An account budget that never makes a caller wait: for tests of the warm-up and of turns, not of the rate. */
public final class UnlimitedBudget implements RequestBudget {

    @Override
    public void acquire(Traffic traffic) {
    }

    @Override
    public void pause(Duration delay) {
    }

}
