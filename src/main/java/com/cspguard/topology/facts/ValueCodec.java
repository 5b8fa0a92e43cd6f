package com.cspguard.topology.facts;

/** Turns one store value type into bytes and back. */
public interface ValueCodec<T> {
    byte[] write(T value);

    T read(byte[] bytes);
}
