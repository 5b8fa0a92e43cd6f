package com.cspguard.topology.facts;

import com.cspguard.wire.Json;
import com.fasterxml.jackson.databind.JavaType;

import java.io.IOException;

/** Jackson (de)serialisation of one store value type. */
public final class JsonSerde<T> implements ValueCodec<T> {
    private final JavaType type;

    public JsonSerde(Class<T> type) {
        this.type = Json.MAPPER.constructType(type);
    }

    @Override
    public byte[] write(T value) {
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + type, e);
        }
    }

    @Override
    public T read(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + type, e);
        }
    }
}
