package com.numbering.numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.numbering.nanp.AreaCode;
import com.numbering.nanp.NanpDirectory;

/**
 * Where a tenant's number should come from: the area code of its phone (any human format, parsed with
 * libphonenumber), else the state of its address. Toll-free, non-geographic, N11, 555 and foreign numbers are not
 * an area code; each rejected source leaves a reason that names the field.
 */
public final class AreaCodeResolver {

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    private final NanpDirectory nanp;

    public AreaCodeResolver(NanpDirectory nanp) {
        this.nanp = nanp;
    }

    /**
     * @return the origin of the search, or {@link Origin#unresolvable} with every reason when there is none
     */
    public Origin resolve(String phone, String state) {
        List<String> reasons = new ArrayList<>();
        Optional<AreaCode> fromPhone = fromPhone(phone, reasons);
        if (fromPhone.isPresent()) {
            return Origin.areaCode(fromPhone.get(), "phone");
        }
        Optional<String> fromAddress = fromState(state, reasons);
        if (fromAddress.isPresent()) {
            return Origin.state(fromAddress.get(), "state");
        }
        return Origin.unresolvable(String.join("; ", reasons));
    }

    private Optional<AreaCode> fromPhone(String phone, List<String> reasons) {
        if (phone == null || phone.isBlank()) {
            reasons.add("phone: missing");
            return Optional.empty();
        }
        PhoneNumber parsed;
        try {
            parsed = this.phones.parse(phone, "US");
        }
        catch (NumberParseException ex) {
            reasons.add("phone: not a phone number (" + ex.getErrorType().name().toLowerCase(Locale.ROOT) + ")");
            return Optional.empty();
        }
        if (parsed.getCountryCode() != 1) {
            reasons.add("phone: country code +" + parsed.getCountryCode() + " is outside the NANP");
            return Optional.empty();
        }
        String national = String.valueOf(parsed.getNationalNumber());
        if (national.length() != 10) {
            reasons.add("phone: a NANP number has 10 digits, this one has " + national.length());
            return Optional.empty();
        }
        String npa = national.substring(0, 3);
        Optional<AreaCode> code = this.nanp.lookup(npa);
        if (code.isEmpty() || !code.get().geographic()) {
            reasons.add("phone: " + npa + " is not a geographic area code (" + kind(npa) + ")");
            return Optional.empty();
        }
        if (!code.get().isUnitedStates()) {
            reasons.add("phone: area code " + npa + " is in " + code.get().country() + ", not the US");
            return Optional.empty();
        }
        if (national.substring(3, 6).equals("555") && national.startsWith("01", 6)) {
            reasons.add("phone: 555-01XX numbers are fictional");
            return Optional.empty();
        }
        return code;
    }

    private Optional<String> fromState(String state, List<String> reasons) {
        if (state == null || state.isBlank()) {
            reasons.add("state: missing");
            return Optional.empty();
        }
        String normalized = state.trim().toUpperCase(Locale.ROOT);
        if (this.nanp.geographicCodesIn(normalized).stream().noneMatch(AreaCode::isUnitedStates)) {
            reasons.add("state: '" + state.trim() + "' is not a US state or territory code");
            return Optional.empty();
        }
        return Optional.of(normalized);
    }

    private static String kind(String npa) {
        if (npa.matches("8(00|33|44|55|66|77|88)")) {
            return "toll-free";
        }
        if (npa.charAt(1) == '1' && npa.charAt(2) == '1') {
            return "N11 service code";
        }
        if (npa.startsWith("5") && npa.charAt(1) == npa.charAt(2) || npa.startsWith("52") || npa.equals("533")) {
            return "personal communications service";
        }
        if (npa.equals("900")) {
            return "premium rate";
        }
        return "not assigned to a region";
    }

    /**
     * Where the ladder starts.
     *
     * @param areaCode the tenant's own area code, or null when only the state is known
     * @param state two-letter state or territory
     * @param source the field it came from ({@code phone} or {@code state}), or null when unresolvable
     * @param reason why no origin could be found, or null
     */
    public record Origin(AreaCode areaCode, String state, String source, String reason) {

        public static Origin areaCode(AreaCode code, String source) {
            return new Origin(code, code.region(), source, null);
        }

        public static Origin state(String state, String source) {
            return new Origin(null, state, source, null);
        }

        public static Origin unresolvable(String reason) {
            return new Origin(null, null, null, reason);
        }

        public boolean resolved() {
            return this.source != null;
        }

    }

}
