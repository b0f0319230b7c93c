package com.numbering.telnyx.sandbox;

/**
 * How a text is encoded and split: GSM-7 when every character is in the GSM 03.38 alphabet (extension characters
 * take two septets), else UCS-2; one part up to 160 septets or 70 UTF-16 units, 153 or 67 per part beyond.
 */
record SmsEncoding(String name, int parts) {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    /**
     * @param requested the request's {@code encoding}: {@code auto} (or null), {@code gsm7} or {@code ucs2}
     */
    static SmsEncoding of(String text, String requested) {
        int septets = gsmSeptets(text);
        boolean gsm = septets >= 0;
        if ("gsm7".equals(requested) && !gsm) {
            throw ApiError.messaging(400, "10015", "Bad Request",
                    "The text contains characters that cannot be encoded as GSM-7.", "/text");
        }
        if (gsm && !"ucs2".equals(requested)) {
            return new SmsEncoding("GSM-7", (septets <= 160) ? 1 : (septets + 152) / 153);
        }
        int units = text.length();
        return new SmsEncoding("UCS-2", (units <= 70) ? 1 : (units + 66) / 67);
    }

    /** Septets needed in GSM-7, or -1 when a character is outside the alphabet. */
    private static int gsmSeptets(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets += 1;
            }
            else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            }
            else {
                return -1;
            }
        }
        return septets;
    }

}
