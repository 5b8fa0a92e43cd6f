package com.cspguard.runtime.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Right behind Netty's HTTP/1.1 decoder, before Micronaut sees a request: a request line above
 * {@code GUARD_MAX_URI_BYTES} is answered 414, headers above {@code GUARD_MAX_HEADER_BYTES} 431
 * (Micronaut would say 413 for both, like a large body), and a request whose body has not fully
 * arrived within {@code GUARD_HTTP_BODY_TIMEOUT} of its headers is answered 408 and its
 * connection closed: a slow or incomplete body cannot hold a connection. One per connection.
 */
final class HttpLimitsHandler extends ChannelDuplexHandler {
    private final long bodyTimeoutMillis;
    private ScheduledFuture<?> bodyDeadline;
    private boolean refused;

    HttpLimitsHandler(Duration bodyTimeout) {
        this.bodyTimeoutMillis = bodyTimeout.toMillis();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg); // whatever follows a refused request on this connection
            return;
        }
        if (msg instanceof HttpRequest request) {
            if (request.decoderResult().isFailure()) {
                Throwable cause = request.decoderResult().cause();
                if (cause instanceof TooLongHttpLineException) {
                    refuse(ctx, msg, HttpResponseStatus.REQUEST_URI_TOO_LONG, "the request line is too long (GUARD_MAX_URI_BYTES)");
                    return;
                }
                if (cause instanceof TooLongHttpHeaderException) {
                    refuse(ctx, msg, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                            "the request headers are too large (GUARD_MAX_HEADER_BYTES)");
                    return;
                }
            }
            if (!(msg instanceof FullHttpRequest) && expectsBody(request) && bodyTimeoutMillis > 0) {
                bodyDeadline = ctx.executor().schedule(() -> refuse(ctx, null, HttpResponseStatus.REQUEST_TIMEOUT,
                        "the request body did not arrive within GUARD_HTTP_BODY_TIMEOUT"), bodyTimeoutMillis, TimeUnit.MILLISECONDS);
            }
        }
        if (msg instanceof LastHttpContent || msg instanceof FullHttpRequest) {
            cancelDeadline(); // the whole body is here
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean expectsBody(HttpRequest request) {
        return HttpUtil.getContentLength(request, 0L) > 0 || HttpUtil.isTransferEncodingChunked(request);
    }

    private void cancelDeadline() {
        if (bodyDeadline != null) {
            bodyDeadline.cancel(false);
            bodyDeadline = null;
        }
    }

    private void refuse(ChannelHandlerContext ctx, Object msg, HttpResponseStatus status, String message) {
        if (msg != null) {
            ReferenceCountUtil.release(msg);
        }
        if (refused || !ctx.channel().isActive()) {
            return;
        }
        refused = true;
        cancelDeadline();
        byte[] body = ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set("X-Content-Type-Options", "nosniff")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelDeadline();
        super.channelInactive(ctx);
    }
}
