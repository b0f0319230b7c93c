package com.numbering.numbers;

import java.util.Locale;

/** The rungs of the fallback ladder, in the order a tenant wants them. Stored on the tenant in lower case. */
public enum Tier {

    /** The tenant's own area code. */
    EXACT,
    /** An area code that overlays the same region (e.g. 628 for 415). */
    OVERLAY,
    /** Any area code of the same state. */
    STATE,
    /** Any US local number: the PRD's last resort. */
    ANY;

    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

}
