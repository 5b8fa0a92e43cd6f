package com.cspguard.wire;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads the fields of one JSON object and collects every problem with its dotted path, so a
 * bad record is rejected with a reason that names exactly what is wrong
 * (for example {@code missing field: subscription.id}). JSON null counts as absent.
 */
final class FieldReader {
    private final List<String> problems;
    private final JsonNode node;
    private final String prefix;
    private final InputLimits limits;

    FieldReader(JsonNode node, String prefix, List<String> problems, InputLimits limits) {
        this.node = node;
        this.prefix = prefix;
        this.problems = problems;
        this.limits = limits;
    }

    static FieldReader root(JsonNode node, InputLimits limits) {
        return new FieldReader(node, "", new ArrayList<>(), limits);
    }

    List<String> problems() {
        return problems;
    }

    String path(String field) {
        return prefix + field;
    }

    private JsonNode present(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private JsonNode required(String field) {
        JsonNode value = present(field);
        if (value == null) {
            problems.add("missing field: " + path(field));
        }
        return value;
    }

    private void wrongType(String field, String expected) {
        problems.add("wrong type: " + path(field) + " (expected " + expected + ")");
    }

    String text(String field, boolean required) {
        JsonNode value = required ? required(field) : present(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            wrongType(field, "string");
            return null;
        }
        String text = value.asText();
        if (required && text.isBlank()) {
            problems.add("empty field: " + path(field));
            return null;
        }
        return checkedLength(path(field), text);
    }

    /** {@code text}, or null with a problem when it is longer than any string field may be. */
    private String checkedLength(String path, String text) {
        if (text.length() > limits.maxStringLength()) {
            problems.add("too long: " + path + " has " + text.length() + " characters (at most "
                    + limits.maxStringLength() + ")");
            return null;
        }
        return text;
    }

    Instant instant(String field, boolean required) {
        String raw = text(field, required);
        if (raw == null) {
            return null;
        }
        Instant instant;
        try {
            instant = IsoInstants.parse(raw);
        } catch (DateTimeParseException e) {
            problems.add("invalid instant: " + path(field) + " '" + raw + "' (expected ISO-8601 UTC)");
            return null;
        }
        if (instant.isBefore(InputLimits.EARLIEST) || instant.isAfter(InputLimits.LATEST)) {
            problems.add(outOfRange(field, raw));
            return null;
        }
        return instant;
    }

    /** Times outside 1970..9999 would overflow epoch milliseconds or date arithmetic further on. */
    private String outOfRange(String field, String raw) {
        return "out of range: " + path(field) + " '" + raw + "' (expected a time between "
                + InputLimits.EARLIEST_DATE + " and " + InputLimits.LATEST_DATE + ")";
    }

    /** True when the field is present and not JSON null. */
    boolean has(String field) {
        return present(field) != null;
    }

    /** A date, or an instant naming that date (Partner Center writes midnight instants). */
    LocalDate date(String field) {
        return date(field, false);
    }

    LocalDate date(String field, boolean required) {
        String raw = text(field, required);
        if (raw == null) {
            return null;
        }
        LocalDate date;
        try {
            date = raw.length() <= 10 ? IsoInstants.parseDate(raw) : IsoInstants.parse(raw).atOffset(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException e) {
            problems.add("invalid date: " + path(field) + " '" + raw + "' (expected a date or an ISO-8601 instant)");
            return null;
        }
        if (date.isBefore(InputLimits.EARLIEST_DATE) || date.isAfter(InputLimits.LATEST_DATE)) {
            problems.add(outOfRange(field, raw));
            return null;
        }
        return date;
    }

    Integer nonNegativeInt(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            wrongType(field, "integer");
            return null;
        }
        if (value.intValue() < 0) {
            problems.add("out of range: " + path(field) + " " + value.intValue() + " (expected >= 0)");
            return null;
        }
        return value.intValue();
    }

    boolean bool(String field, boolean defaultValue) {
        JsonNode value = present(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            wrongType(field, "boolean");
            return defaultValue;
        }
        return value.booleanValue();
    }

    /** An enum value, read case-insensitively. */
    <E extends Enum<E>> E enumValue(String field, Class<E> type, E defaultValue, boolean required) {
        String raw = text(field, required);
        if (raw == null) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            problems.add("unknown value: " + path(field) + " '" + raw + "' (expected one of " + allowed + ")");
            return defaultValue;
        }
    }

    FieldReader object(String field, boolean required) {
        JsonNode value = required ? required(field) : present(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            wrongType(field, "object");
            return null;
        }
        return new FieldReader(value, path(field) + ".", problems, limits);
    }

    /**
     * The objects of an array field, at most {@code maxElements} of them (more is a problem and
     * none is read); each element gets its own path {@code field[i].}.
     */
    List<FieldReader> objects(String field, boolean required, int maxElements) {
        JsonNode value = present(field);
        if (value != null && value.isArray() && value.size() > maxElements) {
            problems.add("too many elements: " + path(field) + " has " + value.size() + " (at most " + maxElements + ")");
            return new ArrayList<>();
        }
        return elements(field, required, "object", JsonNode::isObject,
                (element, i) -> new FieldReader(element, path(field) + "[" + i + "].", problems, limits));
    }

    List<String> texts(String field) {
        return elements(field, false, "string", JsonNode::isTextual, (element, i) -> {
            String text = element.asText();
            checkedLength(path(field) + "[" + i + "]", text);
            return text;
        });
    }

    /** Like {@link #texts}, and a blank element is a problem too. */
    List<String> nonBlankTexts(String field) {
        return elements(field, false, "string", JsonNode::isTextual, (element, i) -> {
            if (element.asText().isBlank()) {
                problems.add("empty field: " + path(field) + "[" + i + "]");
            }
            return element.asText();
        });
    }

    /** The elements of an array field that have the expected type; each other one is a problem. */
    private <T> List<T> elements(String field, boolean required, String expected,
                                 java.util.function.Predicate<JsonNode> typed,
                                 java.util.function.BiFunction<JsonNode, Integer, T> read) {
        JsonNode value = required ? required(field) : present(field);
        List<T> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!value.isArray()) {
            wrongType(field, "array");
            return out;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (typed.test(element)) {
                out.add(read.apply(element, i));
            } else {
                problems.add("wrong type: " + path(field) + "[" + i + "] (expected " + expected + ")");
            }
        }
        return out;
    }
}
