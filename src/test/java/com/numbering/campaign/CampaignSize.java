package com.numbering.campaign;

import java.util.List;

/**
 * How hard the campaign tries: {@code -Dcampaign.size=reduced} (the default, what {@code ./mvnw verify} and CI run)
 * or {@code full} ({@code ./mvnw -Pcampaign verify}). {@code -Dcampaign.seed} changes every random choice.
 *
 * @param killsPerJob SIGKILLs that must land while each job runs
 * @param faultRate share of Telnyx requests that suffer a random fault
 * @param copies how many copies of a job start at once, per concurrency round
 * @param concurrentJobs the jobs started in copies (the mixed round always runs provisioning, reconciliation and
 * dispatch together)
 * @param databaseLosses rounds in which provisioning and dispatch each lose PostgreSQL mid-run, alternating a server
 * stopped for 3 s and every session killed
 */
record CampaignSize(String name, int killsPerJob, double faultRate, List<Integer> copies, List<String> concurrentJobs,
        int databaseLosses) {

    static CampaignSize fromSystemProperties() {
        String name = System.getProperty("campaign.size", "reduced");
        return switch (name) {
            case "full" -> new CampaignSize(name, 50, 0.15, List.of(2, 4),
                    List.of(Campaign.PROVISION, Campaign.SMS, Campaign.DISPATCH, Campaign.RECONCILE), 4);
            case "reduced" -> new CampaignSize(name, 10, 0.10, List.of(4),
                    List.of(Campaign.PROVISION, Campaign.DISPATCH), 2);
            default -> throw new IllegalArgumentException("campaign.size is reduced or full, not " + name);
        };
    }

    static long seed() {
        return Long.getLong("campaign.seed", 20261201L);
    }

}
