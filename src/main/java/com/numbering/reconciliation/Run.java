package com.numbering.reconciliation;

import java.time.Instant;

/**
 * One reconciliation run.
 *
 * @param jobExecutionId the key of its findings
 * @param dryRun report everything, change nothing (neither at Telnyx nor in tenants / system_config)
 * @param stagedFrom when listing the inventory began: rows our jobs changed after it are not judged against a
 *        snapshot that may predate the change
 */
record Run(long jobExecutionId, boolean dryRun, Instant stagedFrom) {
}
