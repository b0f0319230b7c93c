package com.numbering.numbers;

/**
 * Where one buyer's purchase state lives (a tenant's row, the system's shared SMS number), written one committed
 * transition at a time, each before the Telnyx call it guards. Implementations compare-and-set, so that of two
 * writers only one wins.
 */
public interface PurchaseRecord {

    /** For logs: who is buying, never a phone number ({@code tenant 42}). */
    String subject();

    /** The customer reference of the n-th order attempt: deterministic, never reused ({@code tenant-42-3}). */
    String reference(int seq);

    /**
     * The intent, committed before the order call: this number under this reference, from this rung.
     *
     * @return false when the record changed meanwhile (someone else is buying) or the number is someone else's
     */
    boolean recordIntent(int expectedSeq, String number, String reference, Tier tier);

    /** The order id, committed before the order is followed. */
    void recordOrder(String reference, String orderId);

    /**
     * The intent is void (the number was not to be had, the order failed): nothing was bought under it. Only the
     * state this caller saw is abandoned: an intent with no order ({@code orderId} null), or the order it saw fail;
     * never an order another worker placed meanwhile.
     *
     * @return false when the record is no longer in that state
     */
    boolean abandon(String reference, String orderId);

    /** Whether the number already belongs to another buyer of ours. */
    boolean isTaken(String number);

}
