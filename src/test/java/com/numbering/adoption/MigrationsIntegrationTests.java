package com.numbering.adoption;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The migrations against real PostgreSQL: on an empty database, and on an application database whose
 * {@code tenants} table already exists with data. They run with this module's Flyway callbacks
 * ({@link TenantAdoptionCallback}, {@link MigrationLockTimeout}), as {@link AdoptionConfiguration} installs them.
 */
class MigrationsIntegrationTests {

    @Test
    void createsEverySchemaObjectOnAnEmptyDatabase() throws Exception {
        // given
        JdbcTemplate jdbc = freshDatabase();

        // when
        migrate(jdbc);

        // then
        assertThat(tables(jdbc)).contains("tenants", "system_config", "numbering_environment", "batch_job_instance",
                "batch_job_execution", "batch_step_execution", "numbering_schema_history");
        assertThat(columns(jdbc, "tenants")).contains("id", "name", "phone", "city", "state", "postal_code", "active",
                "created_at", "telnyx_voice_number", "telnyx_voice_number_id", "telnyx_voice_order_id",
                "telnyx_voice_status", "telnyx_voice_customer_reference");
        assertThat(columns(jdbc, "system_config")).contains("telnyx_sms_number", "telnyx_sms_number_id",
                "telnyx_sms_messaging_profile_id");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM system_config", Integer.class)).isEqualTo(1);
    }

    @Test
    void adoptsAnExistingTenantsTableKeepingItsRowsAndAddingOnlyWhatIsMissing() throws Exception {
        // given an application database with its own tenants table and its own Flyway history
        JdbcTemplate jdbc = freshDatabase();
        jdbc.execute("CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY, version TEXT)");
        jdbc.execute("""
                CREATE TABLE tenants (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, phone TEXT, plan TEXT NOT NULL,
                                      created_at TIMESTAMPTZ NOT NULL DEFAULT now())""");
        jdbc.update("INSERT INTO tenants (name, phone, plan) VALUES ('Existing Co', '(415) 555-2671', 'gold')");

        // when
        migrate(jdbc);

        // then the row and the application's own column survive, and the voice columns are there
        assertThat(jdbc.queryForList("SELECT name, plan, active, telnyx_voice_status FROM tenants"))
            .singleElement()
            .satisfies(row -> {
                assertThat(row.get("name")).isEqualTo("Existing Co");
                assertThat(row.get("plan")).isEqualTo("gold");
                assertThat(row.get("active")).isEqualTo(true);
                assertThat(row.get("telnyx_voice_status")).isNull();
            });
        assertThat(columns(jdbc, "tenants")).contains("city", "state", "postal_code", "telnyx_voice_number_id");
        assertThat(tables(jdbc)).contains("flyway_schema_history", "numbering_schema_history");
    }

