package com.numbering.telnyx.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Changes the simulator's behaviour while it runs. {@link #reset()} undoes the injections (failures, drops,
 * pending steals, enum injection, customer-reference copying, STOP blocks, campaign statuses, delivery outcomes, latency and rate
 * back to the settings); it leaves the account and the pool as they are.
 */
public final class SimulatorControl {

    private final SimulatorState state;

    private final FaultPlan faults;

    private final RateLimiter limiter;

    SimulatorControl(SimulatorState state, FaultPlan faults, RateLimiter limiter) {
        this.state = state;
        this.faults = faults;
        this.limiter = limiter;
    }

    /** Someone else buys the number: searches stop offering it and ordering it gives 85001. */
    public void stealNumber(String e164) {
        synchronized (this.state) {
            if (this.state.numberByE164(e164).isEmpty()) {
                this.state.pool.take(e164);
            }
        }
    }

    /** The next {@code orders} number orders that pass the other checks lose their numbers and get 85001. */
    public void stealNextOrderedNumbers(int orders) {
        synchronized (this.state) {
            this.state.injections.stealNextOrders = orders;
        }
    }

    public void exhaustAreaCode(String npa) {
        setInventory(npa, 0);
    }

    /** From now on exactly {@code count} numbers of the NPA are for sale (numbers already sold stay sold). */
    public void setInventory(String npa, int count) {
        if (!npa.matches("\\d{3}") || count < 0) {
            throw new IllegalArgumentException("An NPA is three digits and a count is not negative");
        }
        synchronized (this.state) {
            this.state.pool.setCount(npa, count);
        }
    }

    /**
     * The next {@code times} requests with this method ({@code *} for any) whose path without {@code /v2}
     * matches {@code pathRegex} answer {@code {"errors":[{"code":errorCode,…}]}} with {@code httpStatus}, unprocessed.
     */
    public void failNext(String method, String pathRegex, int httpStatus, String errorCode, int times) {
        this.faults.failNext(method, pathRegex, httpStatus, errorCode, times);
    }

    /**
     * The next {@code times} matching requests answer 429/10011 unprocessed, with {@code x-ratelimit-reset} set to
     * {@code reset} (whole seconds): as when something else on the account has used Telnyx's whole limit.
     */
    public void rateLimitNext(String method, String pathRegex, Duration reset, int times) {
        this.faults.rateLimitNext(method, pathRegex, reset.toSeconds(), times);
    }

    /**
     * The next {@code times} matching requests are processed in full (state, ledger) and then the connection is
     * closed without any response: Telnyx did the work and the client never heard back (it reads end-of-stream).
     * Beware that {@code HttpURLConnection}, the SDK 2.8.0 transport, silently resends a POST once when that
     * happens (unless {@code -Dsun.net.http.retryPost=false}); the resent order then fails with 85001 because the
     * first one bought the number. Arm two drops to make such a client see the I/O error itself.
     */
    public void dropAfterProcessing(String method, String pathRegex, int times) {
        this.faults.dropAfterProcessing(method, pathRegex, Duration.ZERO, times);
    }

    /**
     * Like {@link #dropAfterProcessing}, but holds the connection silent for {@code stall} before closing it, so
     * that a client whose read timeout is shorter fails with a timeout rather than end-of-stream.
     */
    public void stallAfterProcessing(String method, String pathRegex, Duration stall, int times) {
        this.faults.dropAfterProcessing(method, pathRegex, stall, times);
    }

