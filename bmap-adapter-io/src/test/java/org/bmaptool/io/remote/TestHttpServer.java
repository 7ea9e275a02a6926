package org.bmaptool.io.remote;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server on 127.0.0.1 for the tests: serves files with or without Range
 * support, behind Basic authentication, behind a redirect, refuses with a given status,
 * and can drop the connection
 * in the middle of a body, once or every time.
 */
final class TestHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final List<String> ranges = new CopyOnWriteArrayList<>();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicInteger requests = new AtomicInteger();
    volatile boolean honourRange = true;
    /** Drop the connection after this many body bytes of the next {@link #dropsLeft} responses. */
    volatile long dropAfter = -1;
    final AtomicInteger dropsLeft = new AtomicInteger();

    TestHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Serves {@code content} at {@code path}. */
    TestHttpServer file(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    /** Serves {@code content} at {@code /secret/NAME} to user {@code user} with {@code password} only. */
    TestHttpServer protectedFile(String name, byte[] content, String user, String password) {
        files.put("/secret/" + name, content);
        HttpContext context = server.createContext("/secret/", this::serve);
        context.setAuthenticator(new PasswordCheck(user, password));
        return this;
    }

    /** Answers {@code from} with a 302 to {@code to}. */
    TestHttpServer redirect(String from, String to) {
        server.createContext(from, exchange -> {
            exchange.getResponseHeaders().add("Location", to);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        return this;
    }

    /** Answers {@code path} with the bare status {@code code}, no body. */
    TestHttpServer status(String path, int code) {
        server.createContext(path, exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        return this;
    }

    /** Basic authentication of one user. */
    private static final class PasswordCheck extends BasicAuthenticator {
        private final String user;
        private final String password;

        PasswordCheck(String user, String password) {
            super("bmaptool test");
            this.user = user;
            this.password = password;
        }

        @Override
        public boolean checkCredentials(String u, String p) {
            return user.equals(u) && password.equals(p);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] content = files.get(exchange.getRequestURI().getPath());
        exchange.getRequestBody().readAllBytes();
        if (content == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        String range = exchange.getRequestHeaders().getFirst("Range");
        long from = 0;
        if (range != null) {
            ranges.add(range);
        }
        if (range != null && honourRange && range.startsWith("bytes=") && range.endsWith("-")) {
            from = Long.parseLong(range.substring(6, range.length() - 1));
            exchange.getResponseHeaders().add("Content-Range",
                    "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
            exchange.sendResponseHeaders(206, content.length - from);
        } else {
            exchange.sendResponseHeaders(200, content.length);
        }
        long length = content.length - from;
        long limit = length;
        if (dropAfter >= 0 && dropsLeft.getAndDecrement() > 0) {
            limit = Math.max(0, Math.min(length, dropAfter - from));
        }
        // Closing short of the Content-Length throws; the exception leaving the handler
        // makes the server close the connection: the client sees it drop mid-body. The
        // same happens when the client goes away to skip ahead.
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(content, (int) from, (int) limit);
            out.flush();
            bytesSent.addAndGet(limit);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