    @Test
    void rejectsAVoiceStatusOutsideThePrdsFour() throws Exception {
        JdbcTemplate jdbc = freshDatabase();
        migrate(jdbc);
        jdbc.update("INSERT INTO tenants (name) VALUES ('A')");

        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> jdbc.update("UPDATE tenants SET telnyx_voice_status = 'bought'")))
            .hasMessageContaining("tenants_telnyx_voice_status_check");
    }

    @Test
    void anIntegerKeyedDatabaseThatRanV1ToV5BeforeAdoptionSupportStillMigratesAndValidates() throws Exception {
        // given an application database adopted by the previous release (V1-V5, no callback, no view)
        JdbcTemplate jdbc = freshDatabase();
        jdbc.execute("CREATE TABLE tenants (id SERIAL PRIMARY KEY, name TEXT NOT NULL)");
        jdbc.update("INSERT INTO tenants (name) VALUES ('Existing Co')");
        previousRelease(jdbc).migrate();

        // when
        migrate(jdbc);

        // then
        assertThat(jdbc.queryForList("SELECT version FROM numbering_schema_history WHERE success AND version <> '0' "
                + "ORDER BY installed_rank", String.class)).containsSubsequence("4", "5", "7");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM numbering_tenants WHERE active", Integer.class))
            .isEqualTo(1);
        jdbc.update("""
                INSERT INTO client_alerts (tenant_id, recipient, alert_type, body, dedupe_key)
                SELECT id, '+14155550123', 'call_summary', 'Hi', 'k-1' FROM tenants""");
        withTheCallback(jdbc).validate();
    }

    @Test
    void aUuidKeyedDatabaseWhereV4FailedBeforeIsAdoptedWithAForeignKeyOfItsOwnType() throws Exception {
        // given the failure the issue reports: V4's BIGINT foreign key cannot reference a UUID
        JdbcTemplate jdbc = freshDatabase();
        jdbc.execute("CREATE TABLE tenants (id UUID PRIMARY KEY DEFAULT gen_random_uuid(), name TEXT NOT NULL)");
        jdbc.update("INSERT INTO tenants (name) VALUES ('Existing Co')");
        assertThat(catchThrowable(() -> previousRelease(jdbc).migrate()))
            .hasMessageContaining("client_alerts_tenant_id_fkey");

        // when
        migrate(jdbc);

        // then
        assertThat(jdbc.queryForObject("""
                SELECT format_type(atttypid, atttypmod) FROM pg_attribute
                WHERE attrelid = 'client_alerts'::regclass AND attname = 'tenant_id'""", String.class)).isEqualTo("uuid");
        jdbc.update("""
                INSERT INTO client_alerts (tenant_id, recipient, alert_type, body, dedupe_key)
                SELECT id, '+14155550123', 'call_summary', 'Hi', 'k-1' FROM tenants""");
        assertThat(catchThrowable(() -> jdbc.update("""
                INSERT INTO client_alerts (tenant_id, recipient, alert_type, body, dedupe_key)
                VALUES (gen_random_uuid(), '+14155550123', 'call_summary', 'Hi', 'k-2')""")))
            .hasMessageContaining("client_alerts_tenant_id_fkey");
        withTheCallback(jdbc).validate();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aMigrationQueuedBehindALongTransactionGivesUpInsteadOfBlockingTheApplicationsWrites() throws Exception {
        // given an application database whose tenants table a long transaction of the application is reading
        String url = TestDatabases.fresh("migrations");
        JdbcTemplate jdbc = TestDatabases.jdbc(url);
        jdbc.execute("CREATE TABLE tenants (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL)");
        jdbc.update("INSERT INTO tenants (name) VALUES ('Existing Co')");
        try (Connection reader = DriverManager.getConnection(url, "postgres", "")) {
            reader.setAutoCommit(false);
            reader.createStatement().executeQuery("SELECT count(*) FROM tenants").close();

            // when the migrations run beside it (V2's ALTER TABLE needs the table's exclusive lock)
            long started = System.nanoTime();
            Throwable failure = catchThrowable(() -> migrateWithLockTimeout(jdbc, Duration.ofSeconds(1)));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            // then the migration gave up within its timeout and rolled back, instead of queueing the writes
            assertThat(failure).hasMessageContaining("lock timeout");
            assertThat(waited).isLessThan(Duration.ofSeconds(8));
            reader.rollback();
        }
        // and the next run, with the table free, migrates; the setting did not outlive the migration's transaction
        migrateWithLockTimeout(jdbc, Duration.ofSeconds(1));
        assertThat(columns(jdbc, "tenants")).contains("telnyx_voice_status");
        assertThat(jdbc.queryForObject("SHOW lock_timeout", String.class)).isEqualTo("0");
    }

    @Test
    void noMigrationAfterTheLockTimeoutAddsAValidatedConstraintToTheApplicationsTenantsTableInOneStep()
            throws Exception {
        // given the rule, which V2 (written before it) breaks
        Path migrations = Path.of("db/migration");
        assertThat(constraintsAddedInOneStep(Files.readString(migrations.resolve(
                "V2__create_tenants_and_system_config.sql")))).isNotEmpty();

        // when every migration after V10 is read
        Map<String, List<String>> offending = new TreeMap<>();
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path file : files.toList()) {
                Matcher version = Pattern.compile("^V(\\d+)__").matcher(file.getFileName().toString());
                if (version.find() && Integer.parseInt(version.group(1)) > 10) {
                    List<String> found = constraintsAddedInOneStep(Files.readString(file));
                    if (!found.isEmpty()) {
                        offending.put(file.getFileName().toString(), found);
                    }
                }
            }
        }

        // then none adds a CHECK or FOREIGN KEY to tenants without NOT VALID (then VALIDATE CONSTRAINT)
        assertThat(offending).isEmpty();
    }

    /** {@code ALTER TABLE tenants ... ADD CONSTRAINT ... CHECK|FOREIGN KEY ...;} statements without NOT VALID. */
    private static List<String> constraintsAddedInOneStep(String sql) {
        return Arrays.stream(sql.replaceAll("--[^\\n]*", "").split(";"))
            .map(statement -> statement.strip().replaceAll("\\s+", " "))
            .filter(statement -> statement.matches("(?is)ALTER TABLE (IF EXISTS )?(ONLY )?tenants .*ADD CONSTRAINT .*"))
            .filter(statement -> statement.matches("(?is).*\\b(CHECK|FOREIGN KEY)\\b.*"))
            .filter(statement -> !statement.matches("(?is).*\\bNOT VALID\\b.*"))
            .toList();
    }

    private static void migrateWithLockTimeout(JdbcTemplate jdbc, Duration timeout) {
        TestDatabases.migrate(jdbc, new TenantAdoptionCallback(), new MigrationLockTimeout(timeout));
    }

    /** The Flyway of the release before adoption support: V1-V5, no callback. */
    private static Flyway previousRelease(JdbcTemplate jdbc) {
        return Flyway.configure()
            .dataSource(jdbc.getDataSource())
            .locations("classpath:db/migration")
            .table("numbering_schema_history")
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .target("5")
            .load();
    }

    private static Flyway withTheCallback(JdbcTemplate jdbc) {
        return Flyway.configure()
            .dataSource(jdbc.getDataSource())
            .locations("classpath:db/migration")
            .table("numbering_schema_history")
            .callbacks(new TenantAdoptionCallback())
            .load();
    }

    private static void migrate(JdbcTemplate jdbc) {
        TestDatabases.migrate(jdbc);
    }

    private static JdbcTemplate freshDatabase() throws Exception {
        return TestDatabases.jdbc(TestDatabases.fresh("migrations"));
    }

    private static List<String> tables(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
                String.class);
    }

    private static List<String> columns(JdbcTemplate jdbc, String table) {
        return jdbc.queryForList("SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                String.class, table);
    }

}
