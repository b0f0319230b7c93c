package com.numbering.numbers;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.numbering.nanp.NanpDirectory;
import com.numbering.numbers.SearchLadder.Rung;
import com.numbering.telnyx.TelnyxGateway.AvailableNumber;

import static org.assertj.core.api.Assertions.assertThat;

class SearchLadderTests {

    private final NanpDirectory nanp = NanpDirectory.load();

    private final SearchLadder ladder = new SearchLadder(this.nanp);

    private final AreaCodeResolver resolver = new AreaCodeResolver(this.nanp);

    @Test
    void climbsFromTheExactAreaCodeThroughItsOverlaysAndStateToAnyUsNumber() {
        List<Rung> rungs = this.ladder.rungs(this.resolver.resolve("(415) 555-2671", null), "voice");

        assertThat(rungs).extracting(Rung::tier)
            .containsExactly(Tier.EXACT, Tier.OVERLAY, Tier.STATE, Tier.ANY);
        assertThat(rungs).extracting(Rung::key).containsExactly("npa:415", "npa:628", "state:CA", "any");
    }

    @Test
    void startsAtTheStateWhenOnlyTheAddressIsKnown() {
        List<Rung> rungs = this.ladder.rungs(this.resolver.resolve(null, "CO"), "voice");

        assertThat(rungs).extracting(Rung::tier).containsExactly(Tier.STATE, Tier.ANY);
    }

    @Test
    void eachRungAcceptsOnlyExactMatchesOfItsOwnArea() {
        List<Rung> rungs = this.ladder.rungs(this.resolver.resolve("(415) 555-2671", null), "voice");
        Rung exact = rungs.get(0);
        Rung state = rungs.get(2);
        Rung any = rungs.get(3);

        assertThat(exact.accepts(number("+14155550100", false))).isTrue();
        assertThat(exact.accepts(number("+14155550100", true))).as("best effort").isFalse();
        assertThat(exact.accepts(number("+16285550100", false))).as("overlay is not exact").isFalse();
        assertThat(state.accepts(number("+13105550100", false))).as("LA is in CA").isTrue();
        assertThat(state.accepts(number("+19075550100", false))).as("Alaska is not CA").isFalse();
        assertThat(any.accepts(number("+18335550100", false))).as("toll-free is never local").isFalse();
        assertThat(any.accepts(number("+16715550100", false))).as("Guam is a territory").isFalse();
        assertThat(any.accepts(number("+19075550100", false))).isTrue();
    }

    private static AvailableNumber number(String e164, boolean bestEffort) {
        return new AvailableNumber(e164, bestEffort, List.of("voice", "sms"));
    }

}
