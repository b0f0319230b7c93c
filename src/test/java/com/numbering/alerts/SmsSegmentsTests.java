package com.numbering.alerts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SmsSegmentsTests {

    @ParameterizedTest(name = "{0} × ''{1}'' → {2} {3}")
    @CsvSource({ "1, a, GSM-7, 1", "160, a, GSM-7, 1", "161, a, GSM-7, 2", "306, a, GSM-7, 2", "307, a, GSM-7, 3",
            "80, €, GSM-7, 1", "81, €, GSM-7, 2", "70, é, GSM-7, 1", "70, ł, UCS-2, 1", "71, ł, UCS-2, 2",
            "134, ł, UCS-2, 2", "135, ł, UCS-2, 3" })
    void countsPartsPerEncoding(int repeat, String character, String encoding, int segments) {
        SmsSegments counted = SmsSegments.of(character.repeat(repeat));

        assertThat(counted.encoding()).isEqualTo(encoding);
        assertThat(counted.segments()).isEqualTo(segments);
    }

    @ParameterizedTest
    @CsvSource({ "'Your appointment is booked 🙂', UCS-2, 1", "'Curly quote ’ here', UCS-2, 1" })
    void oneCharacterOutsideGsm7MakesTheWholeTextUcs2(String text, String encoding, int segments) {
        assertThat(SmsSegments.of(text).encoding()).isEqualTo(encoding);
        assertThat(SmsSegments.of(text).segments()).isEqualTo(segments);
    }

}
