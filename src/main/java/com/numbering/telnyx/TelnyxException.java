package com.numbering.telnyx;

import java.time.Duration;

/**
 * A failed Telnyx call, classified once by the adapter.
 * <ul>
 * <li>{@link Transient}: try again later (429, 5xx, I/O). {@link #retryAfter()} says when, if Telnyx said so.</li>
 * <li>{@link Rejected}: this item cannot be done as asked (number gone, invalid input, not found).</li>
 * <li>{@link Fatal}: nothing will work until a human fixes configuration (bad key, unknown connection).</li>
 * <li>{@link Late}: not sent: the request would have left after the deadline its sender gave it.</li>
 * </ul>
 * Messages never contain the API key, a full phone number or a message body.
 */
public abstract sealed class TelnyxException extends RuntimeException
        permits TelnyxException.Transient, TelnyxException.Rejected, TelnyxException.Fatal, TelnyxException.Late {

    private final int httpStatus;

    private final String errorCode;

    TelnyxException(String message, int httpStatus, String errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** HTTP status, or 0 when no response arrived. */
    public int httpStatus() {
        return this.httpStatus;
    }

    /** Telnyx's error code (e.g. {@code 85001}), or null. */
    public String errorCode() {
        return this.errorCode;
    }

    /** Whether Telnyx may have carried out the request although we did not hear so. */
    public boolean outcomeUnknown() {
        return false;
    }

    public static final class Transient extends TelnyxException {

        private final Duration retryAfter;

        private final boolean outcomeUnknown;

        public Transient(String message, int httpStatus, String errorCode, Duration retryAfter, boolean outcomeUnknown,
                Throwable cause) {
            super(message, httpStatus, errorCode, cause);
            this.retryAfter = retryAfter;
            this.outcomeUnknown = outcomeUnknown;
        }

        /** How long Telnyx asked us to wait ({@code x-ratelimit-reset}), or null. */
        public Duration retryAfter() {
            return this.retryAfter;
        }

        public boolean isRateLimited() {
            return httpStatus() == 429;
        }

        @Override
        public boolean outcomeUnknown() {
            return this.outcomeUnknown;
        }

    }

    public static final class Rejected extends TelnyxException {

        public Rejected(String message, int httpStatus, String errorCode, Throwable cause) {
            super(message, httpStatus, errorCode, cause);
        }

        public boolean isNotFound() {
            return httpStatus() == 404;
        }

    }

    public static final class Fatal extends TelnyxException {

        public Fatal(String message, int httpStatus, String errorCode, Throwable cause) {
            super(message, httpStatus, errorCode, cause);
        }

    }

    /**
     * The request was not sent: it would have left after the deadline its sender gave it
     * ({@link TelnyxGateway#sendMessage}). Nothing reached Telnyx; the sender may try again at a later time of its own.
     */
    public static final class Late extends TelnyxException {

        public Late(String message, Throwable cause) {
            super(message, 0, null, cause);
        }

    }

}
