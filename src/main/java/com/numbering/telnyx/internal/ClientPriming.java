package com.numbering.telnyx.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import javax.ws.rs.client.Client;
import javax.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.numbering.telnyx.TelnyxGateway.InventoryPage;

/**
 * Primes the Telnyx client while the process starts: one request through the real client (its Jersey runtime, the
 * Apache connector, the JSON reader) and one page read by {@link TelnyxJson}, answered by a loopback socket this
 * class opens for that one answer. Nothing leaves the machine, no API key is sent and no budget is spent.
 * <p>
 * Why: a cold JVM's first Telnyx call spends a few hundred milliseconds loading and compiling that path, and until
 * it is done the other calls wait ({@link com.numbering.pacing.AccountPacing}), so that they do not all stall and
 * then leave in a burst. Each pod is a fresh JVM, so every run paid that after its first turn in the account's
 * budget: a tenth of a 10,000-number reconciliation at 10 requests/second. Primed, the path is warm and nobody needs
 * to wait for a first call. Priming runs beside Spring Batch's own start, in a daemon thread; if it fails it only
 * logs, and the first call goes alone as before.
 */
final class ClientPriming {

    private static final Logger log = LoggerFactory.getLogger(ClientPriming.class);

    /** The shape of {@code GET /v2/phone_numbers}, with a fictional (555-01XX) number. */
    private static final String SAMPLE_PAGE = """
            {"data":[{"record_type":"phone_number","id":"1293384261075731499","phone_number":"+15555550100",\
            "status":"active","phone_number_type":"local","connection_id":"1494404757140276705",\
            "customer_reference":"priming","messaging_profile_id":null,"tags":["priming"]}],\
            "meta":{"page_number":1,"page_size":250,"total_pages":1,"total_results":1}}""";

    private static final int TIMEOUT_MILLIS = 10_000;

    private ClientPriming() {
    }

    /** @param primed what to do once the path is warm (let the first calls go together) */
    static void startInBackground(Client client, TelnyxJson json, Runnable primed) {
        daemonThread("telnyx-client-priming").execute(() -> {
            if (prime(client, json)) {
                primed.run();
            }
        });
    }

    /** @return whether the sample page went through the whole path */
    static boolean prime(Client client, TelnyxJson json) {
        long start = System.nanoTime();
        try (ServerSocket loopback = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            loopback.setSoTimeout(TIMEOUT_MILLIS);
            // Its own thread: a task in the shared pool could wait behind others and leave the request unanswered.
            CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> answerOnce(loopback),
                    daemonThread("telnyx-client-priming-answer"));
            JsonNode body = client.target("http://" + loopback.getInetAddress().getHostAddress() + ":"
                    + loopback.getLocalPort())
                .path("/v2/phone_numbers")
                .queryParam("page[number]", 1)
                .request(MediaType.APPLICATION_JSON_TYPE)
                .get(JsonNode.class);
            InventoryPage page = json.inventoryPage(body, 1);
            answered.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            log.debug("Telnyx client primed in {} ms", (System.nanoTime() - start) / 1_000_000);
            return page.numbers().size() == 1;
        }
        catch (Exception | LinkageError ex) {
            log.debug("Priming the Telnyx client failed (the first call will only be slower): {}", ex.toString());
            return false;
        }
    }

    /** Runs each task on a new daemon thread of that name: priming never holds up the process's exit. */
    private static Executor daemonThread(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        };
    }

    private static void answerOnce(ServerSocket loopback) {
        try (Socket connection = loopback.accept()) {
            connection.setSoTimeout(TIMEOUT_MILLIS);
            readRequestHead(connection.getInputStream());
            byte[] body = SAMPLE_PAGE.getBytes(StandardCharsets.UTF_8);
            OutputStream out = connection.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        }
        catch (IOException ex) {
            throw new IllegalStateException("the loopback answer failed", ex);
        }
    }

    /** A GET has no body: the request ends with its blank line. */
    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = { '\r', '\n', '\r', '\n' };
        for (int next = in.read(); next >= 0; next = in.read()) {
            matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
            if (matched == end.length) {
                return;
            }
        }
    }

}
