package com.numbering.telnyx.internal;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.LocalModeTest;
import com.numbering.pacing.RequestBudget;
import com.numbering.pacing.SharedRequestBudget;
import com.numbering.pacing.TelnyxBudgetProperties;
import com.numbering.pacing.Traffic;
import com.numbering.telnyx.TelnyxException;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxProperties;
import com.numbering.telnyx.sandbox.LedgerRequest;
import com.numbering.telnyx.sandbox.SimulatorLedger;
import com.numbering.telnyx.sandbox.SimulatorSettings;
import com.numbering.telnyx.sandbox.TelnyxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two budgets with their own connection pools stand for two processes sharing one Telnyx account; what they did
 * together is read from the simulator's own request timestamps.
 */
@LocalModeTest
class SharedRequestBudgetIntegrationTests {

    @Autowired
    private TelnyxSimulator simulator;

    @Autowired
    private TelnyxProperties properties;

    @Autowired
    private DataSource dataSource;

    private final String account = "test-" + UUID.randomUUID();

    private final List<HikariDataSource> pools = new ArrayList<>();

    @AfterEach
    void closePoolsAndResetSimulator() {
        this.pools.forEach(HikariDataSource::close);
        this.simulator.control().reset();
    }

    @Test
    void twoProcessesTogetherNeverExceedTheAccountRate() throws Exception {
        // given
        this.simulator.control().setRequestsPerSecond(20);
        TelnyxGateway first = gateway(budget(18));
        TelnyxGateway second = gateway(budget(18));
        // A cold client's first calls wait for the HTTP stack to load, and would then leave together.
        first.listInventory(1, 1);
        second.listInventory(1, 1);
        int before = this.simulator.ledger().requests().size();
        int rejectedBefore = this.simulator.ledger().count429();

        // when
        ExecutorService threads = Executors.newFixedThreadPool(8);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TelnyxGateway gateway = i % 2 == 0 ? first : second;
            running.add(threads.submit(() -> {
                while (System.nanoTime() < until) {
                    gateway.listInventory(1, 1);
                }
            }));
        }
        for (Future<?> thread : running) {
            thread.get();
        }
        threads.shutdown();

