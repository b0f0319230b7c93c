package com.numbering.local;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrations against real PostgreSQL: on an empty database, and on an application database whose
 * {@code tenants} table already exists with data.
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
