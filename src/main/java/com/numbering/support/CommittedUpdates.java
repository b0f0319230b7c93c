package com.numbering.support;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Statements that commit on their own (REQUIRES_NEW), whatever transaction the caller is in: the state written
 * before a Telnyx call must be durable before the call is made.
 */
public final class CommittedUpdates {

    private final JdbcTemplate jdbc;

    private final TransactionTemplate ownTransaction;

    public CommittedUpdates(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** @return how many rows changed, committed */
    public int update(String sql, Object... args) {
        Integer rows = this.ownTransaction.execute(status -> this.jdbc.update(sql, args));
        return rows == null ? 0 : rows;
    }

    /** Compare-and-set: true when exactly one row changed. */
    public boolean updateOne(String sql, Object... args) {
        return update(sql, args) == 1;
    }

    /** A query whose writes (UPDATE … RETURNING) commit on their own. */
    public <T> T inOwnTransaction(java.util.function.Supplier<T> work) {
        return this.ownTransaction.execute(status -> work.get());
    }

}
