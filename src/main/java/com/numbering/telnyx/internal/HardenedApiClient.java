package com.numbering.telnyx.internal;

import javax.ws.rs.client.Client;
import javax.ws.rs.client.ClientBuilder;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.numbering.telnyx.TelnyxProperties;
import com.telnyx.sdk.ApiClient;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.glassfish.jersey.apache.connector.ApacheClientProperties;
import org.glassfish.jersey.apache.connector.ApacheConnectorProvider;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.JerseyClient;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.multipart.MultiPartFeature;

/**
 * Builds the SDK's {@link ApiClient} with every defect of 2.8.0 that bites a batch job fixed before the first call
 * (docs/telnyx-sdk.md "The Telnyx SDK 2.8.0, hardened"). Fully configured before it is shared between threads.
 */
final class HardenedApiClient {

    private HardenedApiClient() {
    }

    static ApiClient create(TelnyxProperties properties) {
        ApiClient api = new ApiClient();
        // Unknown enum values (new statuses, line_type "Unknown") would otherwise throw after Telnyx did the work.
        ObjectMapper mapper = api.getJSON().getMapper();
        mapper.enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
        // Error codes arrive as JSON strings where the models say Integer.
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, true);
        Client client = ClientBuilder.newClient(clientConfig(api, properties));
        api.setHttpClient(client);
        api.setBasePath(stripTrailingSlash(properties.baseUrl().toString()));
        api.setBearerToken(properties.apiKey());
        // The SDK's defaults are 0: wait forever.
        api.setConnectTimeout((int) properties.connectTimeout().toMillis());
        api.setReadTimeout((int) properties.readTimeout().toMillis());
        if (client instanceof JerseyClient jersey) {
            // Jersey builds its runtime on the first request otherwise: seconds on a busy machine, spent after that
            // request's turn in the account's budget was taken, so the turn went unused. Last: a property set after
            // it would build a new runtime and close the connection pool under it.
            jersey.preInitialize();
        }
        return api;
    }

    private static ClientConfig clientConfig(ApiClient api, TelnyxProperties properties) {
        ClientConfig config = new ClientConfig();
        config.register(MultiPartFeature.class);
        config.register(api.getJSON());
        config.register(JacksonFeature.class);
        config.property(ClientProperties.SUPPRESS_HTTP_COMPLIANCE_VALIDATION, true);
        // A redirect is answered as the error it is: following it would carry the Authorization header elsewhere.
        config.property(ClientProperties.FOLLOW_REDIRECTS, false);
        // Apache HttpClient speaks PATCH natively (HttpURLConnection needs --add-opens on JDK 16+) and pools
        // connections, so that concurrent calls really overlap.
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        pool.setMaxTotal(properties.maxConcurrentRequests());
        pool.setDefaultMaxPerRoute(properties.maxConcurrentRequests());
        config.property(ApacheClientProperties.CONNECTION_MANAGER, pool);
        config.property(ClientProperties.CONNECT_TIMEOUT, (int) properties.connectTimeout().toMillis());
        config.property(ClientProperties.READ_TIMEOUT, (int) properties.readTimeout().toMillis());
        config.connectorProvider(new ApacheConnectorProvider());
        // A paced send that would leave after its slot's deadline is not written (Departure).
        config.register(new Departure.Check());
        return config;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

}
