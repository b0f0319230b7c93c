package com.numbering.launch;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.numbering.telnyx.TelnyxProperties;

/**
 * Makes it impossible, without an explicit override, to buy real numbers while writing to a throwaway database,
 * to write simulated numbers into a real database, or to point a database at a different kind of Telnyx than the
 * one it has already been used with (recorded in {@code numbering_environment} on first use).
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

    private final boolean embeddedDatabase;

    private final boolean override;

    EnvironmentGuard(TelnyxProperties telnyx, JdbcTemplate jdbc, Environment environment) {
        this.telnyx = telnyx;
        this.jdbc = jdbc;
        this.embeddedDatabase = environment.getProperty("numbering.local.embedded-database", Boolean.class, false);
        this.override = environment.getProperty(OVERRIDE, Boolean.class, false);
    }

    @Override
    public void check(String jobName) {
        String kind = this.telnyx.isRealTelnyx() ? "telnyx" : "simulator";
        String host = this.telnyx.baseUrl().getHost();
        if (this.override) {
            log.warn("{}=true: the environment guard is OFF (Telnyx: {} at {}, embedded database: {})", OVERRIDE, kind,
                    host, this.embeddedDatabase);
            return;
        }
        if (this.embeddedDatabase && this.telnyx.isRealTelnyx()) {
            throw refuse("the embedded (throwaway) database is combined with real Telnyx at " + host
                    + ": numbers bought now would be forgotten when the process exits. Point spring.datasource.url "
                    + "at the real database, or TELNYX_BASE_URL at the simulator");
        }
        if (!this.embeddedDatabase && !this.telnyx.isRealTelnyx()) {
            throw refuse("TELNYX_BASE_URL points at " + host + ", which is not Telnyx, while the database is a real "
                    + "one: simulated numbers would be written into it. Use https://api.telnyx.com/v2, or set " + OVERRIDE
                    + "=true for a staging database that only ever talks to a simulator");
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
