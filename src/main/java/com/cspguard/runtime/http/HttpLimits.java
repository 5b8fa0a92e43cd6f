package com.cspguard.runtime.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyEmbeddedServer;
import jakarta.inject.Singleton;

import java.time.Duration;

/** Puts a {@link HttpLimitsHandler} behind the HTTP/1.1 decoder of every connection the server accepts. */
@Singleton
public class HttpLimits implements BeanCreatedEventListener<NettyEmbeddedServer> {
    static final String HANDLER = "guard-http-limits";
    private final Duration bodyTimeout;

    public HttpLimits(@Value("${guard.http.body-timeout:10s}") Duration bodyTimeout) {
        this.bodyTimeout = bodyTimeout;
    }

    @Override
    public NettyEmbeddedServer onCreated(BeanCreatedEvent<NettyEmbeddedServer> event) {
        NettyEmbeddedServer server = event.getBean();
        server.doOnConnect(pipeline -> {
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null && pipeline.get(HANDLER) == null) {
                pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, HANDLER, new HttpLimitsHandler(bodyTimeout));
            }
            return pipeline;
        });
        return server;
    }
}
