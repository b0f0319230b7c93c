package com.numbering.numbers;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;


/** Today's orders in {@code number_orders_daily}: one atomic statement per order, committed on its own. */
public final class DailyOrderCount implements OrderLimits.DailyOrders {

    private static final String TAKE = """
            INSERT INTO number_orders_daily AS d (day, orders)
            VALUES ((clock_timestamp() AT TIME ZONE 'UTC')::date, 1)
            ON CONFLICT (day) DO UPDATE SET orders = d.orders + 1 WHERE d.orders < ?
            RETURNING orders
            """;

    private static final String TAKEN_TODAY = """
            SELECT orders FROM number_orders_daily WHERE day = (clock_timestamp() AT TIME ZONE 'UTC')::date
            """;

    private final JdbcTemplate jdbc;

    public DailyOrderCount(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Orders already taken today (UTC), without taking one: what a dry run compares with the ceiling. */
    public int takenToday() {
        List<Integer> taken = this.jdbc.queryForList(TAKEN_TODAY, Integer.class);
        return taken.isEmpty() ? 0 : taken.get(0);
    }

    @Override
    public boolean take(int max) {
        if (max < 1) {
            return false;
        }
        List<Integer> taken = this.jdbc.queryForList(TAKE, Integer.class, max);
        return !taken.isEmpty();
    }

}
