package com.numbering.launch;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** Receives what a process pushes to a Prometheus Pushgateway, and answers as one does. */
final class FakePushgateway implements AutoCloseable {

    private final HttpServer server;

    private final List<Push> pushes = new CopyOnWriteArrayList<>();

    private FakePushgateway(HttpServer server) {
        this.server = server;
    }

    static FakePushgateway start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FakePushgateway gateway = new FakePushgateway(server);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                gateway.pushes.add(new Push(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return gateway;
    }

    String address() {
        return "127.0.0.1:" + this.server.getAddress().getPort();
    }

    List<Push> pushes() {
        return List.copyOf(this.pushes);
    }

    @Override
    public void close() {
        this.server.stop(0);
    }

    record Push(String method, String path, String body) {
    }

}
