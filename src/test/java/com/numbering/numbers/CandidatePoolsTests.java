package com.numbering.numbers;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.numbering.numbers.SearchLadder.Rung;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxGateway.AvailableNumber;
import com.numbering.telnyx.TelnyxGateway.NumberSearch;

import static org.assertj.core.api.Assertions.assertThat;

class CandidatePoolsTests {

    private static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final Rung exact = new Rung(Tier.EXACT, "npa:415", "415", null, List.of("voice"),
            n -> n.startsWith("+1415"));

    private final Rung state = new Rung(Tier.STATE, "state:CA", null, "CA", List.of("voice"),
            n -> n.startsWith("+1415") || n.startsWith("+1628"));

    private final MovableClock clock = new MovableClock(Instant.parse("2025-03-04T15:00:00Z"));

    private final List<NumberSearch> searches = new ArrayList<>();

    /** What the fake Telnyx answers to a search: by default a full page of numbers never offered before. */
    private Function<NumberSearch, List<AvailableNumber>> answer = search -> fresh("415", search.limit());

    private int lines;

    private final CandidatePools pools = new CandidatePools(telnyx(), this.clock, MAX_AGE);

    @Test
    void aRungWithoutExpectedDemandSearchesForTheMinimumOfTwenty() {
        // when
        this.pools.next(this.exact);

        // then
        assertThat(this.searches).singleElement()
            .isEqualTo(new NumberSearch("415", null, List.of("voice"), 20));
    }

    @Test
    void aSearchIsSizedForTheBatchsDemandWithAQuarterToSpare() {
        // given
        this.pools.expect(Map.of("npa:415", 40, "npa:628", 90));

        // when
        this.pools.next(this.exact);

        // then
        assertThat(this.searches).extracting(NumberSearch::limit).containsExactly(50);
    }

    @Test
    void aDemandWhoseSpareStaysUnderTwentyStillSearchesForTwenty() {
        // given 15 + 15/4 = 18
        this.pools.expect(Map.of("npa:415", 15));

        // when
        this.pools.next(this.exact);

        // then
        assertThat(this.searches).extracting(NumberSearch::limit).containsExactly(20);
    }

    @Test
    void aDemandJustOverTheMinimumIsSearchedForWithAQuarterToSpare() {
        // given 17 + 17/4 = 21
        this.pools.expect(Map.of("npa:415", 17));

        // when
        this.pools.next(this.exact);

        // then
        assertThat(this.searches).extracting(NumberSearch::limit).containsExactly(21);
    }

    @Test
    void aSearchNeverAsksForMoreThanAHundred() {
        // given
        this.pools.expect(Map.of("npa:415", 500));

        // when
        this.pools.next(this.exact);

        // then
        assertThat(this.searches).extracting(NumberSearch::limit).containsExactly(100);
    }

    @Test
    void oneSearchServesEveryTenantOfTheRungAndNoneIsHandedTheSameNumber() {
        // when
        List<String> handed = IntStream.range(0, 20).mapToObj(i -> this.pools.next(this.exact).phoneNumber()).toList();

        // then
        assertThat(this.searches).hasSize(1);
        assertThat(handed).doesNotHaveDuplicates().hasSize(20);
    }

    @Test
    void aFullPageUsedUpIsFollowedByAnotherSearch() {
        // given
        IntStream.range(0, 20).forEach(i -> this.pools.next(this.exact));

        // when
        AvailableNumber next = this.pools.next(this.exact);

        // then
        assertThat(next).isNotNull();
        assertThat(this.searches).hasSize(2);
    }

    @Test
    void aShortPageExhaustsTheRungOnceItsNumbersAreHandedOut() {
        // given
        this.answer = search -> fresh("415", 3);

        // when
        List<AvailableNumber> handed = IntStream.range(0, 5).mapToObj(i -> this.pools.next(this.exact)).toList();

        // then
        assertThat(handed.subList(0, 3)).doesNotContainNull();
        assertThat(handed.subList(3, 5)).containsOnlyNulls();
        assertThat(this.searches).as("an exhausted rung is not searched again in the run").hasSize(1);
    }

    @Test
    void aSearchThatFindsNothingNewExhaustsTheRung() {
        // given a full page, then the same page again
        List<AvailableNumber> page = fresh("415", 20);
        this.answer = search -> page;
        IntStream.range(0, 20).forEach(i -> this.pools.next(this.exact));

        // when
        AvailableNumber next = this.pools.next(this.exact);

        // then
        assertThat(next).isNull();
        assertThat(this.searches).hasSize(2);
        assertThat(this.pools.next(this.exact)).isNull();
        assertThat(this.searches).hasSize(2);
    }

    @Test
    void anExhaustedRungLeavesTheNextRungOfTheLadderFreeToSearch() {
        // given
        this.answer = search -> search.areaCode() != null ? List.of() : fresh("415", search.limit());

        // when
        AvailableNumber fromExact = this.pools.next(this.exact);
        AvailableNumber fromState = this.pools.next(this.state);

        // then
        assertThat(fromExact).isNull();
        assertThat(fromState).isNotNull();
        assertThat(this.searches).extracting(NumberSearch::administrativeArea).containsExactly(null, "CA");
    }

