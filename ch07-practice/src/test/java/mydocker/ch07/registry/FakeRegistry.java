package mydocker.ch07.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registry that answers what the test tells it to, on 127.0.0.1 (or
 * another loopback address): the hostile registry of the attack tests, which
 * a real one will not be. Each request is recorded with its Authorization
 * header, so a test can see where credentials went.
 */
final class FakeRegistry implements AutoCloseable {
    /** One request as it arrived. */
    record Request(String method, String path, String authorization) {}

    private final HttpServer server;
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeRegistry(HttpServer server) {
        this.server = server;
    }

    static FakeRegistry start() throws IOException {
        return start(InetAddress.getLoopbackAddress());
    }

    static FakeRegistry start(InetAddress address) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        FakeRegistry registry = new FakeRegistry(server);
        server.createContext("/", registry::handle);
        server.start();
        return registry;
    }

    /** {@code ADDRESS:PORT}. */
    String host() {
        return server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort();
    }

    /** Answers {@code METHOD PATH} (query left out) with {@code handler}. */
    FakeRegistry on(String method, String path, HttpHandler handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    /** Answers {@code GET PATH} with {@code status}, {@code body} of {@code type}. */
    FakeRegistry serve(String path, String type, byte[] body) {
        return on("GET", path, exchange -> respond(exchange, 200, Map.of("Content-Type", type), body));
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(new Request(
                exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Authorization")));
        exchange.getRequestBody().readAllBytes();
        HttpHandler handler = routes.get(exchange.getRequestMethod() + " " + path);
        if (handler == null && path.equals("/v2/")) {
            respond(exchange, 200, Map.of(), "{}".getBytes());
        } else if (handler == null) {
            respond(
                    exchange,
                    404,
                    Map.of("Content-Type", "application/json"),
                    "{\"errors\":[{\"code\":\"NOT_FOUND\",\"message\":\"not here\"}]}".getBytes());
        } else {
            handler.handle(exchange);
        }
    }

    static void respond(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
