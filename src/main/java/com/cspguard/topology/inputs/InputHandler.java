package com.cspguard.topology.inputs;

import com.cspguard.wire.InputLimits;
import com.cspguard.wire.ParseResult;

/**
 * One input topic's handler, always in two steps: {@link #parse} checks the whole record and
 * touches no state (a bad record goes to the dead-letter topic from there), {@link #handle} applies a
 * good one. Adding an input is adding a handler and a line in the processor's topic map.
 */
public interface InputHandler<T> {

    /** Reads and validates the record; changes nothing. */
    ParseResult<T> parse(byte[] key, byte[] value, InputLimits limits);

    /** Applies a record that {@link #parse} accepted. */
    void handle(T value, long nowMillis);
}