    @Test
    void onlyExactMatchesOfTheRungAreHandedOut() {
        // given a best-effort result, one from elsewhere, one without voice, and one good one
        this.answer = search -> List.of(new AvailableNumber("+14155550100", true, List.of("voice")),
                new AvailableNumber("+12125550101", false, List.of("voice")),
                new AvailableNumber("+14155550102", false, List.of("sms")),
                new AvailableNumber("+14155550103", false, List.of("voice", "sms")));

        // when
        AvailableNumber first = this.pools.next(this.exact);
        AvailableNumber second = this.pools.next(this.exact);

        // then
        assertThat(first.phoneNumber()).isEqualTo("+14155550103");
        assertThat(second).isNull();
    }

    @Test
    void aNumberHandedOutByOneRungIsNeverHandedOutByAnother() {
        // given both rungs find the same numbers
        List<AvailableNumber> page = List.of(number("+14155550100"), number("+14155550101"));
        this.answer = search -> page;

        // when
        AvailableNumber fromExact = this.pools.next(this.exact);
        AvailableNumber fromState = this.pools.next(this.state);
        AvailableNumber again = this.pools.next(this.state);

        // then
        assertThat(fromExact.phoneNumber()).isEqualTo("+14155550100");
        assertThat(fromState.phoneNumber()).isEqualTo("+14155550101");
        assertThat(again).isNull();
    }

    @Test
    void aCandidateYoungerThanTheMaxAgeIsReusedWithoutASearch() {
        // given
        this.pools.next(this.exact);
        this.clock.advance(MAX_AGE.minusSeconds(1));

        // when
        AvailableNumber next = this.pools.next(this.exact);

        // then
        assertThat(next).isNotNull();
        assertThat(this.searches).hasSize(1);
    }

    @Test
    void candidatesAsOldAsTheMaxAgeAreDroppedAndSearchedForAgain() {
        // given
        List<AvailableNumber> firstPage = fresh("415", 20);
        this.answer = search -> this.searches.size() == 1 ? firstPage : fresh("415", search.limit());
        this.pools.next(this.exact);
        this.clock.advance(MAX_AGE);

        // when
        AvailableNumber next = this.pools.next(this.exact);

        // then
        assertThat(this.searches).hasSize(2);
        assertThat(firstPage).doesNotContain(next);
    }

    @Test
    void staleCandidatesStillAvailableAreHandedOutAgainAfterANewSearchFindsThem() {
        // given a full page of which one number was handed out, the rest gone stale; Telnyx still offers the same page
        List<AvailableNumber> page = fresh("415", 20);
        this.answer = search -> page;
        AvailableNumber first = this.pools.next(this.exact);
        this.clock.advance(MAX_AGE);

        // when
        AvailableNumber next = this.pools.next(this.exact);

        // then the rung is not taken as exhausted: the numbers found again are new candidates
        assertThat(next).isNotNull().isNotEqualTo(first);
        assertThat(page).contains(next);
        assertThat(this.searches).hasSize(2);
    }

    @Test
    void aShortPageGoneStaleIsSearchedForAgainInsteadOfExhaustingTheRung() {
        // given a short page (the rung counts as exhausted once it is used up) that went stale before it was
        List<AvailableNumber> page = fresh("415", 3);
        this.answer = search -> page;
        this.pools.next(this.exact);
        this.clock.advance(MAX_AGE);

        // when
        List<AvailableNumber> handed = IntStream.range(0, 3).mapToObj(i -> this.pools.next(this.exact)).toList();

        // then the two never handed out are searched for again and handed out; after that the rung is exhausted
        assertThat(handed.subList(0, 2)).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(handed.get(2)).isNull();
        assertThat(this.searches).hasSize(2);
    }

    @Test
    void aRunsPoolsSearchAgainOnceTheirCandidatesAreFiveMinutesOld() {
        // given
        CandidatePools run = CandidatePools.forRun(telnyx(), this.clock);
        run.next(this.exact);
        this.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        run.next(this.exact);
        this.clock.advance(Duration.ofSeconds(1));

        // when
        run.next(this.exact);

        // then
        assertThat(this.searches).hasSize(2);
    }

    private TelnyxGateway telnyx() {
        return (TelnyxGateway) Proxy.newProxyInstance(TelnyxGateway.class.getClassLoader(),
                new Class<?>[] { TelnyxGateway.class }, (proxy, method, args) -> {
                    if (!method.getName().equals("searchLocalNumbers")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    NumberSearch search = (NumberSearch) args[0];
                    this.searches.add(search);
                    return this.answer.apply(search);
                });
    }

    private List<AvailableNumber> fresh(String npa, int count) {
        return IntStream.range(0, count).mapToObj(i -> number("+1" + npa + "555" + "%04d".formatted(this.lines++)))
            .toList();
    }

    private static AvailableNumber number(String e164) {
        return new AvailableNumber(e164, false, List.of("voice"));
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            this.now = this.now.plus(duration);
        }

        @Override
        public Instant instant() {
            return this.now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

    }

}
