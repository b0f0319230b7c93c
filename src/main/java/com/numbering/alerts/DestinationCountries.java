package com.numbering.alerts;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * The countries the shared number may text: the messaging profile's whitelisted destinations as
 * setupSharedSmsNumberJob set them ({@code system_config.telnyx_sms_allowed_destinations}). A recipient elsewhere is
 * refused here, before a request is spent on Telnyx's 40309.
 */
record DestinationCountries(Set<String> allowed) {

    static DestinationCountries parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return new DestinationCountries(Set.of());
        }
        return new DestinationCountries(Arrays.stream(commaSeparated.split(","))
            .map(String::trim)
            .filter(code -> !code.isEmpty())
            .collect(Collectors.toUnmodifiableSet()));
    }

    /**
     * @return why this recipient may not be texted, or empty. A number whose country libphonenumber cannot tell is
     *         left to Telnyx (which then answers 40309 for that alert alone).
     */
    Optional<String> refusal(String recipient) {
        if (this.allowed.isEmpty() || this.allowed.contains("*")) {
            return Optional.empty();
        }
        String country = countryOf(recipient);
        if (country == null || this.allowed.contains(country)) {
            return Optional.empty();
        }
        return Optional.of("not sent: the recipient's country (" + country + ") is not among the shared number's "
                + "allowed destinations " + this.allowed.stream().sorted().toList()
                + " (numbering.sms.allowed-destinations)");
    }

    static String countryOf(String e164) {
        try {
            PhoneNumberUtil util = PhoneNumberUtil.getInstance();
            return util.getRegionCodeForNumber(util.parse(e164, "ZZ"));
        }
        catch (NumberParseException ex) {
            return null;
        }
    }

}
