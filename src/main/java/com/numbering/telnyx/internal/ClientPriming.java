package com.numbering.telnyx.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.ws.rs.client.Client;
import javax.ws.rs.client.Entity;
import javax.ws.rs.client.WebTarget;
import javax.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.numbering.telnyx.TelnyxGateway.InventoryPage;
import com.numbering.telnyx.TelnyxGateway.SentMessage;
import com.telnyx.sdk.model.CreateMessageRequest;
import com.telnyx.sdk.model.MessageResponse;

/**
 * Primes the Telnyx client while the process starts: one request through the real client (its Jersey runtime, the
 * Apache connector, the JSON reader) and one page read by {@link TelnyxJson}, then one message sent the way an alert
 * is (the SDK's request model written, its answer model read: the largest the client has), each answered by a
 * loopback socket this class opens for that one answer. Nothing leaves the machine, no API key is sent and no budget
 * is spent.
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

    /** The shape of {@code POST /v2/messages}'s answer, with fictional (555-01XX) numbers. */
    private static final String SAMPLE_MESSAGE = """
            {"data":{"record_type":"message","direction":"outbound","id":"40385f64-5717-4562-b3fc-2c963f66afa6",\
            "type":"SMS","messaging_profile_id":"4001767e-ce0f-4cae-9d5f-0d5e636e7809",\
            "organization_id":"b448f9cc-a842-4784-98e9-03c1a5872950",\
            "from":{"phone_number":"+15555550100","carrier":"TELNYX LLC","line_type":"VoIP"},\
            "to":[{"phone_number":"+15555550101","status":"queued","carrier":"T-MOBILE USA, INC.",\
            "line_type":"Wireless"}],"cc":[],"text":"priming","subject":null,"media":[],"encoding":"GSM-7","parts":1,\
            "num_chars":7,"tags":[],"cost":{"amount":"0.0040","currency":"USD"},\
            "received_at":"2026-01-01T00:00:00.000+00:00","sent_at":null,"completed_at":null,\
            "valid_until":"2026-01-01T04:00:00.000+00:00","wait_seconds":0.0,"errors":[],\
            "webhook_url":"https://example.test/webhooks","webhook_failover_url":null,"tcr_campaign_id":null,\
            "tcr_campaign_registered":null,"tcr_campaign_billable":false,"smart_encoding_applied":false}}""";

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

    /** @return whether the sample page and the sample message went through the whole path */
    static boolean prime(Client client, TelnyxJson json) {
        long start = System.nanoTime();
        try {
            InventoryPage page = json.inventoryPage(exchange(SAMPLE_PAGE,
                    base -> base.path("/v2/phone_numbers")
                        .queryParam("page[number]", 1)
                        .request(MediaType.APPLICATION_JSON_TYPE)
                        .get(JsonNode.class),
                    client), 1);
            CreateMessageRequest message = new CreateMessageRequest().from("+15555550100")
                .to("+15555550101")
                .text("priming");
            SentMessage sent = json.sentMessage(exchange(SAMPLE_MESSAGE,
                    base -> base.path("/v2/messages")
                        .request(MediaType.APPLICATION_JSON_TYPE)
                        .post(Entity.json(message), MessageResponse.class),
                    client).getData());
            log.debug("Telnyx client primed in {} ms", (System.nanoTime() - start) / 1_000_000);
            return page.numbers().size() == 1 && sent.parts() == 1;
        }
        catch (Exception | LinkageError ex) {
            log.debug("Priming the Telnyx client failed (the first call will only be slower): {}", ex.toString());
            return false;
        }
    }

    /** One request through the client to a loopback socket that answers {@code answer} once. */
    private static <T> T exchange(String answer, Function<WebTarget, T> request, Client client) throws Exception {
        try (ServerSocket loopback = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            loopback.setSoTimeout(TIMEOUT_MILLIS);
            // Its own thread: a task in the shared pool could wait behind others and leave the request unanswered.
            CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> answerOnce(loopback, answer),
                    daemonThread("telnyx-client-priming-answer"));
            T body = request.apply(client.target("http://" + loopback.getInetAddress().getHostAddress() + ":"
                    + loopback.getLocalPort()));
            answered.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            return body;
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

    private static void answerOnce(ServerSocket loopback, String answer) {
        try (Socket connection = loopback.accept()) {
            connection.setSoTimeout(TIMEOUT_MILLIS);
            InputStream in = connection.getInputStream();
            // the request's body, if any, read to its end: a socket closed on unread bytes resets the connection
            skipBody(in, readRequestHead(in));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
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

    /** @return the request's head, line by line, up to its blank line */
    private static List<String> readRequestHead(InputStream in) throws IOException {
        List<String> head = new ArrayList<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            head.add(line);
        }
        return head;
    }

    /** Reads the body the head announces: by its length, or chunk by chunk (Jersey's default for a POST). */
    private static void skipBody(InputStream in, List<String> head) throws IOException {
        for (String line : head) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
                return;
            }
            if (line.regionMatches(true, 0, "Transfer-Encoding:", 0, 18) && line.toLowerCase().contains("chunked")) {
                for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                    in.readNBytes(size + 2);
                }
                readLine(in);
                return;
            }
        }
    }

    private static int chunkSize(InputStream in) throws IOException {
        String line = readLine(in);
        int extension = line.indexOf(';');
        return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int next = in.read(); next >= 0 && next != '\n'; next = in.read()) {
            if (next != '\r') {
                line.append((char) next);
            }
        }
        return line.toString();
    }

}
