package com.numbering.pacing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One send's place in the shared number's window ({@link NumberPacing.Send#reserve}).
 *
 * @param at when the send may go, on the database's clock (the hosts' clocks are kept in step by NTP)
 * @param day the UTC day whose budget paid for it
 * @param segments the segments it took of that day's budget
 * @param turn the account turn taken for it before the slot, to be handed to the request
 */
public record SendSlot(Instant at, LocalDate day, int segments, Turn turn) {

    /** How long ago the slot was; zero or negative while it is still ahead. */
    Duration lateBy() {
        return Duration.between(this.at, Instant.now());
    }

    SendSlot movedTo(Instant later) {
        return new SendSlot(later, this.day, this.segments, this.turn);
    }

    SendSlot withTurn(Turn taken) {
        return new SendSlot(this.at, this.day, this.segments, taken);
    }

    Duration waitFromNow() {
        Duration wait = Duration.between(Instant.now(), this.at);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

}
