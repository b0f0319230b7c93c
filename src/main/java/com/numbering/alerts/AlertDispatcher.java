package com.numbering.alerts;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.numbering.alerts.AlertRules.Message;
import com.numbering.alerts.SenderReadiness.Readiness;
import com.numbering.config.InvalidConfigurationException;
import com.numbering.metrics.ObservedGauge;
import com.numbering.pacing.NumberPacing;
import com.numbering.support.AllSettled;
import com.numbering.support.RunThreads;
import com.numbering.support.SpendFence;
import com.numbering.telnyx.TelnyxGateway.MessagingProfile;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxProperties;

/**
 * Delivers due client alerts through the shared SMS number: once, on time, only to people who agreed, no faster
 * than the number may send. One logical alert is at most one message: {@code sending} is committed before the
 * call, and an alert found {@code sending} after a crash is never sent again ({@code unknown}, for a human).
 * This class runs the claim loop; {@link AlertRules} decides, {@link AlertSendOnce} sends in turn.
 */
@Component
class AlertDispatcher {

    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

    private final AlertRepository alerts;

    private final SenderReadiness readiness;

    private final AlertRules rules;

    private final AlertSendOnce sender;

    private final NumberPacing pacing;

    private final TelnyxGateway telnyx;

    private final AlertsProperties properties;

    private final TelnyxProperties telnyxProperties;

    private final MeterRegistry meters;

    /** Only what this run's readiness check saw: a run that fails before it pushes no series. */
    private final ObservedGauge blocked;

    private final Clock clock;

    private final SpendFence fence;

    AlertDispatcher(AlertRepository alerts, SenderReadiness readiness, AlertRules rules, AlertSendOnce sender,
            NumberPacing pacing, TelnyxGateway telnyx, AlertsProperties properties, TelnyxProperties telnyxProperties,
            MeterRegistry meters, Clock clock, SpendFence fence) {
        this.fence = fence;
        this.alerts = alerts;
        this.readiness = readiness;
        this.rules = rules;
        this.sender = sender;
        this.pacing = pacing;
        this.telnyx = telnyx;
        this.properties = properties;
        this.telnyxProperties = telnyxProperties;
        this.meters = meters;
        this.clock = clock;
        this.blocked = new ObservedGauge(meters, "numbering.alerts.blocked", "1 when no client alert may leave "
                + "(shared number not set up, campaign not assigned, carriers refusing the number)");
    }

    /**
     * @param stopping true once the run was asked to stop (SIGTERM, {@code JobOperator.stop}): no alert is claimed
     *        or sent after that; claimed ones go back to the queue, sends already under way finish
     * @return how many alerts ended how in this run; once {@code numbering.alerts.run-budget} is spent the run ends
     *         the same way, except that a send whose slot is taken still leaves, and the run completes
     */
    Map<AlertOutcome, Integer> dispatch(BooleanSupplier stopping, Duration timeLeft) {
        this.blocked.unknown();
        recoverWhatDeadRunsLeft();
        Readiness ready = this.readiness.check(this.properties.allowUnassignedCampaign());
        this.blocked.observed(ready.ready() ? 0 : 1);
        if (!ready.ready()) {
            log.warn("Client alerts are held, none sent: {}", ready.reason());
            this.meters.counter("numbering.alerts.held", "reason", ready.blockedBy()).increment();
            return Map.of();
        }
        Map<AlertOutcome, Integer> outcomes = new EnumMap<>(AlertOutcome.class);
        AlertSendOnce.Run run = this.sender.startRun(ready.number(), UUID.randomUUID().toString(), stopping);
        RunBudget budget = new RunBudget(this.clock, timeLeft);
        ExecutorService workers = RunThreads.fixedPool("alert-dispatch",
                this.properties.workersFor(this.telnyxProperties.maxConcurrentRequests()), false);
        try {
            boolean profileChecked = false;
            AllSettled.Pending<AlertOutcome> sending = null;
            while (!stopping.getAsBoolean() && !budgetUsedUp(ready.number()) && !budget.spent()) {
                List<Alert> claimed = this.alerts.claim(run.dispatcher(), this.properties.claimSize());
                if (claimed.isEmpty()) {
                    break;
                }
                if (!profileChecked) {
                    checkProfile(ready, run);
                    profileChecked = true;
                }
                // Queued behind the alerts still in flight: the workers go from one claim to the next without a pause
                // in the number's sends, and the next claim is made while these are sent.
                AllSettled.Pending<AlertOutcome> next = AllSettled.start(claimed,
                        alert -> deliver(alert, ready, run, budget), workers);
                settle(sending, next, outcomes, run);
                sending = next;
            }
            settle(sending, null, outcomes, run);
        }
        finally {
            workers.shutdownNow();
        }
        if (budget.cutShort() && !stopping.getAsBoolean()) {
            reportBudgetSpent(budget);
        }
        log.info("Client alerts this run: {}", outcomes);
        return outcomes;
    }