        // then
        List<Instant> arrivals = this.simulator.ledger().requests().stream().skip(before)
            .map(LedgerRequest::receivedAt).sorted().toList();
        assertThat(this.simulator.ledger().count429()).isEqualTo(rejectedBefore);
        double seconds = Duration.between(arrivals.get(0), arrivals.get(arrivals.size() - 1)).toMillis() / 1e3;
        assertThat((arrivals.size() - 1) / seconds).as("requests/second together").isLessThanOrEqualTo(18 * 1.05);
        // The budget spaces departures (at most 19 in any second at 18/s). Here client and simulator share one JVM: a
        // garbage-collection pause holds requests back and the simulator stamps them together when it ends (21 and
        // 24 seen on a loaded machine). The bound sits halfway to what two separate budgets would send (36).
        assertThat(SimulatorLedger.busiestSecond(arrivals)).isLessThanOrEqualTo(27);
        // a floor only to show that they did compete for the budget (a loaded machine may not reach the budget)
        assertThat((arrivals.size() - 1) / seconds).isGreaterThan(18 * 0.5);
    }

    @Test
    void a429SeenByOneProcessPausesTheOther() throws Exception {
        // given: something else on the account has used Telnyx's limit: the next request meets a 429 asking for 2 s
        TelnyxGateway first = gateway(budget(50));
        TelnyxGateway second = gateway(budget(50));
        Instant armed = Instant.now();
        this.simulator.control().rateLimitNext("GET", "/phone_numbers", Duration.ofSeconds(2), 1);

        // when: the first process meets it, and the second calls once the pause is in the shared budget
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<?> firstCall = thread.submit(() -> first.listInventory(1, 1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pausedAhead() < 1.0) {
            assertThat(System.nanoTime()).as("the 429's pause reached the shared budget").isLessThan(deadline);
            Thread.sleep(5);
        }
        second.listInventory(1, 1);
        firstCall.get();
        thread.shutdown();

        // then: nobody called before the reset the 429 announced (2 s, a tenth allowed for rounding)
        Instant rateLimited = lastRateLimited();
        assertThat(rateLimited).isAfter(armed);
        assertThat(this.simulator.ledger().requests().stream().map(LedgerRequest::receivedAt)
            .filter(at -> at.isAfter(rateLimited)))
            .hasSize(2)
            .allSatisfy(at -> assertThat(Duration.between(rateLimited, at)).isGreaterThan(Duration.ofMillis(1800)));
    }

    @Test
    void aResetOfAnHourOnABulkCallHoldsAlertsNoLongerThanTheClamp() throws Exception {
        // given: Telnyx answers a bulk call with a 429 whose reset says an hour; the clamp is 2 s
        Duration clamp = Duration.ofSeconds(2);
        TelnyxGateway bulk = gateway(budget(50, clamp), clamp);
        SharedRequestBudget alerts = budget(50, clamp);
        this.simulator.control().rateLimitNext("GET", "/phone_numbers", Duration.ofHours(1), 1);

        // when the bulk call meets it, and an alert asks for a slot once the pause is in the shared budget
        ExecutorService threads = Executors.newFixedThreadPool(2);
        Future<?> bulkCall = threads.submit(() -> bulk.listInventory(1, 1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pausedAhead() < 1.0) {
            assertThat(System.nanoTime()).as("the 429's pause reached the shared budget").isLessThan(deadline);
            Thread.sleep(5);
        }
        double aheadAfterThe429 = pausedAhead();
        long start = System.nanoTime();
        Future<?> alert = threads.submit(() -> {
            alerts.acquire(Traffic.ALERT);
            return null;
        });

        // then the row is never further ahead than the clamp, the alert goes within it, and the bulk call succeeds
        assertThat(aheadAfterThe429).as("seconds the shared budget is ahead of now").isLessThanOrEqualTo(2.1);
        alert.get(30, TimeUnit.SECONDS);
        assertThat((System.nanoTime() - start) / 1e9).as("seconds the alert waited").isLessThanOrEqualTo(2.5);
        bulkCall.get(30, TimeUnit.SECONDS);
        threads.shutdownNow();
    }

    @Test
    void aRowLeftFarAheadByAnotherSettingDelaysNobodyLongerThanTheClamp() throws Exception {
        // given: the row years ahead, as a tiny requests-per-second or an unclamped reset of an older version left it
        SharedRequestBudget budget = budget(20, Duration.ofSeconds(1));
        budget.acquire(Traffic.BULK);
        new JdbcTemplate(this.dataSource).update(
                "UPDATE telnyx_request_budgets SET tat = clock_timestamp() + interval '10 years' WHERE account = ?",
                this.account);

        // when
        long start = System.nanoTime();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        thread.submit(() -> {
            budget.acquire(Traffic.BULK);
            budget.acquire(Traffic.ALERT);
            return null;
        }).get(30, TimeUnit.SECONDS);
        thread.shutdownNow();

        // then both went within the clamp (1 s) and a little, and the row is back within reach
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(3.0);
        assertThat(pausedAhead()).isLessThan(1.2);
    }

    private double pausedAhead() {
        List<Double> ahead = new JdbcTemplate(this.dataSource).queryForList(
                "SELECT extract(epoch FROM tat - clock_timestamp())::float8 FROM telnyx_request_budgets WHERE account = ?",
                Double.class, this.account);
        return ahead.isEmpty() ? 0 : ahead.get(0);
    }

    @Test
    void aProcessKilledInTheMiddleOfAReservationLeaksNoPermit() throws Exception {
        // given: a process reserves a slot and dies before committing (kill -9: its connection is cut)
        SharedRequestBudget survivor = budget(20);
        survivor.acquire(Traffic.BULK);
        HikariDataSource doomed = pool();
        Connection connection = doomed.getConnection();
        connection.setAutoCommit(false);
        connection.createStatement()
            .execute("UPDATE telnyx_request_budgets SET tat = tat + interval '1 hour' WHERE account = '"
                    + this.account + "'");
        connection.abort(Runnable::run);

        // when
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            survivor.acquire(Traffic.BULK);
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        // then: the dead process's hour was never committed; ten requests at 20/s took their half second, not an
        // hour (the upper bound is loose for a loaded machine)
        assertThat(new JdbcTemplate(this.dataSource).queryForObject(
                "SELECT extract(epoch FROM tat - clock_timestamp())::float8 FROM telnyx_request_budgets WHERE account = ?",
                Double.class, this.account)).isLessThan(1.0);
        assertThat(seconds).isBetween(0.4, 10.0);
    }

    @Test
    void alertsGoAheadOfABulkWave() throws Exception {
        // given: eight bulk callers keep the budget busy
        SharedRequestBudget bulk = budget(10);
        SharedRequestBudget alerts = budget(10);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (int i = 0; i < 8; i++) {
            threads.submit(() -> {
                while (System.nanoTime() < until) {
                    bulk.acquire(Traffic.BULK);
                }
                return null;
            });
        }
        Thread.sleep(500);

        // when
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            alerts.acquire(Traffic.ALERT);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        threads.shutdown();
        threads.awaitTermination(5, TimeUnit.SECONDS);

        // then: each alert waits behind the bulk lookahead (0.2 s) and one interval, not behind eight bulk callers
        // (first come, first served would take 5 x 0.8 s; alerts first about 1.5 s, the rest is room for a busy machine)
        assertThat(seconds).isLessThan(3.0);
    }

    private Instant lastRateLimited() {
        return this.simulator.ledger().requests().stream().filter(r -> r.status() == 429)
            .map(LedgerRequest::receivedAt).max(Instant::compareTo).orElseThrow();
    }

    private SharedRequestBudget budget(double perSecond) {
        return budget(perSecond, Duration.ofSeconds(60));
    }

    private SharedRequestBudget budget(double perSecond, Duration maxPause) {
        HikariDataSource pool = pool();
        return new SharedRequestBudget(new JdbcTemplate(pool), perSecond,
                new TelnyxBudgetProperties(this.account, 1, 0, Duration.ofMillis(200), maxPause));
    }

    private HikariDataSource pool() {
        HikariDataSource shared = (HikariDataSource) this.dataSource;
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(shared.getJdbcUrl());
        pool.setUsername(shared.getUsername());
        pool.setPassword(shared.getPassword());
        pool.setMaximumPoolSize(4);
        this.pools.add(pool);
        return pool;
    }

    private TelnyxGateway gateway(RequestBudget budget) {
        return gateway(budget, Duration.ofSeconds(60));
    }

    private TelnyxGateway gateway(RequestBudget budget, Duration maxPause) {
        TelnyxProperties own = new TelnyxProperties(this.properties.apiKey(), this.properties.baseUrl(),
                SimulatorSettings.DEFAULT_CONNECTION_ID, Duration.ofSeconds(2), Duration.ofSeconds(5), 1, 8, 3);
        return TelnyxClientConfiguration.telnyxGateway(own, budget, maxPause, new SimpleMeterRegistry());
    }

}
