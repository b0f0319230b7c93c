package com.numbering.reconciliation;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.numbering.launch.InvalidConfigurationException;
import com.numbering.launch.LaunchCheck;
import com.numbering.telnyx.TelnyxGateway.OwnedNumber;
import com.numbering.telnyx.TelnyxProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconciliationJobConfigurationTests {

    @Test
    void refusesToStartTheJobWithoutAVoiceConnectionAndLeavesOtherJobsAlone() {
        LaunchCheck check = new ReconciliationJobConfiguration().reconciliationConfigurationCheck(telnyx(" "));

        assertThatThrownBy(() -> check.check("reconcileInventoryJob")).isInstanceOf(InvalidConfigurationException.class)
            .hasMessageContaining("TELNYX_VOICE_CONNECTION_ID");
        assertThatNoException().isThrownBy(() -> check.check("dispatchAlertsJob"));
        assertThatNoException().isThrownBy(() -> new ReconciliationJobConfiguration()
            .reconciliationConfigurationCheck(telnyx("conn-1")).check("reconcileInventoryJob"));
    }

    @Test
    void tiesANumberToATenantByItsCustomerReferenceOrElseByATag() {
        assertThat(InventorySnapshotRepository.tenantHint(number("tenant-42-3", List.of()))).isEqualTo(42L);
        assertThat(InventorySnapshotRepository.tenantHint(number("ops", List.of("vip", "tenant-7")))).isEqualTo(7L);
        assertThat(InventorySnapshotRepository.tenantHint(number("shared-sms-1", List.of("tenant-x")))).isNull();
        assertThat(InventorySnapshotRepository.tenantHint(number(null, List.of()))).isNull();
    }

    private static OwnedNumber number(String reference, List<String> tags) {
        return new OwnedNumber("1", "+14065550123", "active", "local", null, reference, null, tags);
    }

    private static TelnyxProperties telnyx(String connectionId) {
        return new TelnyxProperties("key", URI.create("https://api.telnyx.com/v2"), connectionId, Duration.ofSeconds(5),
                Duration.ofSeconds(30), 10, 8, 4);
    }

}
