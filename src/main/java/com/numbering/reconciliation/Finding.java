package com.numbering.reconciliation;

/**
 * One difference and what was done about it; {@code phoneNumber} is stored, never logged whole. {@code tenantId} is
 * the application's key as text (any key type), null when no tenant is concerned.
 */
record Finding(FindingKind kind, String phoneNumber, String tenantId, String numberId, FindingAction action,
        String details) {
}
