package com.numbering.campaign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.telnyx.sandbox.LedgerMessage;
import com.numbering.telnyx.sandbox.LedgerNumber;
import com.numbering.telnyx.sandbox.LedgerOrder;
import com.numbering.telnyx.sandbox.SimulatorLedger;
import com.numbering.telnyx.sandbox.SimulatorSettings;

/**
 * What must hold after every scenario, read from the simulator's own ledger (what Telnyx did) and the database
 * (what we recorded), and from every process's log. Each violation is one sentence.
 */
final class Invariants {

    private static final Pattern TENANT_REFERENCE = Pattern.compile("tenant-(\\d+)-\\d+");

    private static final Set<String> FINAL_ALERT = Set.of("sent", "failed", "expired", "suppressed", "cancelled",
            "unknown");

    private Invariants() {
    }

    static List<String> check(Campaign campaign) {
        JdbcTemplate jdbc = campaign.world.jdbc();
        SimulatorLedger ledger = campaign.world.simulator().ledger();
        List<String> violations = new ArrayList<>();
        oneNumberPerTenant(ledger, violations);
        everyNumberRecorded(jdbc, ledger, violations);
        everyTenantSettledOrWaitingWithAReason(jdbc, violations);
        everyAlertFinalOrWaitingWithAReason(jdbc, violations);
        noMessageTwiceAndEveryMessageRecorded(jdbc, ledger, violations);
        noExecutionLeftRunning(jdbc, violations);
        everyUnknownOutcomeLogged(jdbc, campaign.outputs(), violations);
        noSecretOrPhoneInLogs(campaign.outputs(), phones(jdbc, ledger), violations);
        return violations;
    }

    private static void oneNumberPerTenant(SimulatorLedger ledger, List<String> violations) {
        Map<String, Integer> bought = new HashMap<>();
        for (LedgerOrder order : ledger.orders()) {
            Matcher reference = TENANT_REFERENCE.matcher(String.valueOf(order.customerReference()));
            if (reference.matches() && !"failure".equals(order.status())) {
                bought.merge(reference.group(1), order.phoneNumbers().size(), Integer::sum);
            }
        }
        bought.forEach((tenant, numbers) -> {
            if (numbers > 1) {
                violations.add("tenant " + tenant + " bought " + numbers + " numbers");
            }
        });
        long sms = ledger.orders()
            .stream()
            .filter(o -> String.valueOf(o.customerReference()).startsWith("shared-sms-"))
            .filter(o -> "success".equals(o.status()))
            .count();
        if (sms > 1) {
            violations.add("the shared SMS number was bought " + sms + " times");
        }
    }

    private static void everyNumberRecorded(JdbcTemplate jdbc, SimulatorLedger ledger, List<String> violations) {
        Set<String> recorded = new HashSet<>(jdbc.queryForList(
                "SELECT telnyx_voice_number FROM tenants WHERE telnyx_voice_number IS NOT NULL", String.class));
        recorded.addAll(jdbc.queryForList(
                "SELECT telnyx_sms_number FROM system_config WHERE telnyx_sms_number IS NOT NULL", String.class));
        recorded.addAll(jdbc.queryForList(
                "SELECT phone_number FROM reconciliation_findings WHERE phone_number IS NOT NULL", String.class));
        for (LedgerNumber number : ledger.inventory()) {
            if (!recorded.contains(number.phoneNumber())) {
                violations.add("number " + number.id() + " (" + number.status() + ", reference "
                        + number.customerReference() + ") is on the account but recorded nowhere");
            }
        }
    }

    private static void everyTenantSettledOrWaitingWithAReason(JdbcTemplate jdbc, List<String> violations) {
        jdbc.query("""
                SELECT id, telnyx_voice_status FROM tenants WHERE active AND NOT (
                    (telnyx_voice_status = 'active' AND telnyx_voice_number IS NOT NULL)
                 OR (telnyx_voice_status = 'failed' AND telnyx_voice_failure_reason IS NOT NULL)
                 OR (telnyx_voice_failure_reason IS NOT NULL AND telnyx_voice_next_attempt_at IS NOT NULL))""",
                rs -> {
                    violations.add("tenant " + rs.getLong(1) + " is " + rs.getString(2)
                            + " without a reason and a retry time");
                });
    }

    private static void everyAlertFinalOrWaitingWithAReason(JdbcTemplate jdbc, List<String> violations) {
        jdbc.query("SELECT id, status, last_error_reason, next_attempt_at FROM client_alerts", rs -> {
            String status = rs.getString(2);
            boolean waiting = "queued".equals(status) && rs.getString(3) != null && rs.getTimestamp(4) != null;
            if (!FINAL_ALERT.contains(status) && !waiting) {
                violations.add("alert " + rs.getLong(1) + " is " + status + " without a reason and a retry time");
            }
            if (FINAL_ALERT.contains(status) && !"sent".equals(status) && rs.getString(3) == null) {
                violations.add("alert " + rs.getLong(1) + " ended " + status + " without a reason");
            }
        });
    }

