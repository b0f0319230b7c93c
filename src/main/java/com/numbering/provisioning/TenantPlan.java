package com.numbering.provisioning;

import java.util.List;

import com.numbering.numbers.AreaCodeResolver.Origin;
import com.numbering.numbers.AreaCodeResolver;
import com.numbering.numbers.SearchLadder.Rung;
import com.numbering.numbers.SearchLadder;

/**
 * One tenant resolved once per run: where its number should come from (the origin its phone or state gives) and the
 * searches to try, best first. The plans of a chunk size its shared searches; each plan then drives its purchase.
 *
 * @param rungs empty when the origin could not be resolved (only an existing intent or order is then followed)
 */
record TenantPlan(TenantRow tenant, Origin origin, List<Rung> rungs) {

    private static final String FEATURE = "voice";

    TenantPlan {
        rungs = List.copyOf(rungs);
    }

    static TenantPlan resolve(TenantRow tenant, AreaCodeResolver resolver, SearchLadder ladder) {
        Origin origin = resolver.resolve(tenant.phone(), tenant.state());
        return new TenantPlan(tenant, origin, origin.resolved() ? ladder.rungs(origin, FEATURE) : List.of());
    }

    /** The area code the tenant asked for (its phone's), or null when only its state is known. */
    String areaCode() {
        return this.origin.areaCode() != null ? this.origin.areaCode().npa() : null;
    }

    /** The rung a new purchase starts at, or null when there is none to start. */
    Rung firstRung() {
        return this.tenant.mayHoldANumber() || this.rungs.isEmpty() ? null : this.rungs.get(0);
    }

}
