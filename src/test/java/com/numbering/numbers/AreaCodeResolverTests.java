package com.numbering.numbers;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.numbering.nanp.NanpDirectory;
import com.numbering.numbers.AreaCodeResolver.Origin;

import static org.assertj.core.api.Assertions.assertThat;

class AreaCodeResolverTests {

    private final AreaCodeResolver resolver = new AreaCodeResolver(NanpDirectory.load());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "(415) 555-2671|415", "415.555.2671|415", "+1 212 555 7788|212",
            "1-303-555-2199|303", "907 555 4410|907", "+14155552671|415" })
    void takesTheAreaCodeFromAPhoneInAnyHumanFormat(String phone, String npa) {
        Origin origin = this.resolver.resolve(phone, null);

        assertThat(origin.resolved()).isTrue();
        assertThat(origin.source()).isEqualTo("phone");
        assertThat(origin.areaCode().npa()).isEqualTo(npa);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "1-800-555-0100|toll-free", "(833) 555-0100|toll-free",
            "500-555-0100|not a geographic area code", "(900) 555-0100|not a geographic area code",
            "call me maybe|not a phone number", "+44 20 7946 0958|outside the NANP",
            "(604) 555-0100|not the US", "(415) 555-0123|fictional" })
    void rejectsWhatIsNotAUsAreaCodeWithAReasonThatNamesThePhone(String phone, String reason) {
        Origin origin = this.resolver.resolve(phone, null);

        assertThat(origin.resolved()).isFalse();
        assertThat(origin.reason()).startsWith("phone: ").contains(reason).contains("state: missing");
    }

    @Test
    void fallsBackToTheAddressStateWhenThePhoneIsUnusable() {
        Origin origin = this.resolver.resolve("1-800-555-0100", "ca");

        assertThat(origin.resolved()).isTrue();
        assertThat(origin.source()).isEqualTo("state");
        assertThat(origin.areaCode()).isNull();
        assertThat(origin.state()).isEqualTo("CA");
    }

    @Test
    void explainsEveryRejectedSourceWhenNothingIsUsable() {
        Origin origin = this.resolver.resolve(null, "Narnia");

        assertThat(origin.resolved()).isFalse();
        assertThat(origin.reason()).isEqualTo("phone: missing; state: 'Narnia' is not a US state or territory code");
    }

}
