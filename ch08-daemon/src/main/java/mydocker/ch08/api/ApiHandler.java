package mydocker.ch08.api;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mydocker.ch04.image.ImageStore;
import mydocker.ch04.image.Json;
import mydocker.ch08.Log;

/**
 * One connection's requests: each read whole (bounded by {@link ApiServer}),
 * turned into an {@link ApiRequest}, handed to the {@link Router} on a worker
 * thread (the engine's work blocks on disks and processes; the I/O threads
 * must not), and answered with Docker's headers and, on failure, Docker's
 * error body. A malformed request is answered 400 and its connection closed;
 * nothing a client sends ends the daemon.
 */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** Requests served at once; beyond that a client is told to retry (503), not queued without bound. */
    static final int WORKERS = 32;

    private static final Pattern VERSIONED = Pattern.compile("/v([^/]+)(/.*)");
    private static final ThreadPoolExecutor POOL =
            new ThreadPoolExecutor(0, WORKERS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "api-worker");
                t.setDaemon(true);
                return t;
            });

    private final Router router;

    ApiHandler(Router router) {
        this.router = router;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Reply reply = new Reply(ctx, request.method().name(), request.uri(), System.nanoTime());
        if (!request.decoderResult().isSuccess()) {
            String why =
                    "malformed HTTP request: " + request.decoderResult().cause().getMessage();
            reply.send(false, error(HttpResponseStatus.BAD_REQUEST, why));
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        ApiRequest parsed;
        try {
            parsed = parse(request);
        } catch (ApiError e) {
            reply.send(keepAlive, error(e.status(), e.getMessage()));
            return;
        }
        try {
            POOL.execute(() -> answer(parsed, reply, keepAlive));
        } catch (RejectedExecutionException e) {
            String why = "the daemon is serving " + WORKERS + " requests: retry";
            reply.send(false, error(HttpResponseStatus.SERVICE_UNAVAILABLE, why));
        }
    }

    /** The request line and body read once: the version prefix, the query, HEAD as GET. */
    private static ApiRequest parse(FullHttpRequest request) {
        QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
        String path = decoder.path();
        ApiVersion version = ApiVersion.CURRENT;
        Matcher m = VERSIONED.matcher(path);
        if (m.matches()) {
            version = ApiVersion.parse(m.group(1));
            path = m.group(2);
        }
        String method =
                request.method() == HttpMethod.HEAD ? "GET" : request.method().name();
        return new ApiRequest(
                method, path, version, decoder.parameters(), Map.of(), ByteBufUtil.getBytes(request.content()));
    }

    /** The route's answer, whole or streamed; a refusal as Docker's error body. */
    private void answer(ApiRequest request, Reply reply, boolean keepAlive) {
        ApiResponse response;
        try {
            response = router.dispatch(request);
        } catch (Exception e) {
            reply.send(keepAlive, failure(request, e));
            return;
        }
        if (response.stream() != null) {
            reply.stream(response);
            return;
        }
        try {
            byte[] body = response.text() != null
                    ? response.text().getBytes(StandardCharsets.UTF_8)
                    : response.json() == null ? new byte[0] : Json.MAPPER.writeValueAsBytes(response.json());
            FullHttpResponse http = build(
                    response.status(),
                    body,
                    response.text() != null ? "text/plain; charset=utf-8" : "application/json");
            response.headers().forEach((k, v) -> http.headers().set(k, v));
            reply.send(keepAlive, http);
        } catch (java.io.IOException e) {
            reply.send(keepAlive, failure(request, e));
        }
    }

    private static FullHttpResponse failure(ApiRequest request, Exception e) {
        if (e instanceof ApiError api) {
            return error(api.status(), api.getMessage());
        } else if (e instanceof ImageStore.NoSuchImageException) {
            return error(HttpResponseStatus.NOT_FOUND, e.getMessage());
        } else if (e instanceof IllegalArgumentException) {
            return error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        } else if (e instanceof IllegalStateException) {
            // The engine refuses what a container's state forbids (removing a running one): Docker's 409.
            return error(HttpResponseStatus.CONFLICT, e.getMessage());
        }
        Log.error("handling " + request.method() + " " + request.path() + ": " + e);
        return error(HttpResponseStatus.INTERNAL_SERVER_ERROR, String.valueOf(e.getMessage()));
    }

    static FullHttpResponse error(HttpResponseStatus status, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("message", message);
        try {
            return build(status, Json.MAPPER.writeValueAsBytes(body), "application/json");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static FullHttpResponse build(HttpResponseStatus status, byte[] body, String contentType) {
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        dockerHeaders(http)
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (status.equals(HttpResponseStatus.NO_CONTENT) || status.equals(HttpResponseStatus.NOT_MODIFIED)) {
            http.headers().remove(HttpHeaderNames.CONTENT_LENGTH).remove(HttpHeaderNames.CONTENT_TYPE); // no body
        }
        return http;
    }

    /** Where a request's answer goes, and what the -D line about it says. */
    /** What every answer carries, as dockerd's do. */
    private static io.netty.handler.codec.http.HttpHeaders dockerHeaders(HttpResponse http) {
        return http.headers()
                .set("Api-Version", ApiVersion.CURRENT.toString())
                .set("Docker-Experimental", "false")
                .set("Ostype", "linux")
                .set(HttpHeaderNames.SERVER, "mydocker/ch08 (linux)");
    }

    private record Reply(ChannelHandlerContext ctx, String method, String uri, long started) {
        void send(boolean keepAlive, FullHttpResponse r) {
            Log.debug(method + " " + uri + " " + r.status().code() + " "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + "ms");
            if (method.equals("HEAD")) {
                r.content().clear(); // HEAD: the headers of GET, no body
            }
            if (keepAlive) {
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(r);
            } else {
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            }
        }

        /**
         * A body sent as it is written (chunked), each piece waited for, so a slow
         * reader slows the writer instead of filling the daemon's memory; the
         * connection closes at its end. Once the headers are out an error can only
         * end the stream; a client gone is the usual way a followed log ends.
         */
        void stream(ApiResponse response) {
            Log.debug(method + " " + uri + " " + response.status().code() + " (streamed)");
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.status());
            dockerHeaders(head).set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            response.headers().forEach((k, v) -> head.headers().set(k, v));
            // A followed log may be quiet for long: the request's read deadline no longer applies.
            if (ctx.pipeline().get("timeout") != null) {
                ctx.pipeline().remove("timeout");
            }
            try {
                ctx.writeAndFlush(head).sync();
                response.stream()
                        .writeTo(bytes -> ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)))
                                .sync());
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
            } catch (Exception e) {
                Log.debug(method + " " + uri + ": stream ended: " + e);
                ctx.close();
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof ReadTimeoutException)) {
            Log.debug("connection closed: " + cause);
        }
        ctx.close();
    }
}