    /**
     * Random faults at {@code rate} (0 to 1) over every request, each of a kind drawn from {@code kinds}; seeded.
     * {@code stall} is how long a {@link FaultPlan.Kind#TIMEOUT} stays silent (make it longer than the client's read
     * timeout), {@code slow} the extra delay of a {@link FaultPlan.Kind#SLOW} answer. {@link #reset()} stops them;
     * {@link SimulatorLedger#faultsInjected()} counts them.
     */
    public void injectFaults(double rate, long seed, java.util.Set<FaultPlan.Kind> kinds, Duration stall,
            Duration slow) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("A rate is between 0 and 1");
        }
        this.faults.injectRandomly(rate, seed, kinds, stall, slow);
    }

    /** Reports values the SDK 2.8.0 enums lack: {@code provision-pending}, {@code landline}, {@code Unknown}. */
    public void injectUnknownEnums(boolean inject) {
        synchronized (this.state) {
            this.state.injections.unknownEnums = inject;
        }
    }

    /**
     * The next {@code times} matching requests are processed in full (state, ledger), and then a proxy in front of
     * Telnyx answers {@code status} (502, 504) with an HTML page of its own: Telnyx did the work, the client hears an
     * error that says nothing about it.
     */
    public void proxyErrorAfterProcessing(String method, String pathRegex, int status, int times) {
        this.faults.proxyErrorAfterProcessing(method, pathRegex, status, times);
    }

    /**
     * Telnyx moves ahead of its spec and of the SDK: pending orders report {@code status} (say {@code processing}),
     * and their numbers are not listed in the inventory until the order settles. The responses then violate the
     * spec's enum on purpose; a test that uses this must account for those violations.
     */
    public void reportPendingOrdersAs(String status) {
        synchronized (this.state) {
            this.state.injections.newerOrderStatus = status;
        }
    }

    /** Whether ordered numbers inherit the order's {@code customer_reference} (unverified on Telnyx; default yes). */
    public void copyCustomerReferenceToNumbers(boolean copy) {
        synchronized (this.state) {
            this.state.injections.copyCustomerReference = copy;
        }
    }

    /** Sets the 10DLC {@code assignmentStatus} of an account number ({@code ASSIGNED}, {@code PENDING_ASSIGNMENT}…). */
    public void setCampaignStatus(String e164, String status) {
        if (!CampaignEndpoints.STATUSES.contains(status)) {
            throw new IllegalArgumentException("Unknown assignment status " + status);
        }
        synchronized (this.state) {
            this.state.injections.campaignStatuses.put(e164, status);
        }
    }

    /** The recipient replied STOP: sends to it answer 409/40300. */
    public void blockRecipient(String e164) {
        synchronized (this.state) {
            this.state.injections.blockedRecipients.add(e164);
        }
    }

    /**
     * What becomes of messages to this recipient once they are read back ({@code GET /messages/{id}}): e.g.
     * {@code delivery_failed} with {@code 40001}, or {@code sent} to keep them in flight. Messages settle when
     * someone looks at them, as orders do.
     */
    public void setDeliveryOutcome(String e164, DeliveryOutcome outcome) {
        synchronized (this.state) {
            this.state.injections.deliveryOutcomes.put(e164, Objects.requireNonNull(outcome));
        }
    }

    /** Telnyx no longer has this message (it keeps them 10 days): reading it answers 404. */
    public void forgetMessage(String messageId) {
        synchronized (this.state) {
            this.state.messages.remove(messageId);
        }
    }

    public void setLatency(Duration latency) {
        this.state.injections.latency = Objects.requireNonNull(latency);
    }

    /** {@code <= 0} removes the limit. */
    public void setRequestsPerSecond(double requestsPerSecond) {
        this.limiter.setRatePerSecond(requestsPerSecond);
    }

    /** Completes every pending order now, as if each had been polled enough. */
    public void completePendingOrders() {
        synchronized (this.state) {
            this.state.orders.values().stream().filter(o -> o.status.equals("pending"))
                .forEach(this.state::completeOrder);
        }
    }

    /**
     * Puts a number straight onto the account (no order), e.g. to prepare a reconciliation.
     *
     * @param status a phone-number status such as {@code active} or {@code purchase-pending}
     * @return the new phone number's id
     */
    public String addOwnedNumber(String e164, String connectionId, String customerReference, List<String> tags,
            String status) {
        if (!e164.matches("\\+1\\d{10}")) {
            throw new IllegalArgumentException("Expected a +1 and ten digits");
        }
        synchronized (this.state) {
            OwnedNumber number = this.state.addNumber(e164, this.state.pool.describe(e164).type(), status);
            number.connectionId = connectionId;
            number.customerReference = customerReference;
            number.tags = new ArrayList<>(tags);
            return number.id;
        }
    }

    /**
     * Orders also settle once they are this old when someone looks at them (null: only after
     * {@code pendingPollsBeforeSuccess} looks). An account behaviour: {@link #reset()} leaves it.
     */
    public void settleOrdersAfter(Duration age) {
        synchronized (this.state) {
            this.state.settleOrdersAfter = age;
        }
    }

    public void reset() {
        this.faults.reset();
        this.limiter.setRatePerSecond(this.state.settings.requestsPerSecond());
        synchronized (this.state) {
            this.state.injections.reset(this.state.settings.latency());
        }
    }

}
