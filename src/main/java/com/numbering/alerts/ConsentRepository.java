package com.numbering.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code sms_consents}: who agreed to receive alerts, and who said STOP. */
@Repository
class ConsentRepository {

    private static final String CONSENT = """
            SELECT opted_in_at IS NOT NULL AS opted_in,
                   opted_out_at IS NOT NULL AND (opted_in_at IS NULL OR opted_out_at >= opted_in_at) AS opted_out
            FROM sms_consents WHERE phone = ?
            """;

    private static final String OPT_OUT = """
            INSERT INTO sms_consents (phone, opted_out_at, opt_out_source, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (phone) DO UPDATE SET opted_out_at = EXCLUDED.opted_out_at,
                   opt_out_source = EXCLUDED.opt_out_source, updated_at = EXCLUDED.updated_at
            """;

    private final JdbcTemplate jdbc;

    private final Clock clock;

    ConsentRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Why this phone may not be texted, or empty when it may. */
    Optional<String> refusal(String phone) {
        List<boolean[]> rows = this.jdbc.query(CONSENT,
                (rs, i) -> new boolean[] { rs.getBoolean("opted_in"), rs.getBoolean("opted_out") }, phone);
        if (rows.isEmpty() || !rows.get(0)[0]) {
            return Optional.of("no recorded opt-in for this recipient");
        }
        if (rows.get(0)[1]) {
            return Optional.of("the recipient opted out (STOP)");
        }
        return Optional.empty();
    }

    void recordOptOut(String phone, String source) {
        Timestamp now = Timestamp.from(this.clock.instant());
        this.jdbc.update(OPT_OUT, phone, now, source, now);
    }

}
