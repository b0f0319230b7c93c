package com.numbering;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import com.numbering.local.ContractRecorder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails a test when any request our adapter sent, or any response the simulator gave, violated Telnyx's OpenAPI
 * subset during it.
 */
public class ContractConformance implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        recorder(context).clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertThat(recorder(context).violations()).as("traffic that violates Telnyx's OpenAPI subset").isEmpty();
    }

    private static ContractRecorder recorder(ExtensionContext context) {
        return SpringExtension.getApplicationContext(context).getBean(ContractRecorder.class);
    }

}
