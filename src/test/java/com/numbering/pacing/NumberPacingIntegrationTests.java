package com.numbering.pacing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.LocalModeTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared number's window in PostgreSQL: slots a lead ahead, an interval apart, and a late send's new slot. */
@LocalModeTest
class NumberPacingIntegrationTests {

    private static final Duration INTERVAL = Duration.ofMillis(20);

    private static final Duration LATENESS = Duration.ofMillis(10);

    @Autowired
    private DataSource dataSource;

    private final String sender = "+1415" + (UUID.randomUUID().getLeastSignificantBits() & 0xffffff);

    @Test
    void reservedSlotsAreOneIntervalApartAndNeverLessThanTheLeadAhead() throws Exception {
        // given an idle window
        NumberPacing pacing = pacing();
        Instant before = Instant.now();

        // when five sends reserve at once
        List<Instant> slots = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slots.add(pacing.reserveSlot(this.sender, 1, 100, INTERVAL, LATENESS, Turn.none()).orElseThrow().at());
        }

        // then the first is the lead ahead (time to commit sending), the others follow an interval apart
        assertThat(slots.get(0)).isAfterOrEqualTo(before.plus(LATENESS));
        for (int i = 1; i < slots.size(); i++) {
            assertThat(Duration.between(slots.get(i - 1), slots.get(i))).isEqualTo(INTERVAL);
        }
        assertThat(pacing.segmentsUsedToday(this.sender)).isEqualTo(5);
    }

    @Test
    void aSendThatWakesTooLateTakesTheNextFreeSlotWithoutPayingItsSegmentsAgain() throws Exception {
        // given a send whose slot passed longer ago than the lateness while a later send holds the next slot
        NumberPacing pacing = pacing();
        NumberPacing.Run run = pacing.startRun(this.sender, INTERVAL, LATENESS);
        SendSlot late;
        SendSlot next;
        try (NumberPacing.Send send = run.begin()) {
            late = send.reserve(2, 100).orElseThrow();
            next = pacing.reserveSlot(this.sender, 1, 100, INTERVAL, LATENESS, Turn.none()).orElseThrow();
            Thread.sleep(Duration.between(Instant.now(), late.at()).plus(LATENESS.multipliedBy(3)).toMillis());

            // when it waits for its slot
            Optional<SendSlot> slot = send.awaitSlot(late);

            // then it leaves in a new slot, after the one reserved behind it, and on time for it
            assertThat(slot).isPresent();
            assertThat(slot.get().at()).isAfterOrEqualTo(next.at().plus(INTERVAL));
            assertThat(Duration.between(slot.get().at(), Instant.now())).isLessThanOrEqualTo(LATENESS);
            assertThat(slot.get().segments()).isEqualTo(2);
        }
        assertThat(pacing.segmentsUsedToday(this.sender)).isEqualTo(3);
    }

    @Test
    void aSendOnTimeKeepsItsSlot() throws Exception {
        // given a reserved slot
        NumberPacing.Run run = pacing().startRun(this.sender, INTERVAL, LATENESS);
        try (NumberPacing.Send send = run.begin()) {
            SendSlot reserved = send.reserve(1, 100).orElseThrow();

            // when the send waits for it
            Optional<SendSlot> slot = send.awaitSlot(reserved);

            // then it leaves in it, not before
            assertThat(slot).contains(reserved);
            assertThat(Instant.now()).isAfterOrEqualTo(reserved.at());
        }
    }

    @Test
    void aRequestNotWrittenForLeavingLateTakesALaterSlotWithATurnOfItsOwnCountedWithTheLateWakes() throws Exception {
        // given a send on time in its slot, whose request used the slot's turn
        NumberPacing pacing = pacing();
        NumberPacing.Run run = pacing.startRun(this.sender, INTERVAL, LATENESS);
        try (NumberPacing.Send send = run.begin()) {
            SendSlot now = send.awaitSlot(send.reserve(2, 100).orElseThrow()).orElseThrow();
            assertThat(send.leaveBy(now)).isEqualTo(now.at().plus(LATENESS));
            assertThat(now.turn().use()).isTrue();

            // when the request was not written, for leaving after leaveBy
            Optional<SendSlot> next = send.missed(now);

            // then the send waits for a later slot, with its segments and an unused turn of its own
            assertThat(next).isPresent();
            assertThat(next.get().at()).isAfterOrEqualTo(now.at().plus(INTERVAL));
            assertThat(Instant.now()).isAfterOrEqualTo(next.get().at());
            assertThat(next.get().segments()).isEqualTo(2);
            assertThat(next.get().turn().use()).isTrue();

            // and it may take as many new slots as a send that keeps waking late, then it is given up
            SendSlot last = next.get();
            for (int taken = 1; taken < NumberPacing.RESLOTS; taken++) {
                last = send.missed(last).orElseThrow();
            }
            assertThat(send.missed(last)).isEmpty();
        }
        // its segments were paid once
        assertThat(pacing.segmentsUsedToday(this.sender)).isEqualTo(2);
    }

    /** Only the number's window is under test: the account budget never waits. */
    private NumberPacing pacing() {
        return new NumberPacing(new JdbcTemplate(this.dataSource), new AccountPacing(new UnlimitedBudget()));
    }

}
