package com.numbering.reconciliation;

/** One difference and what was done about it; {@code phoneNumber} is stored, never logged whole. */
record Finding(FindingKind kind, String phoneNumber, Long tenantId, String numberId, FindingAction action,
        String details) {
}
