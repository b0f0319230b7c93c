package com.numbering.sms;

import java.util.List;
import java.util.Set;

import com.numbering.config.InvalidConfigurationException;
import com.numbering.config.LaunchCheck;
import com.numbering.nanp.NanpDirectory;

/** The shared SMS number's settings, checked before the jobs that use them start. */
final class SmsConfigurationCheck implements LaunchCheck {

    private final Set<String> jobs;

    private final SmsProperties sms;

    private final NanpDirectory nanp;

    SmsConfigurationCheck(Set<String> jobs, SmsProperties sms, NanpDirectory nanp) {
        this.jobs = Set.copyOf(jobs);
        this.sms = sms;
        this.nanp = nanp;
    }

    @Override
    public void check(String jobName) {
        if (!this.jobs.contains(jobName)) {
            return;
        }
        if (this.sms.publicBaseUrl() == null || this.sms.publicBaseUrl().toString().isBlank()) {
            throw new InvalidConfigurationException("numbering.sms.public-base-url is empty: set "
                    + "NUMBERING_PUBLIC_BASE_URL to the https base URL of our API (e.g. https://api.example.com); "
                    + "Telnyx posts inbound SMS to it" + SmsProperties.INBOUND_PATH);
        }
        if (!"https".equalsIgnoreCase(this.sms.publicBaseUrl().getScheme()) || this.sms.publicBaseUrl().getHost() == null) {
            throw new InvalidConfigurationException("numbering.sms.public-base-url must be an https URL with a host, "
                    + "not '" + this.sms.publicBaseUrl() + "': Telnyx's webhooks carry client messages");
        }
        boolean hasNumber = this.sms.number() != null && !this.sms.number().isBlank();
        if (hasNumber && !this.sms.number().matches("\\+1[2-9]\\d{9}")) {
            throw new InvalidConfigurationException("numbering.sms.number (TELNYX_SMS_NUMBER) must be a US number in "
                    + "E.164, like +14155550123");
        }
        if (hasNumber && !this.nanp.isUsGeographic(this.sms.number().substring(2, 5))) {
            throw new InvalidConfigurationException("numbering.sms.number (TELNYX_SMS_NUMBER) must be a US local "
                    + "number: toll-free and non-geographic numbers are not used for alerts");
        }
        boolean hasAreaCode = this.sms.areaCode() != null && !this.sms.areaCode().isBlank();
        if (!hasNumber && !hasAreaCode) {
            throw new InvalidConfigurationException("Neither numbering.sms.number (TELNYX_SMS_NUMBER) nor "
                    + "numbering.sms.area-code (NUMBERING_SMS_AREA_CODE) is set: name the number to adopt, or the "
                    + "area code to buy one in");
        }
        if (!hasNumber && !this.nanp.isUsGeographic(this.sms.areaCode().trim())) {
            throw new InvalidConfigurationException("numbering.sms.area-code '" + this.sms.areaCode()
                    + "' is not a geographic US area code");
        }
        if (this.sms.messagingProfileName() == null || this.sms.messagingProfileName().isBlank()) {
            throw new InvalidConfigurationException("numbering.sms.messaging-profile-name is empty");
        }
        List<String> destinations = this.sms.allowedDestinations();
        if (destinations == null || destinations.isEmpty()
                || !destinations.stream().allMatch(code -> code.matches("[A-Z]{2}|\\*"))) {
            throw new InvalidConfigurationException("numbering.sms.allowed-destinations (NUMBERING_SMS_ALLOWED_"
                    + "DESTINATIONS) must list ISO 3166 alpha-2 country codes, like US,CA (or * for all), not "
                    + destinations);
        }
    }

}
