package com.numbering.nanp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NanpDirectoryTests {

    private final NanpDirectory nanp = NanpDirectory.load();

    @Test
    void knowsStatesOverlaysAndTimeZonesOfGeographicCodes() {
        AreaCode sf = this.nanp.lookup("415").orElseThrow();

        assertThat(sf.region()).isEqualTo("CA");
        assertThat(sf.overlays()).containsExactly("628");
        assertThat(sf.timeZone()).isEqualTo("P");
        assertThat(this.nanp.lookup("212").orElseThrow().overlays()).containsExactlyInAnyOrder("332", "646", "917");
    }

    @Test
    void tollFreeServiceAndUnassignedCodesAreNotGeographic() {
        assertThat(this.nanp.isUsGeographic("800")).isFalse();
        assertThat(this.nanp.isUsGeographic("833")).isFalse();
        assertThat(this.nanp.isUsGeographic("211")).isFalse();
        assertThat(this.nanp.isUsGeographic("500")).isFalse();
        assertThat(this.nanp.isUsGeographic("555")).isFalse();
        assertThat(this.nanp.isUsGeographic("900")).isFalse();
        assertThat(this.nanp.isUsGeographic("456")).isFalse();
        assertThat(this.nanp.isUsGeographic("604")).as("Canadian").isFalse();
        assertThat(this.nanp.lookup("604").orElseThrow().geographic()).isTrue();
    }

    @Test
    void listsTheGeographicCodesOfAState() {
        assertThat(this.nanp.geographicCodesIn("AK")).extracting(AreaCode::npa).containsExactly("907");
        assertThat(this.nanp.geographicCodesIn("CO")).extracting(AreaCode::npa).contains("303", "720", "719", "970");
        assertThat(this.nanp.usGeographicCodes()).hasSizeGreaterThan(300);
    }

}
