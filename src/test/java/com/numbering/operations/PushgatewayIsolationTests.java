package com.numbering.operations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway a test starts holds only what that test pushes, even on a machine where another gateway left a
 * persistence file full of groups: beside it (its working directory) and, where this process may create it, at the
 * place Debian's build loads by default.
 */
class PushgatewayIsolationTests {

    private static final Path DEBIAN_DEFAULT = Path.of("/var/lib/prometheus/pushgateway.data");

    @Test
    void aTestsGatewayStartsEmptyBesideAPersistenceFileFullOfForeignGroups(@TempDir Path dir) throws Exception {
        // given a persistence file that another program's gateway filled and saved on shutdown
        Path foreign = dir.resolve("pushgateway.data");
        try (RealPushgateway other = RealPushgateway.start(foreign.toString())) {
            other.push("foreign_nightly_backup", "foreign_backup_last_success 1.7e9\n");
            other.push("foreign_staging_numbering", "numbering_job_last_exit_code 5\n");
        }
        try (RealPushgateway reloaded = RealPushgateway.start(foreign.toString())) {
            assertThat(reloaded.metrics()).as("the foreign file really holds the groups")
                .contains("foreign_backup_last_success")
                .contains("job=\"foreign_staging_numbering\"");
        }
        boolean planted = plantAtDebiansDefault(foreign);
        try {
            // when a test starts its gateway
            try (RealPushgateway gateway = RealPushgateway.start()) {
                // then it holds no group at all, neither the foreign ones nor any other
                assertThat(gateway.metrics()).doesNotContain("foreign_")
                    .doesNotContain("numbering_job_last_exit_code")
                    .doesNotContain("push_time_seconds{");
            }
        }
        finally {
            if (planted) {
                Files.deleteIfExists(DEBIAN_DEFAULT);
            }
        }
    }

    /** Only where no file is there yet (a real gateway's data is never touched) and this process may write. */
    private static boolean plantAtDebiansDefault(Path foreign) {
        if (Files.exists(DEBIAN_DEFAULT) || !Files.isWritable(DEBIAN_DEFAULT.getParent())) {
            return false;
        }
        try {
            Files.copy(foreign, DEBIAN_DEFAULT, StandardCopyOption.COPY_ATTRIBUTES);
            return true;
        }
        catch (java.io.IOException ex) {
            return false;
        }
    }

}
