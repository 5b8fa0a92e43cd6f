package com.cspguard.api;

import com.cspguard.wire.Json;
import com.cspguard.wire.ParseResult;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a request body must be before it is read as a transfer or plan request (the contract's
 * "Access"): declared {@code application/json} (else 415), valid UTF-8 (else 400) and exactly one
 * JSON value, nothing after it but white space (else 400). Whether that value is a valid request
 * is {@code InputParser}'s business.
 */
final class JsonBody {
    private JsonBody() { }

    /**
     * The answer to a request whose body is one of the guard's requests: the refusal of the body, a
     * 400 naming each problem {@code parse} finds in it ({@code "invalid <what>: ..."}), or else
     * {@code answer} to the parsed request.
     */
    static <T> HttpResponse<?> answer(HttpRequest<?> request, byte[] body, Function<byte[], ParseResult<T>> parse,
                                      String what, Function<T, HttpResponse<?>> answer) {
        Optional<HttpResponse<?>> refused = refusal(request, body);
        if (refused.isPresent()) {
            return refused.get();
        }
        ParseResult<T> parsed = parse.apply(body);
        if (parsed instanceof ParseResult.Bad<T> bad) {
            return HttpResponse.badRequest(Map.of("message", "invalid " + what + ": " + bad.reason(),
                    "problems", bad.problems()));
        }
        return answer.apply(((ParseResult.Ok<T>) parsed).value());
    }

    /** The refusal of {@code body}, or empty when it may be parsed. */
    static Optional<HttpResponse<?>> refusal(HttpRequest<?> request, byte[] body) {
        Optional<MediaType> type = request.getContentType();
        if (type.isEmpty() || !isJson(type.get())) {
            return Optional.of(HttpResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(Map.of("message",
                    "the body must be application/json, was " + type.map(MediaType::toString).orElse("not declared"))));
        }
        if (body == null || body.length == 0) {
            return Optional.empty(); // the parser names the missing value
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            return Optional.of(bad("the body is not valid UTF-8"));
        }
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            try {
                if (p.nextToken() == null) {
                    return Optional.empty();
                }
                p.skipChildren();
            } catch (IOException e) {
                return Optional.empty(); // the first value itself is malformed: the parser names the problem
            }
            long end = p.currentLocation().getByteOffset();
            JsonToken after;
            try {
                after = p.nextToken();
            } catch (IOException e) {
                after = JsonToken.NOT_AVAILABLE; // garbage that is not even a token
            }
            if (after != null) {
                return Optional.of(bad("the body holds more than one JSON value: trailing bytes after byte " + end));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean isJson(MediaType type) {
        if (!type.getName().equalsIgnoreCase(MediaType.APPLICATION_JSON)) {
            return false;
        }
        return type.getParameters().get("charset").map(c -> c.toLowerCase(Locale.ROOT).replace("\"", ""))
                .map(c -> c.equals("utf-8") || c.equals("utf8")).orElse(true);
    }

    private static HttpResponse<?> bad(String why) {
        return HttpResponse.badRequest(Map.of("message", "invalid body: " + why, "problems", java.util.List.of(why)));
    }
}
