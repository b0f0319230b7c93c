package com.numbering.demo;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.numbering.telnyx.sandbox.TelnyxSimulator;

/**
 * The drift reconciliation exists for, made on purpose in the demo's simulator before reconcileInventoryJob runs:
 * a number bought for a tenant by a run whose commit was lost, and a number nobody owns.
 */
@Component
class DemoDrift {

    private static final Logger log = LoggerFactory.getLogger(DemoDrift.class);

    private final ObjectProvider<TelnyxSimulator> simulator;

    private final JdbcTemplate jdbc;

    DemoDrift(ObjectProvider<TelnyxSimulator> simulator, JdbcTemplate jdbc) {
        this.simulator = simulator;
        this.jdbc = jdbc;
    }

    void introduce() {
        TelnyxSimulator telnyx = this.simulator.getIfAvailable();
        if (telnyx == null) {
            return;
        }
        Long lostCommit = this.jdbc.queryForObject("SELECT min(id) FROM tenants WHERE name = 'Toll-Free Tax Help'",
                Long.class);
        if (lostCommit != null) {
            telnyx.control().addOwnedNumber("+12135552671", "sim-voice-connection", "tenant-" + lostCommit + "-1",
                    List.of(), "active");
        }
        telnyx.control().addOwnedNumber("+17025552671", null, null, List.of(), "active");
        log.info("Demo drift: a number bought for 'Toll-Free Tax Help' whose commit was lost, and one nobody owns");
    }

}
