package com.numbering.telnyx.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.numbering.telnyx.TelnyxProperties;
import com.telnyx.sdk.ApiClient;

/**
 * The SDK's client, built on its own thread while the context goes on creating the other beans: building it (the
 * Jersey runtime, the SDK's JSON mapper) was the slowest bean of the start, and the first call comes seconds later
 * (docs/benchmarks.md "Pod start-up and memory"). The context still waits for it before the job is launched
 * ({@link SdkTelnyxGateway#afterSingletonsInstantiated}), so a client that cannot be built stops the start as before.
 */
final class BackgroundClient implements Supplier<ApiClient> {

    private final CompletableFuture<ApiClient> client = new CompletableFuture<>();

    private BackgroundClient() {
    }

    /** @param then run on the same thread once the client is built (priming it) */
    static BackgroundClient start(TelnyxProperties properties, Consumer<ApiClient> then) {
        BackgroundClient background = new BackgroundClient();
        Thread thread = new Thread(() -> {
            ApiClient api;
            try {
                api = HardenedApiClient.create(properties);
            }
            catch (RuntimeException | LinkageError ex) {
                background.client.completeExceptionally(ex);
                return;
            }
            background.client.complete(api);
            then.accept(api);
        }, "telnyx-client");
        // never holds up the process's exit
        thread.setDaemon(true);
        thread.start();
        return background;
    }

    /** @return the client, once built; its building's failure, if it failed */
    @Override
    public ApiClient get() {
        try {
            return this.client.join();
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (ex.getCause() instanceof Error error) {
                throw error;
            }
            throw ex;
        }
    }

}
