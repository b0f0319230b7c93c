package com.numbering.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTests {

    @Test
    void keepsOnlyTheAreaCodeAndTheLastTwoDigitsOfANumber() {
        assertThat(Redaction.phone("+14155550123")).isEqualTo("+1415•••••23").doesNotContain("555");
    }

    @Test
    void masksNumbersInsideFreeText() {
        String masked = Redaction.text("Number +14155550123 is taken; call (212) 555-0199 instead");

        assertThat(masked).doesNotContain("5550123").doesNotContain("555-0199").contains("+1415•••••23");
    }

    @Test
    void leavesAddressesPortsAndCodesAlone() {
        assertThat(Redaction.text("127.0.0.1:33533 failed to respond")).isEqualTo("127.0.0.1:33533 failed to respond");
    }

    @Test
    void leavesTextWithoutNumbersAlone() {
        assertThat(Redaction.text("code 85001: not available")).isEqualTo("code 85001: not available");
    }

    @Test
    void echoesAnOutsidersValueShortMaskedAndWithoutControlCharacters() {
        assertThat(Redaction.echo("gw_timeout")).isEqualTo("gw_timeout");
        assertThat(Redaction.echo("tenant\n+14155550123")).isEqualTo("tenant?+1415•••••23");
        assertThat(Redaction.echo("x".repeat(500))).isEqualTo("x".repeat(40) + "…");
        assertThat(Redaction.echo(null)).isEqualTo("null");
    }

}
