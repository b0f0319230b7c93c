package com.numbering.sms;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.numbering.config.InvalidConfigurationException;
import com.numbering.nanp.NanpDirectory;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmsConfigurationCheckTests {

    private static final NanpDirectory NANP = NanpDirectory.load();

    @Test
    void refusesAMissingPublicBaseUrlAndSaysWhatToSet() {
        assertThatThrownBy(() -> check(null, null, "415").check("setupSharedSmsNumberJob"))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessageContaining("NUMBERING_PUBLIC_BASE_URL");
    }

    @Test
    void refusesAPublicBaseUrlThatIsNotHttps() {
        assertThatThrownBy(() -> check("http://api.example.com", null, "415").check("setupSharedSmsNumberJob"))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessageContaining("https");
    }

    @Test
    void refusesATollFreeNumberOrNoWayToGetANumber() {
        assertThatThrownBy(() -> check("https://api.example.com", "+18335550100", null).check("setupSharedSmsNumberJob"))
            .hasMessageContaining("US local");
        assertThatThrownBy(() -> check("https://api.example.com", null, null).check("setupSharedSmsNumberJob"))
            .hasMessageContaining("NUMBERING_SMS_AREA_CODE");
        assertThatThrownBy(() -> check("https://api.example.com", null, "800").check("setupSharedSmsNumberJob"))
            .hasMessageContaining("not a geographic US area code");
    }

    @Test
    void leavesOtherJobsAlone() {
        assertThatCode(() -> check(null, null, null).check("provisionVoiceNumbersJob")).doesNotThrowAnyException();
    }

    @Test
    void acceptsAnHttpsUrlAndAnAreaCode() {
        assertThatCode(() -> check("https://api.example.com", null, "415").check("setupSharedSmsNumberJob"))
            .doesNotThrowAnyException();
    }

    private static SmsConfigurationCheck check(String baseUrl, String number, String areaCode) {
        SmsProperties properties = new SmsProperties(number, areaCode, baseUrl == null ? null : URI.create(baseUrl),
                "Numbering client alerts", Duration.ofSeconds(1), Duration.ofSeconds(30), List.of("US"));
        return new SmsConfigurationCheck(Set.of("setupSharedSmsNumberJob"), properties, NANP);
    }

}
