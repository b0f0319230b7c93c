package com.numbering.alerts;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Whom a Telnyx messaging error concerns, and so what it does to the queue. The codes are Telnyx's messaging error
 * list (https://developers.telnyx.com/docs/messaging/messages/error-codes and
 * https://developers.telnyx.com/api/errors); docs/jobs.md "Client alerts" has the same table for ops.
 * Account-wide refusals (bad key, messaging disabled on the account, no funds) never reach here: the adapter
 * classifies them as fatal and the run stops.
 */
final class SendErrors {

    /** What a refusal means for the alert it answered and for the rest of the queue. */
    enum Concern {

        /** The recipient replied STOP: record the opt-out, fail this alert, never retry. */
        OPTED_OUT,
        /** This recipient cannot receive it (invalid, unroutable, outside the allowed countries): fail it alone. */
        RECIPIENT,
        /** This text cannot be sent as it is (too long, blocked content): fail it alone. */
        CONTENT,
        /** The shared number or its profile cannot send to anyone: keep every alert queued and stop the run. */
        SENDER,
        /** Not now (rate, full queue, Telnyx trouble): back to the queue with backoff, failed after max attempts. */
        LATER

    }

    private static final Map<String, Concern> BY_CODE = new HashMap<>();

    static {
        put(Concern.OPTED_OUT, "40300");
        put(Concern.RECIPIENT, "40309", "40310", "40001", "40012", "10001", "10002", "10016");
        put(Concern.CONTENT, "40301", "40319", "40302", "40304", "40316", "40317", "40322", "40328", "40009", "10015");
        put(Concern.SENDER, "40305", "40312", "40315", "40321", "40329", "40330", "40331", "40333", "40010", "40013",
                "40003", "40015", "40019");
        put(Concern.LATER, "10011", "40318", "40320", "10007", "10008", "10036", "10037", "40006", "40008");
    }

    /**
     * Delivery failures (a message Telnyx accepted, then the carrier refused) that say the shared number itself is
     * refused: not 10DLC registered (40010), blocked as spam (40003), invalid source (40013), compliance (40015,
     * 40019). Alerts are held until setupSharedSmsNumberJob confirms the campaign again.
     */
    private static final Set<String> HOLDS_THE_SENDER = Set.of("40010", "40003", "40013", "40015", "40019");

    private SendErrors() {
    }

    private static void put(Concern concern, String... codes) {
        for (String code : codes) {
            BY_CODE.put(code, concern);
        }
    }

    /** @return the concern, or null for a code not in Telnyx's list as we know it */
    static Concern concernOf(String code) {
        return code == null ? null : BY_CODE.get(code);
    }

    static boolean holdsTheSender(String deliveryErrorCode) {
        return deliveryErrorCode != null && HOLDS_THE_SENDER.contains(deliveryErrorCode);
    }

}
