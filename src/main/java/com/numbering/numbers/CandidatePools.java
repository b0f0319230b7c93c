package com.numbering.numbers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.numbering.numbers.SearchLadder.Rung;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxGateway.AvailableNumber;

/**
 * Search results shared by the tenants of one run: one search per rung serves every tenant that needs it, no two
 * tenants are ever handed the same candidate, and a candidate older than {@code maxAge} is dropped, because Telnyx
 * wants an order to follow a recent search.
 * <p>
 * Not final: a job may keep its run's pools as a step-scoped bean, which Spring proxies by subclassing.
 */
public class CandidatePools {

    private static final int MAX_LIMIT = 100;

    /** A search costs one call whatever its size: ask for enough to serve the tenants of later chunks too. */
    private static final int MIN_LIMIT = 20;

    private final TelnyxGateway telnyx;

    private final Clock clock;

    private final Duration maxAge;

    private final Map<String, Pool> pools = new ConcurrentHashMap<>();

    private final Set<String> handedOut = ConcurrentHashMap.newKeySet();

    private volatile Map<String, Integer> demand = Map.of();

    /** Telnyx wants an order to follow a "recent" search; older candidates are searched for again. */
    static final Duration CANDIDATE_MAX_AGE = Duration.ofMinutes(5);

    CandidatePools(TelnyxGateway telnyx, Clock clock, Duration maxAge) {
        this.telnyx = telnyx;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** Pools for one run: candidates are reused while recent enough to order. */
    public static CandidatePools forRun(TelnyxGateway telnyx, Clock clock) {
        return new CandidatePools(telnyx, clock, CANDIDATE_MAX_AGE);
    }

    /** How many tenants of the coming chunk start at each rung key, so that a search is sized for all of them. */
    public void expect(Map<String, Integer> demand) {
        this.demand = Map.copyOf(demand);
    }

    /** The next unused candidate of this rung, searching when needed; null when the rung is exhausted. */
    public AvailableNumber next(Rung rung) {
        return this.pools.computeIfAbsent(rung.key(), key -> new Pool(rung)).next();
    }

    private record Candidate(AvailableNumber number, Instant foundAt) {
    }

    private final class Pool {

        private final Rung rung;

        private final Deque<Candidate> candidates = new ArrayDeque<>();

        private final Set<String> seen = new HashSet<>();

        private boolean exhausted;

        Pool(Rung rung) {
            this.rung = rung;
        }

        synchronized AvailableNumber next() {
            Instant oldest = CandidatePools.this.clock.instant().minus(CandidatePools.this.maxAge);
            boolean staleDropped = false;
            while (true) {
                Candidate candidate = this.candidates.poll();
                if (candidate != null) {
                    String number = candidate.number().phoneNumber();
                    if (!candidate.foundAt().isAfter(oldest)) {
                        // Too old to order, not unavailable: a new search may find it again, and then it counts.
                        this.seen.remove(number);
                        staleDropped = true;
                    }
                    else if (CandidatePools.this.handedOut.add(number)) {
                        return candidate.number();
                    }
                    continue;
                }
                if (this.exhausted && !staleDropped) {
                    return null;
                }
                staleDropped = false;
                refill();
            }
        }

        private void refill() {
            int wanted = CandidatePools.this.demand.getOrDefault(this.rung.key(), 1);
            int limit = Math.min(MAX_LIMIT, Math.max(MIN_LIMIT, wanted + Math.max(2, wanted / 4)));
            List<AvailableNumber> results = CandidatePools.this.telnyx.searchLocalNumbers(this.rung.search(limit));
            Instant now = CandidatePools.this.clock.instant();
            int fresh = 0;
            for (AvailableNumber found : results) {
                // A number seen before was handed out already or is stale: only new numbers count.
                if (this.rung.accepts(found) && this.seen.add(found.phoneNumber())) {
                    this.candidates.add(new Candidate(found, now));
                    fresh++;
                }
            }
            // A short page, or nothing new: the rung has no more for this run.
            this.exhausted = fresh == 0 || results.size() < limit;
        }

    }

}
