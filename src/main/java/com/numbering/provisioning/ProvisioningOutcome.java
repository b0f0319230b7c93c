package com.numbering.provisioning;

/**
 * What one run did for one tenant.
 *
 * @param reason why it is not active yet, or null
 */
record ProvisioningOutcome(String tenantId, Result result, String reason) {

    enum Result {

        /** The tenant has its number, on the voice connection. */
        ACTIVE,
        /** An order is placed and still pending at Telnyx; the next run follows it. */
        PENDING,
        /** Not done this run; tried again after a backoff. */
        RETRY,
        /** Given up: status {@code failed}, reason recorded for a human. */
        FAILED,
        /** A dry run's plan for the tenant ({@code provisioning_plans}); nothing was done. */
        PLANNED

    }

}