    /**
     * Claims and sends another run left: only a run that holds the job's lock may take them, since the lock proves
     * that no other dispatcher is alive. Code that drives the job directly (a benchmark's concurrent dispatchers) has
     * no such proof and leaves them alone; an orphan waits for the next launched run.
     */
    private void recoverWhatDeadRunsLeft() {
        if (!this.fence.holdsLock()) {
            log.info("Not launched under the job's lock: claims and sends of other runs are not recovered by this run");
            return;
        }
        List<Long> orphaned = this.alerts.recover();
        if (!orphaned.isEmpty()) {
            log.error("alerts {}: outcome unknown, they were being sent when a dispatcher died: marked 'unknown', never "
                    + "resent; a human settles them (README \"Unknown outcomes\")", orphaned);
            this.meters.counter("numbering.alerts.dispatched", "outcome", "unknown").increment(orphaned.size());
        }
    }

    /** Not a failure: the run ends completed, and the backlog is the next run's work. */
    private void reportBudgetSpent(RunBudget budget) {
        log.info("This run's budget ({}, numbering.alerts.run-budget) is spent: no more alerts claimed; {} claimed "
                + "alert(s) went back to the queue unsent, and they and any other due alert are left for the next run",
                this.properties.runBudget(), budget.leftForNextRun());
        this.meters.counter("numbering.alerts.runs.budget.spent").increment();
    }

    private boolean budgetUsedUp(String number) {
        if (this.pacing.segmentsUsedToday(number) < this.properties.dailySegmentBudget()) {
            return false;
        }
        log.warn("Today's SMS segment budget ({}) is used up: the remaining alerts wait for tomorrow",
                this.properties.dailySegmentBudget());
        this.meters.counter("numbering.alerts.held", "reason", "daily_budget").increment();
        return true;
    }

    /**
     * The profile the number sends through still exists and is enabled: one read before the first send of a run,
     * which also warms the HTTP path so that the first paced send is not the cold one.
     */
    private void checkProfile(Readiness ready, AlertSendOnce.Run run) {
        if (ready.profileId() == null) {
            return;
        }
        Optional<MessagingProfile> profile = this.telnyx.getMessagingProfile(ready.profileId());
        if (profile.isEmpty() || !profile.get().settings().enabled()) {
            this.alerts.releaseClaims(run.dispatcher());
            throw new InvalidConfigurationException("The shared SMS number's messaging profile " + ready.profileId()
                    + (profile.isEmpty() ? " no longer exists" : " is disabled")
                    + ": alerts stay queued. Rerun setupSharedSmsNumberJob.");
        }
    }

    /**
     * Waits for one claim's alerts; when one of them failed the run, the claim queued behind it is not started (its
     * alerts go back to the queue untouched) and the failure is rethrown once both have settled.
     */
    private void settle(AllSettled.Pending<AlertOutcome> claim, AllSettled.Pending<AlertOutcome> queuedBehind,
            Map<AlertOutcome, Integer> outcomes, AlertSendOnce.Run run) {
        if (claim == null) {
            return;
        }
        try {
            claim.settle().forEach(outcome -> outcomes.merge(outcome, 1, Integer::sum));
        }
        catch (RuntimeException stop) {
            if (queuedBehind != null) {
                queuedBehind.abandon();
                settleQuietly(queuedBehind, outcomes);
            }
            // Claimed alerts that were never sent go back to the queue.
            this.alerts.releaseClaims(run.dispatcher());
            throw stop;
        }
    }

    /** Only the first failure of a run is rethrown; the alerts of a later one have settled their own state. */
    private static void settleQuietly(AllSettled.Pending<AlertOutcome> claim, Map<AlertOutcome, Integer> outcomes) {
        try {
            claim.settle().forEach(outcome -> outcomes.merge(outcome, 1, Integer::sum));
        }
        catch (RuntimeException later) {
            log.debug("A second failure while the run stops: {}", later.getMessage());
        }
    }

    private AlertOutcome deliver(Alert alert, Readiness ready, AlertSendOnce.Run run, RunBudget budget) {
        AlertOutcome outcome = attempt(alert, ready, run, budget);
        this.meters.counter("numbering.alerts.dispatched", "outcome", outcome.label()).increment();
        return outcome;
    }

    private AlertOutcome attempt(Alert alert, Readiness ready, AlertSendOnce.Run run, RunBudget budget) {
        if (run.stopping()) {
            this.alerts.putBack(alert, "stopped before sending");
            return AlertOutcome.RETRY;
        }
        if (budget.spent()) {
            // As a stop, but gentler: only alerts not yet started go back; a send whose slot is taken still leaves.
            this.alerts.putBack(alert, "left for the next run: this run's budget was spent before sending");
            budget.leftOne();
            return AlertOutcome.RETRY;
        }
        Message message = this.rules.message(alert);
        Optional<AlertOutcome> decided = this.rules.decide(alert, message, ready.destinations());
        if (decided.isPresent()) {
            return decided.get();
        }
        try {
            return this.sender.send(alert, message, run);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.alerts.putBack(alert, "interrupted before sending");
            return AlertOutcome.RETRY;
        }
    }

}
