package com.numbering.adoption;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.AppProcess;
import com.numbering.AppProcess.Finished;
import com.numbering.TestDatabases;
import com.numbering.launch.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What cannot be adopted, and a tenant mapping that cannot work: the process stops with exit 78 and a message naming
 * the table or column and what to do, and not one schema object of the database changed. Three cases run the real
 * process; the others run the same Flyway callback directly (a process each would add a quarter of a minute).
 */
class AdoptionRefusalTests {

    @Test
    void aCompositePrimaryKeyIsRefusedBeforeAnyDdlRuns() throws Exception {
        Refused run = launch("""
                CREATE TABLE tenants (org_id INT, id INT, name TEXT, PRIMARY KEY (org_id, id));""");

        assertThat(run.output()).contains("Cannot adopt the tenants table")
            .contains("table tenants has a composite primary key (org_id, id)");
    }

    @Test
    void aTableWithoutPrimaryKeyIsRefusedBeforeAnyDdlRuns() throws Exception {
        Refused run = migrate("CREATE TABLE tenants (id BIGINT, name TEXT);");

        assertThat(run.output()).contains("table tenants has no primary key").contains("ADD PRIMARY KEY (id)");
    }

    @Test
    void aKeyTypeTheServiceCannotCarryIsRefusedBeforeAnyDdlRuns() throws Exception {
        Refused run = migrate("CREATE TABLE tenants (id NUMERIC(12, 2) PRIMARY KEY, name TEXT);");

        assertThat(run.output()).contains("tenants.id is of type numeric(12,2)")
            .contains("smallint, integer, bigint, uuid, text and varchar");
    }

    @Test
    void aMappingViewWithoutTheStateColumnStopsTheFirstLaunchBeforeAnyDdlRuns() throws Exception {
        Refused run = launch("""
                CREATE TABLE tenants (id UUID PRIMARY KEY, name TEXT, phone_number TEXT);
                CREATE VIEW numbering_tenants AS SELECT id, phone_number AS phone, TRUE AS active FROM tenants;""");

        assertThat(run.output()).contains("view numbering_tenants has no column state")
            .contains("CREATE OR REPLACE VIEW numbering_tenants");
    }

    @Test
    void aMappingWhoseActiveIsNotABooleanIsRefusedAndSaysHowToMapIt() throws Exception {
        Refused run = migrate("""
                CREATE TABLE tenants (id TEXT PRIMARY KEY, phone TEXT, state TEXT, status TEXT);
                CREATE VIEW numbering_tenants AS SELECT id, phone, state, status AS active FROM tenants;""");

        assertThat(run.output()).contains("numbering_tenants.active is text, not boolean")
            .contains("status = 'live' AS active");
    }

    @Test
    void aDroppedMappingViewStopsEveryJobWithTheDefinitionToRecreate() throws Exception {
        JdbcTemplate jdbc = TestDatabases.jdbc(TestDatabases.fresh("refused"));
        TestDatabases.migrate(jdbc);
        jdbc.execute("DROP VIEW numbering_tenants");

        Refused run = launch(jdbc);

        assertThat(run.output()).contains("view numbering_tenants does not exist")
            .contains("CREATE VIEW numbering_tenants AS SELECT id, phone, state, active FROM tenants");
    }

    /** The same refusal without a process: Flyway with the application's callback, as TestDatabases runs it. */
    private static Refused migrate(String applicationSchema) throws Exception {
        JdbcTemplate jdbc = TestDatabases.jdbc(TestDatabases.fresh("refused"));
        jdbc.execute(applicationSchema);
        String schemaBefore = schema(jdbc);

        Throwable refused = catchThrowable(() -> TestDatabases.migrate(jdbc));

        assertThat(ExitCodes.of(refused)).as(String.valueOf(refused)).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(schema(jdbc)).as("every table, column, index and view").isEqualTo(schemaBefore);
        assertThat(tables(jdbc)).doesNotContain("numbering_schema_history", "client_alerts");
        return new Refused(ExitCodes.configurationError(refused).orElseThrow());
    }

    private static Refused launch(String applicationSchema) throws Exception {
        JdbcTemplate jdbc = TestDatabases.jdbc(TestDatabases.fresh("refused"));
        jdbc.execute(applicationSchema);
        Refused run = launch(jdbc);
        assertThat(tables(jdbc)).doesNotContain("numbering_schema_history", "client_alerts");
        return run;
    }

    /** Runs the job as Kubernetes would; asserts exit 78 and that the schema is exactly as it was. */
    private static Refused launch(JdbcTemplate jdbc) throws Exception {
        String schemaBefore = schema(jdbc);
        String url = jdbc.queryForObject("SELECT 'jdbc:postgresql://localhost:' || current_setting('port') || '/' "
                + "|| current_database()", String.class);

        Finished run = AppProcess.run(Map.of(), "--spring.batch.job.name=provisionVoiceNumbersJob",
                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--numbering.local.simulator=true",
                "--numbering.guard.allow-mixed-environment=true");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run.output()).containsPattern("Configuration error, nothing was done: (Cannot adopt|Tenant mapping)");
        assertThat(schema(jdbc)).as("every table, column, index and view").isEqualTo(schemaBefore);
        return new Refused(run.output());
    }

    private static String schema(JdbcTemplate jdbc) {
        return jdbc.queryForObject("""
                SELECT md5(string_agg(c.relname || ':' || c.relkind::text || ':' ||
                                      COALESCE((SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod),
                                                                  ',' ORDER BY a.attnum)
                                                FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0
                                                  AND NOT a.attisdropped), ''), E'\\n' ORDER BY c.relname))
                FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace""", String.class);
    }

    private static java.util.List<String> tables(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
                String.class);
    }

    private record Refused(String output) {
    }

}
