package com.numbering.demo;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Made-up tenants that exercise every rung of the ladder and every kind of bad input against the demo simulator
 * (see application-demo.yml for which area codes it has exhausted).
 */
@Component
class DemoTenants {

    /** name, phone, city, state, active */
    private static final List<Object[]> TENANTS = List.of(
            new Object[] { "Golden Gate Plumbing", "(415) 555-2671", "San Francisco", "CA", true },
            new Object[] { "Mission Dental", "415.555.3344", "San Francisco", "CA", true },
            new Object[] { "Midtown Bagels", "+1 212 555 7788", "New York", "NY", true },
            new Object[] { "Mile High Roofing", "303-555-2199", "Denver", "CO", true },
            new Object[] { "Anchorage Fishing Co", "907 555 4410", "Anchorage", "AK", true },
            new Object[] { "Toll-Free Tax Help", "1-800-555-0100", null, null, true },
            new Object[] { "Sunset Yoga", "call me maybe", "Los Angeles", "CA", true },
            new Object[] { "No Contact Ltd", null, null, null, true },
            new Object[] { "Closed Cafe", "(617) 555-3142", "Boston", "MA", false });

    private final JdbcTemplate jdbc;

    DemoTenants(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void seedIfEmpty() {
        Integer existing = this.jdbc.queryForObject("SELECT count(*) FROM tenants", Integer.class);
        if (existing != null && existing > 0) {
            return;
        }
        this.jdbc.batchUpdate("INSERT INTO tenants (name, phone, city, state, active) VALUES (?, ?, ?, ?, ?)",
                TENANTS);
    }

}