    private static void noMessageTwiceAndEveryMessageRecorded(JdbcTemplate jdbc, SimulatorLedger ledger,
            List<String> violations) {
        Map<String, Integer> deliveries = new HashMap<>();
        for (LedgerMessage message : ledger.messages()) {
            deliveries.merge(message.to() + "|" + message.text(), 1, Integer::sum);
        }
        deliveries.forEach((key, count) -> {
            if (count > 1) {
                violations.add("one alert was sent " + count + " times (" + key.substring(key.indexOf('|') + 1, Math
                    .min(key.length(), key.indexOf('|') + 30)) + "…)");
            }
        });
        Map<String, String> byMessageId = new HashMap<>();
        jdbc.query("SELECT telnyx_message_id, status FROM client_alerts WHERE telnyx_message_id IS NOT NULL",
                rs -> {
                    byMessageId.put(rs.getString(1), rs.getString(2));
                });
        List<String> unknownBodies = jdbc.queryForList(
                "SELECT recipient || '|' || body FROM client_alerts WHERE status = 'unknown'", String.class);
        for (LedgerMessage message : ledger.messages()) {
            if ("sent".equals(byMessageId.get(message.id()))) {
                continue;
            }
            boolean heldAsUnknown = unknownBodies.stream().anyMatch(key -> key.startsWith(message.to() + "|")
                    && message.text().contains(key.substring(key.indexOf('|') + 1)));
            if (!heldAsUnknown) {
                violations.add("message " + message.id() + " was delivered but its alert is not recorded sent");
            }
        }
    }

    private static void noExecutionLeftRunning(JdbcTemplate jdbc, List<String> violations) {
        jdbc.query("""
                SELECT e.job_execution_id, i.job_name, e.status FROM batch_job_execution e
                JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                WHERE e.status IN ('STARTING', 'STARTED', 'STOPPING')""", rs -> {
            violations.add(rs.getString(2) + " execution " + rs.getLong(1) + " left " + rs.getString(3));
        });
    }

    /**
     * Each unknown outcome still standing was said in some process's log, naming its row (docs/operations.md
     * "Unknown outcomes").
     */
    private static void everyUnknownOutcomeLogged(JdbcTemplate jdbc, List<String> outputs, List<String> violations) {
        String logs = String.join("\n", outputs);
        for (Long alert : jdbc.queryForList("SELECT id FROM client_alerts WHERE status = 'unknown'", Long.class)) {
            Pattern said = Pattern.compile("alerts? \\[?([0-9, ]*\\b)?" + alert + "\\b[0-9, ]*]?: outcome unknown");
            if (!said.matcher(logs).find()) {
                violations.add("alert " + alert + " is unknown but no log line says so");
            }
        }
        for (String tenant : jdbc.queryForList(
                "SELECT id::text FROM tenants WHERE telnyx_voice_failure_field = 'telnyx-order-outcome'", String.class)) {
            if (!Pattern.compile("tenant " + tenant + ": (NEEDS A HUMAN: )?order outcome unknown").matcher(logs).find()) {
                violations.add("tenant " + tenant + " waits on an unknown order outcome but no log line says so");
            }
        }
    }

    private static Set<String> phones(JdbcTemplate jdbc, SimulatorLedger ledger) {
        Set<String> phones = new HashSet<>();
        ledger.inventory().forEach(n -> phones.add(n.phoneNumber()));
        ledger.messages().forEach(m -> {
            phones.add(m.to());
            phones.add(m.from());
        });
        phones.addAll(jdbc.queryForList("SELECT recipient FROM client_alerts", String.class));
        phones.removeIf(p -> p == null || p.replaceAll("\\D", "").length() < 10);
        return phones;
    }

    private static void noSecretOrPhoneInLogs(List<String> outputs, Set<String> phones, List<String> violations) {
        for (int i = 0; i < outputs.size(); i++) {
            String output = outputs.get(i);
            if (output.contains(SimulatorSettings.DEFAULT_API_KEY)) {
                violations.add("process log " + (i + 1) + " contains the API key");
            }
            for (String phone : phones) {
                String national = phone.replaceAll("\\D", "");
                national = national.substring(national.length() - 10);
                if (output.contains(phone) || output.contains(national)) {
                    violations.add("process log " + (i + 1) + " contains a full phone number (" + phone.substring(0, 5)
                            + "…)");
                    break;
                }
            }
        }
    }

}
