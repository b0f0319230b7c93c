package com.numbering.numbers;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.numbering.support.SpendFence;

/**
 * What one run may still order, shared by the run's workers: the per-run and per-day ceilings (the day's count in
 * PostgreSQL, {@link DailyOrders}) and a circuit that stops ordering for the rest of the run when the same refusal
 * repeats across buyers. Once stopped, a run stays stopped: a limit never lets more through later in the run.
 * <p>
 * Not final: a job may keep its run's limits as a step-scoped bean, which Spring proxies by subclassing.
 */
public class OrderLimits {

    private static final Logger log = LoggerFactory.getLogger(OrderLimits.class);

    /** A job's exit status when ordering stopped for its run; the process then exits 4 (README "Exit codes"). */
    public static final String STOPPED_EXIT_STATUS = "ORDERING_STOPPED";

    /** Why ordering stopped for the run. */
    public enum Stop {

        /** The same refusal met {@link OrderProperties#refusalCircuit()} times in a row. */
        REFUSAL_CIRCUIT,
        /** {@link OrderProperties#maxPerRun()} orders placed. */
        RUN_CEILING,
        /** {@link OrderProperties#maxPerDay()} orders placed today by every run together. */
        DAY_CEILING;

        public String label() {
            return name().toLowerCase();
        }

    }

    private final OrderProperties properties;

    private final DailyOrders daily;

    private final SpendFence fence;

    private int placed;

    private String lastRefusal;

    private int sameRefusals;

    private Stop stop;

    /** @param fence proves before each order that this process still holds its job's lock */
    public OrderLimits(OrderProperties properties, DailyOrders daily, SpendFence fence) {
        this.properties = properties;
        this.daily = daily;
        this.fence = fence;
    }

    /** Refused orders one buyer may meet in this run before it waits its backoff. */
    public int refusalsPerBuyer() {
        return this.properties.refusalsPerBuyer();
    }

    /**
     * Takes one order of the run's and the day's, right before an order call.
     *
     * @return empty when the order may be placed; otherwise why ordering has stopped for this run
     * @throws SpendFence.LockLostException when this process no longer holds its job's lock: the run stops
     */
    public synchronized Optional<Stop> take() {
        this.fence.check("POST /number_orders");
        if (this.stop == null && this.placed >= this.properties.maxPerRun()) {
            stop(Stop.RUN_CEILING, this.placed + " orders placed, numbering.orders.max-per-run is "
                    + this.properties.maxPerRun());
        }
        if (this.stop == null && !this.daily.take(this.properties.maxPerDay())) {
            stop(Stop.DAY_CEILING, "numbering.orders.max-per-day (" + this.properties.maxPerDay()
                    + ") orders already placed today (UTC)");
        }
        if (this.stop == null) {
            this.placed++;
        }
        return Optional.ofNullable(this.stop);
    }

    /** Telnyx refused an order with this error code: counts toward the circuit. */
    public synchronized void refused(String code) {
        String refusal = code == null ? "none" : code;
        this.sameRefusals = refusal.equals(this.lastRefusal) ? this.sameRefusals + 1 : 1;
        this.lastRefusal = refusal;
        if (this.stop == null && this.sameRefusals >= this.properties.refusalCircuit()) {
            stop(Stop.REFUSAL_CIRCUIT, "Telnyx refused " + this.sameRefusals + " orders in a row with error "
                    + refusal + " (numbering.orders.refusal-circuit)");
        }
    }

    /** Telnyx accepted an order: the refusals in a row start again. */
    public synchronized void accepted() {
        this.lastRefusal = null;
        this.sameRefusals = 0;
    }

    /** Why ordering stopped in this run, if it did. */
    public synchronized Optional<Stop> stopped() {
        return Optional.ofNullable(this.stop);
    }

    /** Orders this run placed (took). */
    public synchronized int placed() {
        return this.placed;
    }

    private void stop(Stop why, String detail) {
        this.stop = why;
        log.error("Ordering stopped for this run ({}): {}. Tenants not yet served wait for the next run; "
                + "README \"Guardrails\" says how to raise the limit", why.label(), detail);
    }

    /** The day's order count, shared by every process. */
    public interface DailyOrders {

        /** Takes one of today's orders if fewer than {@code max} were taken; false when the day's ceiling is met. */
        boolean take(int max);

    }

}
