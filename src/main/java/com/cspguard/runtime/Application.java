package com.cspguard.runtime;

import io.micronaut.runtime.Micronaut;

/** Starts CSP Transfer Guard. With no KAFKA_BOOTSTRAP_SERVERS it brings its own Kafka broker. */
public class Application {
    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
