package com.numbering.nanp;

import java.util.List;

/**
 * One NANP area code (NPA) as NANPA publishes it.
 *
 * @param npa the three-digit area code
 * @param region two-letter state or territory code (e.g. {@code CA}, {@code PR}); empty when NANPA names none
 * @param country {@code US}, {@code CANADA}, … as NANPA spells it
 * @param geographic a general-purpose code assigned to a region and in service; toll-free, N11, 5XX personal, 900,
 *        555 and reserved codes are not
 * @param overlays the other area codes that overlay the same region (never contains {@code npa} itself)
 * @param timeZone NANPA's time-zone letters ({@code E}, {@code P}, {@code A}…)
 */
public record AreaCode(String npa, String region, String country, boolean geographic, List<String> overlays,
        String timeZone) {

    public AreaCode {
        overlays = List.copyOf(overlays);
    }

    public boolean isUnitedStates() {
        return "US".equals(country);
    }

}
