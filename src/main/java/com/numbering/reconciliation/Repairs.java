package com.numbering.reconciliation;

import com.numbering.telnyx.TelnyxGateway;

/**
 * What every policy acts with: Telnyx, the compare-and-set repairs of {@code tenants}, and the findings table.
 */
record Repairs(TelnyxGateway telnyx, TenantRepairRepository tenants, FindingRepository findings) {
}
