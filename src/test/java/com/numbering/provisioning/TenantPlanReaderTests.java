package com.numbering.provisioning;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import com.numbering.numbers.AreaCodeResolver.Origin;
import com.numbering.numbers.CandidatePools;
import com.numbering.numbers.SearchLadder.Rung;
import com.numbering.numbers.Tier;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxGateway.AvailableNumber;
import com.numbering.telnyx.TelnyxGateway.NumberSearch;

import static org.assertj.core.api.Assertions.assertThat;

class TenantPlanReaderTests {

    private final Rung exact = new Rung(Tier.EXACT, "npa:415", "415", null, List.of("voice"),
            n -> n.startsWith("+1415"));

    private final List<NumberSearch> searches = new ArrayList<>();

    private final CandidatePools pools = CandidatePools.forRun(telnyx(), Clock.systemUTC());

    @Test
    void theFirstSearchOfAChunkIsSizedForEveryTenantOfTheChunkBeforeTheFirstIsHandedOut() throws Exception {
        // given 60 due tenants starting at the same rung, read 40 at a time
        TenantPlanReader reader = reader(tenants(60), 40);

        // when the first tenant is read and its worker takes a candidate
        TenantPlan first = reader.read();
        this.pools.next(first.firstRung());

        // then the one search asked for the chunk's 40, a quarter to spare
        assertThat(this.searches).extracting(NumberSearch::limit).containsExactly(50);
    }

    @Test
    void handsOutEveryTenantOnceAndEndsWithTheUnderlyingReader() throws Exception {
        // given
        TenantPlanReader reader = reader(tenants(7), 3);

        // when
        List<String> read = new ArrayList<>();
        for (TenantPlan plan = reader.read(); plan != null; plan = reader.read()) {
            read.add(plan.tenant().id());
        }

        // then
        assertThat(read).containsExactly("0", "1", "2", "3", "4", "5", "6");
    }

    @Test
    void savesTheUnderlyingReadersStateOnlyWhenEveryTenantReadAheadWasHandedOut() throws Exception {
        // given
        TenantPlanReader reader = reader(tenants(10), 4);
        ExecutionContext context = new ExecutionContext();

        // when a chunk is read partly, then whole
        reader.read();
        reader.read();
        reader.update(context);
        boolean savedMidChunk = context.containsKey("tenants.read.count");
        reader.read();
        reader.read();
        reader.update(context);

        // then
        assertThat(savedMidChunk).isFalse();
        assertThat(context.getInt("tenants.read.count")).isEqualTo(4);
    }

    private TenantPlanReader reader(List<TenantRow> rows, int chunkSize) {
        return new TenantPlanReader(new CountingReader(rows),
                tenant -> new TenantPlan(tenant, Origin.state("CA", "state"), List.of(this.exact)), this.pools,
                chunkSize);
    }

    private static List<TenantRow> tenants(int count) {
        return IntStream.range(0, count)
            .mapToObj(i -> new TenantRow(String.valueOf(i), null, "CA", null, null, null, null, 0, 0))
            .toList();
    }

    private TelnyxGateway telnyx() {
        return (TelnyxGateway) Proxy.newProxyInstance(TelnyxGateway.class.getClassLoader(),
                new Class<?>[] { TelnyxGateway.class }, (proxy, method, args) -> {
                    NumberSearch search = (NumberSearch) args[0];
                    this.searches.add(search);
                    return IntStream.range(0, search.limit())
                        .mapToObj(i -> new AvailableNumber("+1415555%04d".formatted(i), false, List.of("voice")))
                        .toList();
                });
    }

    /** The paging reader's part: tenants in order, and how many were read as its restart state. */
    private static final class CountingReader implements ItemStreamReader<TenantRow> {

        private final Iterator<TenantRow> rows;

        private int read;

        CountingReader(List<TenantRow> rows) {
            this.rows = rows.iterator();
        }

        @Override
        public TenantRow read() {
            if (!this.rows.hasNext()) {
                return null;
            }
            this.read++;
            return this.rows.next();
        }

        @Override
        public void update(ExecutionContext executionContext) {
            executionContext.putInt("tenants.read.count", this.read);
        }

    }

}
