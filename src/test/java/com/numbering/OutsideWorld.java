package com.numbering;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.numbering.local.ContractRecorder;
import com.numbering.telnyx.sandbox.SimulatorSettings;
import com.numbering.telnyx.sandbox.TelnyxSimulator;
import com.numbering.telnyx.sandbox.contract.OpenApiContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What outlives a killed job process, as Telnyx and PostgreSQL would: a simulator in the test's JVM and a fresh,
 * migrated database on the embedded server. {@link #args(String)} points an {@link AppProcess} at both.
 */
public final class OutsideWorld implements AutoCloseable {

    private final ContractRecorder contract = new ContractRecorder(OpenApiContract.telnyx());

    private final TelnyxSimulator simulator;

    private final String databaseUrl;

    private final JdbcTemplate jdbc;

    private OutsideWorld(String databaseUrl, JdbcTemplate jdbc, SimulatorSettings settings) throws Exception {
        this.simulator = TelnyxSimulator.start(settings.withObserver(this.contract));
        this.databaseUrl = databaseUrl;
        this.jdbc = jdbc;
        TestDatabases.migrate(this.jdbc);
    }

    public static OutsideWorld start(String databasePrefix) throws Exception {
        return start(databasePrefix, SimulatorSettings.defaults());
    }

    /** With a simulator of these settings (an account rate limit, a burst). */
    public static OutsideWorld start(String databasePrefix, SimulatorSettings settings) throws Exception {
        String url = TestDatabases.fresh(databasePrefix);
        return new OutsideWorld(url, TestDatabases.jdbc(url), settings);
    }

    /**
     * A world whose database lives on the server {@code serverUrl} names, which a test may stop and start again: the
     * test's own connections are opened per statement, so they outlive a restart as a job's pool would.
     */
    public static OutsideWorld startOn(String serverUrl, String databasePrefix) throws Exception {
        String url = TestDatabases.fresh(databasePrefix, serverUrl);
        return new OutsideWorld(url, new JdbcTemplate(new DriverManagerDataSource(url, "postgres", "")),
                SimulatorSettings.defaults());
    }

    /**
     * The contract violations so far, for a scenario that made the simulator step outside Telnyx's spec on purpose
     * (a status newer than the spec): it checks them, then {@link #clearViolations()}.
     */
    public java.util.List<String> violations() {
        return this.contract.violations();
    }

    public void clearViolations() {
        this.contract.clear();
    }

    public TelnyxSimulator simulator() {
        return this.simulator;
    }

    public JdbcTemplate jdbc() {
        return this.jdbc;
    }

    /** Command-line arguments that run {@code job} against this world's simulator and database. */
    public List<String> args(String job, String... extra) {
        List<String> args = new ArrayList<>(List.of("--spring.batch.job.name=" + job,
                "--spring.datasource.url=" + this.databaseUrl, "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--numbering.telnyx.base-url=" + this.simulator.baseUrl(),
                "--numbering.telnyx.api-key=" + SimulatorSettings.DEFAULT_API_KEY,
                "--numbering.telnyx.voice-connection-id=" + SimulatorSettings.DEFAULT_CONNECTION_ID,
                // A long read timeout: the test, not the client, decides when the process dies.
                "--numbering.telnyx.read-timeout=5m", "--numbering.guard.allow-mixed-environment=true"));
        args.addAll(List.of(extra));
        return args;
    }

    /** Stops the simulator; every exchange it saw must have conformed to Telnyx's OpenAPI subset. */
    @Override
    public void close() {
        this.simulator.close();
        assertThat(this.contract.violations()).as("traffic that violates Telnyx's OpenAPI subset").isEmpty();
    }

}
