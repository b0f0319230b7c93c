package com.numbering.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What may appear in logs, exit messages and metrics: never a full phone number, never an API key.
 */
public final class Redaction {

    // Seven or more digits, optionally behind a '+', with the separators people type.
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?\\d[\\d\\s().-]{5,}\\d");

    private Redaction() {
    }

    /** {@code +14155550123} → {@code +1415•••••23}: the area code and the last two digits are enough to talk about. */
    public static String phone(String number) {
        if (number == null) {
            return "null";
        }
        String digits = number.replaceAll("\\D", "");
        if (digits.length() < 6) {
            return "•••";
        }
        String head = number.startsWith("+1") && digits.length() == 11 ? "+" + digits.substring(0, 4)
                : (number.startsWith("+") ? "+" : "") + digits.substring(0, 3);
        return head + "•••••" + digits.substring(digits.length() - 2);
    }

    /** Masks every phone-number-like run inside free text (error details from Telnyx, input values). */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = PHONE_LIKE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            // A phone number has 10 to 15 digits; fewer is an IP address, a port, a count.
            long digits = matcher.group().chars().filter(Character::isDigit).count();
            String replacement = digits >= 10 ? phone(matcher.group()) : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * A value someone else chose (an operator's job parameter, a status Telnyx sent), echoed back into a log line or
     * a row: control characters replaced, phone-like runs masked, and never more than 40 characters.
     */
    public static String echo(String value) {
        String shown = text(String.valueOf(value).replaceAll("\\p{Cntrl}", "?"));
        return shown.length() <= 40 ? shown : shown.substring(0, 40) + "…";
    }

}
