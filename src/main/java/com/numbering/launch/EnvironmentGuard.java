package com.numbering.launch;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.numbering.config.InvalidConfigurationException;
import com.numbering.config.LaunchCheck;
import com.numbering.telnyx.TelnyxProperties;

/**
 * Makes it impossible, without an explicit override, to point a database at a different kind of Telnyx than the one
 * it has already been used with (recorded in {@code numbering_environment} on first use): a simulator against a
 * database that has held real numbers would write simulated numbers next to them, and real Telnyx against a database
 * that has held simulated ones would take them for numbers we pay for.
 */
@Component
@Order(0)
class EnvironmentGuard implements LaunchCheck {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentGuard.class);

    static final String OVERRIDE = "numbering.guard.allow-mixed-environment";

    private static final String MARK = """
            INSERT INTO numbering_environment (id, telnyx_kind, telnyx_host) VALUES (1, ?, ?)
            ON CONFLICT (id) DO NOTHING
            """;

    private static final String RECORDED = "SELECT telnyx_kind, telnyx_host FROM numbering_environment WHERE id = 1";

    private final TelnyxProperties telnyx;

    private final JdbcTemplate jdbc;

    private final boolean override;

    EnvironmentGuard(TelnyxProperties telnyx, JdbcTemplate jdbc, Environment environment) {
        this.telnyx = telnyx;
        this.jdbc = jdbc;
        this.override = environment.getProperty(OVERRIDE, Boolean.class, false);
    }

    @Override
    public void check(String jobName) {
        String kind = this.telnyx.isRealTelnyx() ? "telnyx" : "simulator";
        String host = this.telnyx.baseUrl().getHost();
        if (this.override) {
            log.warn("{}=true: the environment guard is OFF (Telnyx: {} at {})", OVERRIDE, kind, host);
            return;
        }
        this.jdbc.update(MARK, kind, host);
        List<String> recorded = this.jdbc.query(RECORDED, (rs, i) -> rs.getString(1) + "@" + rs.getString(2));
        if (!recorded.isEmpty() && !recorded.get(0).startsWith(kind + "@")) {
            throw refuse("this database has been used with " + recorded.get(0) + " and is now pointed at " + kind
                    + "@" + host);
        }
    }

    private static InvalidConfigurationException refuse(String why) {
        return new InvalidConfigurationException("Refusing to run: " + why + ". Override with " + OVERRIDE
                + "=true only if you are sure.");
    }

}
