package com.numbering.alerts;

/**
 * How many SMS parts a text costs: GSM-7 when every character is in the GSM 03.38 alphabet (160 characters in one
 * part, 153 per part when split; the extension characters count twice), else UCS-2 (70, or 67 per part, counted in
 * UTF-16 code units).
 */
record SmsSegments(String encoding, int units, int segments) {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    static SmsSegments of(String text) {
        int gsmUnits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                gsmUnits++;
            }
            else if (GSM_EXTENSION.indexOf(c) >= 0) {
                gsmUnits += 2;
            }
            else {
                int units = text.length();
                return new SmsSegments("UCS-2", units, units <= 70 ? 1 : (units + 66) / 67);
            }
        }
        return new SmsSegments("GSM-7", gsmUnits, gsmUnits <= 160 ? 1 : (gsmUnits + 152) / 153);
    }

}
