package com.numbering.reconciliation;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.numbering.adoption.TenantKey;
import com.numbering.config.InvalidConfigurationException;
import com.numbering.config.LaunchCheck;
import com.numbering.numbers.CustomerReferences;
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
        assertThat(hint(BIGINT, number("tenant-42-3", List.of()))).isEqualTo("42");
        assertThat(hint(BIGINT, number("ops", List.of("vip", "tenant-7")))).isEqualTo("7");
        assertThat(hint(BIGINT, number("shared-sms-1", List.of("tenant-x")))).isNull();
        assertThat(hint(BIGINT, number(null, List.of()))).isNull();
    }

    @Test
    void readsAUuidOrTextTenantIdOutOfAReferenceAndIgnoresIdsTheKeyCannotHold() {
        String uuid = "3f2b8c1e-9d4a-4c6b-8f00-5a7e2d1c9b10";
        TenantKey text = new TenantKey("varchar", "character varying(12)", 12);

        assertThat(hint(UUID, number("tenant-" + uuid + "-12", List.of()))).isEqualTo(uuid);
        assertThat(hint(UUID, number("ops", List.of("tenant-" + uuid)))).isEqualTo(uuid);
        assertThat(hint(UUID, number("tenant-42-1", List.of()))).isNull();
        assertThat(hint(text, number("tenant-acme-co-3", List.of()))).isEqualTo("acme-co");
        assertThat(hint(text, number("tenant-a-very-long-tenant-name-1", List.of()))).isNull();
        assertThat(hint(new TenantKey("int4", "integer", null), number("tenant-9999999999-1", List.of()))).isNull();
    }

    @Test
    void aDeploymentReadsItsOwnMarkedAndUnmarkedReferencesButNeverAnotherDeployments() {
        CustomerReferences prod = new CustomerReferences("prod");

        assertThat(prod.tenant("42", 3)).isEqualTo("prod/tenant-42-3");
        assertThat(hint(BIGINT, number("prod/tenant-42-3", List.of()), prod)).isEqualTo("42");
        assertThat(hint(BIGINT, number("tenant-42-3", List.of()), prod)).as("written before the marker").isEqualTo("42");
        assertThat(hint(BIGINT, number("staging/tenant-42-3", List.of()), prod)).isNull();
        assertThat(hint(BIGINT, number("staging/tenant-42-3", List.of()))).as("no marker: only unmarked").isNull();
        assertThat("prod/shared-sms-2").matches(prod.ownedRegex());
        assertThat("shared-sms-2").matches(prod.ownedRegex());
        assertThat("staging/shared-sms-2").doesNotMatch(prod.ownedRegex());
        assertThat("by-hand-7").doesNotMatch(prod.ownedRegex());
    }

    private static final TenantKey BIGINT = new TenantKey("int8", "bigint", null);

    private static final TenantKey UUID = new TenantKey("uuid", "uuid", null);

    private static String hint(TenantKey key, OwnedNumber number) {
        return hint(key, number, new CustomerReferences(""));
    }

    private static String hint(TenantKey key, OwnedNumber number, CustomerReferences references) {
        return InventorySnapshotRepository.tenantHint(number, key, references.tenantReference());
    }

    private static OwnedNumber number(String reference, List<String> tags) {
        return new OwnedNumber("1", "+14065550123", "active", "local", null, reference, null, tags);
    }

    private static TelnyxProperties telnyx(String connectionId) {
        return new TelnyxProperties("key", URI.create("https://api.telnyx.com/v2"), connectionId, Duration.ofSeconds(5),
                Duration.ofSeconds(30), 10, 8, 4);
    }

}
