package com.numbering.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataAccessException;

import com.numbering.AppProcess;
import com.numbering.AppProcess.Finished;
import com.numbering.campaign.BadInputCorpus.BadAlert;
import com.numbering.campaign.BadInputCorpus.BadTenant;
import com.numbering.campaign.BadInputCorpus.Expect;
import com.numbering.telnyx.sandbox.FaultPlan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reliability campaign: every job as its own JVM against PostgreSQL and the simulator, attacked by SIGKILLs at
 * seeded random moments, random Telnyx faults, lost database connections, concurrent copies and malformed input;
 * after each scenario {@link Invariants} reads the simulator's ledger, the tables and every log. Reduced size in
 * {@code ./mvnw verify} (CI), full size with {@code ./mvnw -B -ntp verify -Pcampaign}; {@code -DexcludedGroups=campaign}
 * leaves it out (CI's second JDK). Prints the table docs/reliability.md keeps.
 */
@Tag("campaign")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityCampaignTests {

    private static final CampaignSize SIZE = CampaignSize.fromSystemProperties();

    private static final List<String> TABLE = new ArrayList<>();

    private static final Instant STARTED = Instant.now();

    @ParameterizedTest(name = "crash {0}")
    @ValueSource(strings = { Campaign.PROVISION, Campaign.SMS, Campaign.DISPATCH, Campaign.RECONCILE })
    @Order(1)
    void sigkillAtRandomMomentsThenRestartUntilTheJobCompletes(String job) throws Exception {
        // -Dcampaign.jobs=provisionVoiceNumbersJob,… narrows the crash scenarios (a quick look at one job)
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("campaign.jobs", job).contains(job));
        try (Campaign campaign = new Campaign("crash " + job, CampaignSize.seed() + job.hashCode())) {
            // given a Telnyx with some latency, so that kills also land while an answer is in flight
            campaign.setLatency(Duration.ofMillis(job.equals(Campaign.SMS) ? 60 : 25));
            if (job.equals(Campaign.DISPATCH)) {
                campaign.runUntilCompleted(Campaign.SMS, 3);
            }
            if (job.equals(Campaign.RECONCILE)) {
                // tenants with numbers, for reconciliation to compare with the account, read in small pages so that a
                // run lasts long enough for most kills to land in it
                campaign.seeds.tenants(6);
                campaign.runUntilCompleted(Campaign.PROVISION, 3);
                campaign.override("numbering.reconciliation.page-size", "2");
            }

            // when each run is killed at a random moment of its work, with fresh work before each
            for (int tries = 0; campaign.kills < SIZE.killsPerJob() && tries < SIZE.killsPerJob() * 4; tries++) {
                addWork(campaign, job);
                campaign.killAtRandomMoment(job);
            }
            campaign.runUntilCompleted(job, 5);

            // then
            assertThat(campaign.kills).as("kills that landed while the job ran").isGreaterThanOrEqualTo(SIZE.killsPerJob());
            conclude(campaign);
        }
    }

    @Test
    @Order(2)
    void randomTelnyxFaultsOfEveryKindBreakNoPromise() throws Exception {
        try (Campaign campaign = new Campaign("faults " + (int) (SIZE.faultRate() * 100) + "%", CampaignSize.seed())) {
            // given work for every job, and a Telnyx that fails, throttles, stalls, dawdles and loses answers
            campaign.runUntilCompleted(Campaign.SMS, 3);
            campaign.seeds.tenants(16);
            campaign.seeds.alerts(16);
            unrecordedNumbers(campaign, 2);
            campaign.world.simulator()
                .control()
                .injectFaults(SIZE.faultRate(), CampaignSize.seed(), EnumSet.allOf(FaultPlan.Kind.class),
                        Duration.ofSeconds(3), Duration.ofMillis(400));

            // when every job runs until it completes under faults
            for (String job : List.of(Campaign.SMS, Campaign.PROVISION, Campaign.DISPATCH, Campaign.RECONCILE)) {
                campaign.runUntilCompleted(job, 8);
            }
            Map<FaultPlan.Kind, Integer> injected = campaign.faults();
            // and then once more after Telnyx recovered, as the next scheduled runs would
            campaign.world.simulator().control().reset();
            settle(campaign);

            // then
            assertThat(injected.keySet()).as("fault kinds injected").containsAll(EnumSet.allOf(FaultPlan.Kind.class));
            conclude(campaign);
        }
    }

    @Test
    @Order(3)
    void losingPostgresqlMidRunFailsTheRunCleanlyAndTheNextRunFinishesTheWork() throws Exception {
        try (Campaign campaign = new Campaign("database loss", CampaignSize.seed() + 3, true)) {
            campaign.world.simulator().control().setLatency(Duration.ofMillis(40));
            campaign.runUntilCompleted(Campaign.SMS, 3);
            // losses alternate: the server stopped for a while (pg_ctl stop, then start), then every session killed
            for (int loss = 0; loss < SIZE.databaseLosses(); loss++) {
                boolean serverStopped = loss % 2 == 0;
                for (String job : List.of(Campaign.PROVISION, Campaign.DISPATCH)) {
                    // given a run in the middle of its work
                    addWork(campaign, job);
                    addWork(campaign, job);
                    int before = campaign.world.simulator().ledger().requestCount();
                    AppProcess run = campaign.start(job);
                    awaitRequests(campaign, before + 6, run);

                    // when PostgreSQL goes away under it
                    if (serverStopped) {
                        campaign.stopDatabase();
                        TimeUnit.SECONDS.sleep(3);
                        campaign.startDatabase();
                    }
                    else {
                        campaign.dropDatabaseConnections();
                        TimeUnit.MILLISECONDS.sleep(300);
                        campaign.dropDatabaseConnections();
                    }
                    Finished lost = campaign.finish(run);
                    campaign.databaseLosses++;

                    // then the run ends by itself with a documented code, and the next run finishes the work
                    assertThat(lost.exitCode()).as(Campaign.tail(lost.output())).isIn(0, 1, 5, 7);
                    Finished next = campaign.runUntilCompleted(job, 4);
                    if (lost.exitCode() == 7) {
                        assertThat(next.output()).contains("ended UNKNOWN").contains("marking it ABANDONED");
                    }
                }
            }
            conclude(campaign);
        }
    }

    @Test
    @Order(4)
    void copiesStartedAtOnceAndJobsOverlappingOnTheSameTenantsBreakNoPromise() throws Exception {
        try (Campaign campaign = new Campaign("concurrency", CampaignSize.seed() + 4)) {
            campaign.world.simulator().control().setLatency(Duration.ofMillis(20));
            campaign.runUntilCompleted(Campaign.SMS, 3);
            for (int copies : SIZE.copies()) {
                for (String job : SIZE.concurrentJobs()) {
                    addWork(campaign, job);
                    addWork(campaign, job);
                    List<AppProcess> started = new ArrayList<>();
                    for (int i = 0; i < copies; i++) {
                        started.add(campaign.start(job));
                    }
                    for (AppProcess process : started) {
                        Finished finished = campaign.finish(process);
                        assertThat(finished.exitCode()).as(Campaign.tail(finished.output())).isIn(0, 5);
                    }
                }
            }
            // provisioning, reconciliation and dispatch at once, on the same tenants
            campaign.seeds.tenants(8);
            campaign.seeds.alerts(8);
            unrecordedNumbers(campaign, 2);
            List<AppProcess> mixed = List.of(campaign.start(Campaign.PROVISION), campaign.start(Campaign.RECONCILE),
                    campaign.start(Campaign.DISPATCH), campaign.start(Campaign.PROVISION));
            for (AppProcess process : mixed) {
                Finished finished = campaign.finish(process);
                assertThat(finished.exitCode()).as(Campaign.tail(finished.output())).isIn(0, 5);
            }
            settle(campaign);
            conclude(campaign);
        }
    }

    @Test
    @Order(5)
    void everyMalformedRecordEndsWithARecordedReasonAndDisturbsNothingElse() throws Exception {
        try (Campaign campaign = new Campaign("bad input", CampaignSize.seed() + 5)) {
            // given well-formed work next to the corpus
            campaign.runUntilCompleted(Campaign.SMS, 3);
            campaign.seeds.tenants(4);
            campaign.seeds.alerts(4);
            long alertTenant = campaign.world.jdbc()
                .queryForObject("SELECT tenant_id FROM client_alerts LIMIT 1", Long.class);
            campaign.world.jdbc().update("""
                    INSERT INTO client_alerts (tenant_id, recipient, alert_type, body, dedupe_key)
                    VALUES (?, '+14155559116', 'appointment_booked', 'first copy', 'bad-alert-dup')""", alertTenant);
            campaign.seeds.consent("+14155559116");
            List<String> refusals = new ArrayList<>();
            Map<String, Long> tenants = new java.util.LinkedHashMap<>();
            for (BadTenant bad : BadInputCorpus.tenants()) {
                String refused = insertTenant(campaign, bad, tenants);
                checkRefusal(bad.label(), bad.expect(), refused, refusals);
            }
            for (BadAlert bad : BadInputCorpus.alerts(alertTenant)) {
                checkRefusal(bad.label(), bad.expect(), insertAlert(campaign, bad), refusals);
            }
            long tenantRows = campaign.world.jdbc().queryForObject("SELECT count(*) FROM tenants", Long.class);

            // when the jobs run over it
            settle(campaign);

            // then every record has its reason, and the well-formed work was done
            List<String> wrong = new ArrayList<>(refusals);
            wrong.addAll(checkTenants(campaign, BadInputCorpus.tenants(), tenants));
            wrong.addAll(checkAlerts(campaign, BadInputCorpus.alerts(alertTenant)));
            assertThat(campaign.world.jdbc().queryForObject("SELECT count(*) FROM tenants", Long.class))
                .isEqualTo(tenantRows);
            assertThat(campaign.world.jdbc()
                .queryForObject("SELECT count(*) FROM tenants WHERE name LIKE 'Campaign Tenant %' AND "
                        + "telnyx_voice_status = 'active'", Long.class)).isEqualTo(4);
            assertThat(campaign.world.jdbc()
                .queryForObject("SELECT count(*) FROM client_alerts WHERE dedupe_key LIKE 'campaign-%' AND "
                        + "status = 'sent'", Long.class)).isEqualTo(4);
            assertThat(BadInputCorpus.tenants().size() + BadInputCorpus.alerts(alertTenant).size())
                .isGreaterThanOrEqualTo(40);
            conclude(campaign, wrong);
        }
    }

    @Test
    @Order(6)
    void misuseNeitherSpendsMoneyNorSilencesAlerts() throws Exception {
        try (Campaign campaign = new Campaign("misuse", CampaignSize.seed() + 6)) {
            campaign.override("numbering.telnyx.budget.max-pause", "2s");
            campaign.runUntilCompleted(Campaign.SMS, 3);
            campaign.seeds.tenants(6);
            campaign.seeds.alerts(6);
            unrecordedNumbers(campaign, 2);

            // when ops mistype job parameters: nothing runs, nothing is spent
            int requests = campaign.world.simulator().ledger().requestCount();
            for (String[] typo : List.of(new String[] { Campaign.RECONCILE, "dryrun=true" },
                    new String[] { Campaign.PROVISION, "tenantid=42" }, new String[] { Campaign.PROVISION, "tenantId=" },
                    new String[] { Campaign.DISPATCH, "dryRun=yes" })) {
                Finished refused = campaign.run(typo[0], typo[1]);
                assertThat(refused.exitCode()).as(String.join(" ", typo)).isEqualTo(78);
            }
            assertThat(campaign.world.simulator().ledger().requestCount()).as("requests after typos").isEqualTo(requests);

            // when Telnyx answers a bulk call with a 429 whose reset says an hour, while alerts are due
            campaign.world.simulator().control().rateLimitNext("GET", "/phone_numbers", Duration.ofHours(1), 1);
            AppProcess bulk = campaign.start(Campaign.RECONCILE);
            awaitRequests(campaign, campaign.world.simulator().ledger().requestCount() + 1, bulk);
            Instant dispatched = Instant.now();
            campaign.runUntilCompleted(Campaign.DISPATCH, 3);
            Duration alertsTook = Duration.between(dispatched, Instant.now());
            campaign.finish(bulk);
            // then the due alerts went out within the clamp (2 s) and a run's start-up, not an hour later
            assertThat(campaign.world.jdbc().queryForObject(
                    "SELECT count(*) FROM client_alerts WHERE dedupe_key LIKE 'campaign-%' AND status = 'sent'",
                    Long.class)).isEqualTo(6);
            assertThat(alertsTook).as("dispatch after an hour-long reset").isLessThan(Duration.ofSeconds(60));

            // when every order is refused the same way
            campaign.world.simulator().control().failNext("POST", "/number_orders", 422, "10027", 1000);
            int orders = campaign.world.simulator().ledger().requests("POST", "/number_orders").size();
            Finished refusedRun = campaign.run(Campaign.PROVISION);
            // then the circuit stops ordering after a handful, with its exit code
            assertThat(refusedRun.exitCode()).as(Campaign.tail(refusedRun.output())).isEqualTo(4);
            assertThat(campaign.world.simulator().ledger().requests("POST", "/number_orders").size() - orders)
                .as("orders refused in one run").isLessThanOrEqualTo(5 + 8);
            campaign.world.simulator().control().reset();

            // when Telnyx reports statuses newer than this client: orders pending in one it does not know (their
            // numbers listed late), a message delivered in one it does not know
            campaign.seeds.tenants(3);
            campaign.seeds.alerts(2);
            campaign.world.simulator().control().reportPendingOrdersAs("processing");
            campaign.world.simulator().control().setDeliveryOutcome("+14155553008",
                    new com.numbering.telnyx.sandbox.DeliveryOutcome("gw_timeout", null, null));
            campaign.override("numbering.alerts.delivery-check-delay", "0s");
            for (String job : List.of(Campaign.PROVISION, Campaign.PROVISION, Campaign.DISPATCH, Campaign.DISPATCH)) {
                Finished run = campaign.run(job);
                // then nothing is taken for a failure or jams a step: every run completes
                assertThat(run.exitCode()).as(job + ": " + Campaign.tail(run.output())).isZero();
            }
            assertThat(campaign.world.jdbc().queryForObject("SELECT delivery_error_reason FROM client_alerts "
                    + "WHERE recipient = '+14155553008'", String.class)).contains("'gw_timeout' not understood");
            assertThat(campaign.world.violations()).as("only the statuses beyond Telnyx's spec")
                .anyMatch(violation -> violation.contains("GET /number_orders/"))
                .anyMatch(violation -> violation.contains("GET /messages/"))
                .allMatch(violation -> violation.contains("status") || violation.contains("one and only one schema")
                        || violation.contains("$.data.direction"));
            campaign.world.clearViolations();
            campaign.world.simulator().control().reset();

            // when another process steals the job's lock in the middle of a provisioning run
            campaign.seeds.tenants(6);
            campaign.setLatency(Duration.ofMillis(40));
            AppProcess first = campaign.start(Campaign.PROVISION);
            awaitRequests(campaign, campaign.world.simulator().ledger().requestCount() + 3, first);
            boolean stolenMidRun = first.isAlive();
            campaign.world.jdbc().queryForList("""
                    SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'
                      AND classid = hashtext('numbering-job')::oid AND objid = hashtext(?)::oid""", Boolean.class,
                    Campaign.PROVISION);
            AppProcess second = campaign.start(Campaign.PROVISION);
            Finished firstEnd = campaign.finish(first);
            Finished secondEnd = campaign.finish(second);
            // then the first stops at its next spend (or had finished), and the work is done once
            assertThat(firstEnd.exitCode()).as(Campaign.tail(firstEnd.output())).isIn(0, 5);
            if (stolenMidRun && firstEnd.exitCode() == 5) {
                assertThat(firstEnd.output()).contains("lost its lock");
            }
            assertThat(secondEnd.exitCode()).as(Campaign.tail(secondEnd.output())).isIn(0, 5);
            campaign.setLatency(Duration.ZERO);

            // and the next scheduled runs finish everything, with every promise kept
            settle(campaign);
            conclude(campaign);
        }
    }

    @AfterAll
    static void printTheTable() throws IOException {
        StringBuilder table = new StringBuilder();
        table.append("Reliability campaign, size ").append(SIZE.name()).append(", seed ").append(CampaignSize.seed())
            .append(", ").append(Duration.between(STARTED, Instant.now()).toSeconds()).append(" s\n\n");
        table.append("| scenario | runs | kills | database losses | 5xx | 429 | timeout | slow | lost | invariant violations |\n");
        table.append("|---|---|---|---|---|---|---|---|---|---|\n");
        TABLE.forEach(row -> table.append(row).append('\n'));
        System.out.println(table);
        Path out = Path.of("target", "reliability-campaign-" + SIZE.name() + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    private static void conclude(Campaign campaign) {
        conclude(campaign, List.of());
    }

    private static void conclude(Campaign campaign, List<String> extra) {
        List<String> violations = new ArrayList<>(extra);
        violations.addAll(Invariants.check(campaign));
        Map<FaultPlan.Kind, Integer> faults = campaign.faults();
        TABLE.add("| %s | %d | %d | %d | %d | %d | %d | %d | %d | %s |".formatted(campaign.name, campaign.runs,
                campaign.kills, campaign.databaseLosses, faults.getOrDefault(FaultPlan.Kind.SERVER_ERROR, 0),
                faults.getOrDefault(FaultPlan.Kind.RATE_LIMITED, 0), faults.getOrDefault(FaultPlan.Kind.TIMEOUT, 0),
                faults.getOrDefault(FaultPlan.Kind.SLOW, 0), faults.getOrDefault(FaultPlan.Kind.LOST, 0),
                violations.isEmpty() ? "0" : violations.size() + ": " + String.join("; ", violations.subList(0,
                        Math.min(3, violations.size())))));
        if (!violations.isEmpty()) {
            try {
                campaign.saveOutputs();
            }
            catch (IOException ex) {
                violations.add("could not save the process logs: " + ex);
            }
        }
        assertThat(violations).as(campaign.name + ": invariant violations (process logs in target/campaign-logs)")
            .isEmpty();
    }

    /** What the next scheduled runs do once nothing disturbs them. */
    private static void settle(Campaign campaign) throws Exception {
        for (String job : List.of(Campaign.PROVISION, Campaign.DISPATCH, Campaign.RECONCILE)) {
            campaign.runUntilCompleted(job, 3);
        }
        campaign.runUntilCompleted(Campaign.PROVISION, 3);
    }

    private static void addWork(Campaign campaign, String job) {
        switch (job) {
            case Campaign.PROVISION -> campaign.seeds.tenants(3);
            case Campaign.DISPATCH -> campaign.seeds.alerts(4);
            case Campaign.RECONCILE -> unrecordedNumbers(campaign, 2);
            default -> {
                // the shared SMS number is one number: nothing to add
            }
        }
    }

    private static int unrecorded = 100;

    /** Numbers on the account that no table records (bought by hand, or by a run that died): reconciliation's work. */
    private static void unrecordedNumbers(Campaign campaign, int count) {
        for (int i = 0; i < count; i++) {
            String number = "+1406555" + String.format("%04d", 7000 + unrecorded++);
            campaign.world.simulator()
                .control()
                .addOwnedNumber(number, "some-other-connection", "by-hand-" + unrecorded, List.of(), "active");
        }
    }

    private static void awaitRequests(Campaign campaign, int requests, AppProcess run) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        while (campaign.world.simulator().ledger().requestCount() < requests && run.isAlive()
                && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static String insertTenant(Campaign campaign, BadTenant bad, Map<String, Long> ids) {
        try {
            ids.put(bad.label(), campaign.world.jdbc()
                .queryForObject("INSERT INTO tenants (name, phone, state) VALUES (?, ?, ?) RETURNING id", Long.class,
                        bad.name(), bad.phone(), bad.state()));
            return null;
        }
        catch (DataAccessException refused) {
            return refused.getMostSpecificCause().getMessage();
        }
    }

    private static String insertAlert(Campaign campaign, BadAlert bad) {
        try {
            if (bad.consent() && bad.recipient() != null) {
                campaign.seeds.consent(bad.recipient());
            }
            if (bad.optedOut()) {
                campaign.world.jdbc()
                    .update("UPDATE sms_consents SET opted_out_at = now(), opt_out_source = 'STOP' WHERE phone = ?",
                            bad.recipient());
            }
            campaign.world.jdbc().update("""
                    INSERT INTO client_alerts (tenant_id, recipient, alert_type, body, dedupe_key, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?)""", bad.tenant(), bad.recipient(), bad.type(), bad.body(),
                    bad.dedupeKey(), bad.expiresAt());
            return null;
        }
        catch (DataAccessException refused) {
            return refused.getMostSpecificCause().getMessage();
        }
    }

    private static void checkRefusal(String label, Expect expect, String refused, List<String> wrong) {
        if (expect == Expect.REFUSED && refused == null) {
            wrong.add(label + ": accepted at insert, expected a refusal");
        }
        if (expect != Expect.REFUSED && refused != null) {
            wrong.add(label + ": refused at insert (" + refused + ")");
        }
        if (refused != null) {
            System.out.println("bad input '" + label + "' refused by PostgreSQL: " + refused.lines().findFirst().orElse(""));
        }
    }

    private static List<String> checkTenants(Campaign campaign, List<BadTenant> corpus, Map<String, Long> ids) {
        List<String> wrong = new ArrayList<>();
        for (BadTenant bad : corpus) {
            Long id = ids.get(bad.label());
            if (id == null) {
                continue;
            }
            Map<String, Object> row = campaign.world.jdbc()
                .queryForMap("SELECT telnyx_voice_status, telnyx_voice_failure_reason FROM tenants WHERE id = ?", id);
            Object status = row.get("telnyx_voice_status");
            Object reason = row.get("telnyx_voice_failure_reason");
            boolean failedWithReason = "failed".equals(status) && reason != null;
            if (bad.expect() == Expect.FAILED && !failedWithReason) {
                wrong.add(bad.label() + ": " + status + " (" + reason + "), expected failed with a reason");
            }
            if (!"active".equals(status) && reason == null) {
                wrong.add(bad.label() + ": " + status + " without a reason");
            }
            System.out.println("bad input '" + bad.label() + "': " + status + " — " + reason);
        }
        return wrong;
    }

    private static List<String> checkAlerts(Campaign campaign, List<BadAlert> corpus) {
        List<String> wrong = new ArrayList<>();
        Set<String> done = Set.of("sent", "failed", "expired", "suppressed", "unknown");
        for (BadAlert bad : corpus) {
            if (bad.expect() == Expect.REFUSED) {
                continue;
            }
            Map<String, Object> row = campaign.world.jdbc()
                .queryForMap("SELECT status, last_error_reason FROM client_alerts WHERE dedupe_key = ?",
                        bad.dedupeKey());
            Object status = row.get("status");
            Object reason = row.get("last_error_reason");
            if (!done.contains(status) || (!"sent".equals(status) && reason == null)) {
                wrong.add(bad.label() + ": " + status + " (" + reason + ")");
            }
            if (bad.expect() == Expect.EXPIRED && !"expired".equals(status)
                    || bad.expect() == Expect.SUPPRESSED && !"suppressed".equals(status)) {
                wrong.add(bad.label() + ": " + status + ", expected " + bad.expect());
            }
            System.out.println("bad input '" + bad.label() + "': " + status + " — " + reason);
        }
        return wrong;
    }

}
