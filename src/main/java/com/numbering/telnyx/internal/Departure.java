package com.numbering.telnyx.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.http.HttpClientConnection;
import org.apache.http.HttpException;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.protocol.HttpContext;
import org.apache.http.protocol.HttpRequestExecutor;
import org.glassfish.jersey.apache.connector.ApacheHttpClientBuilderConfigurator;

import com.numbering.telnyx.TelnyxException;

/**
 * The latest instant a paced request may start to leave ({@link com.numbering.telnyx.TelnyxGateway#sendMessage}),
 * checked by the HTTP client itself: after the connection is leased and open, right before the request's first byte
 * is written. Whatever the request met on its way from its slot (a new connection's set-up or TLS handshake, a code
 * path still cold in a fresh pod, a pause of the JVM) counts, and a request that would leave late is not written at
 * all ({@link Missed}): nothing was sent, so its sender may give it a later slot. A request without a deadline (every
 * other call) is not checked.
 */
final class Departure {

    private static final ThreadLocal<Instant> LEAVE_BY = new ThreadLocal<>();

    private Departure() {
    }

    /**
     * The first attempt of {@code call} must leave by {@code leaveBy}; a retry after a 429 ({@link TelnyxCalls}: Telnyx
     * did not take the first) waits for the account's pause instead, as any retry does.
     */
    static <T> TelnyxCalls.Call<T> firstBy(Instant leaveBy, TelnyxCalls.Call<T> call) {
        AtomicBoolean first = new AtomicBoolean(true);
        return () -> {
            if (!first.getAndSet(false)) {
                return call.run();
            }
            LEAVE_BY.set(leaveBy);
            try {
                return call.run();
            }
            finally {
                LEAVE_BY.remove();
            }
        };
    }

    /**
     * @return {@code failure} as what it is when a request of {@code operation} was not written for being late (a
     *         {@link Missed} among its causes), else null
     */
    static TelnyxException.Late lateIn(String operation, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Missed missed) {
                return new TelnyxException.Late(operation + ": " + missed.getMessage(), failure);
            }
        }
        return null;
    }

    /** Gives the Apache client the executor that checks the deadline (Jersey's Apache connector builds the client). */
    static final class Check implements ApacheHttpClientBuilderConfigurator {

        @Override
        public HttpClientBuilder configure(HttpClientBuilder builder) {
            return builder.setRequestExecutor(new CheckingExecutor());
        }

    }

    private static final class CheckingExecutor extends HttpRequestExecutor {

        @Override
        protected HttpResponse doSendRequest(HttpRequest request, HttpClientConnection connection, HttpContext context)
                throws IOException, HttpException {
            Instant leaveBy = LEAVE_BY.get();
            if (leaveBy != null && Instant.now().isAfter(leaveBy)) {
                throw new Missed(leaveBy);
            }
            return super.doSendRequest(request, connection, context);
        }

    }

    /**
     * Not written: it would have left after its deadline. An {@link InterruptedIOException}, which Apache's retry
     * handler never retries: the sender decides, with a new slot.
     */
    static final class Missed extends InterruptedIOException {

        Missed(Instant leaveBy) {
            super("not sent: it would have left after " + leaveBy + ", the latest its slot allows");
        }

    }

}
