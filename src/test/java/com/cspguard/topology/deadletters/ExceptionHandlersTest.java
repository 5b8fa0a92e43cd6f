package com.cspguard.topology.deadletters;

import com.cspguard.topology.deadletters.PoisonRecords.InFlight;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the configured exception handlers answer, error by error. */
class ExceptionHandlersTest {
    private static final String DLQ = "transfer-guard-dlq";
    private static final byte[] KEY = "tenant-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "{\"transferId\":\"t-1\"}".getBytes(StandardCharsets.UTF_8);

    @AfterEach
    void clear() {
        PoisonRecords.shared().done();
    }

    private static Map<String, Object> config(String guarantee) {
        return Map.of("errors.dead.letter.queue.topic.name", DLQ, "processing.guarantee", guarantee,
                "application.id", "guard-unit", "producer.max.request.size", "65536");
    }

    private static ErrorHandlerContext context(String topic, long offset) {
        return new ErrorHandlerContext() {
            public String topic() { return topic; }
            public int partition() { return 2; }
            public long offset() { return offset; }
            public Headers headers() { return new RecordHeaders(); }
            public String processorNodeId() { return "tenant-guard"; }
            public TaskId taskId() { return new TaskId(1, 2); }
            public long timestamp() { return 1_000L; }
            public byte[] sourceRawKey() { return KEY; }
            public byte[] sourceRawValue() { return VALUE; }
        };
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static DeadLetterProcessingHandler processing() {
        DeadLetterProcessingHandler h = new DeadLetterProcessingHandler();
        h.configure(config("exactly_once_v2"));
        return h;
    }

    private static DeadLetterProductionHandler production(String guarantee) {
        DeadLetterProductionHandler h = new DeadLetterProductionHandler();
        h.configure(config(guarantee));
        return h;
    }

    @Test
    void aProcessingErrorOfARecordDeadLettersItAndContinues() {
        var response = processing().handleError(context("offer-catalog", 7), new Record<>(KEY, VALUE, 1_000L),
                new IllegalStateException("boom"));
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> dl = response.deadLetterQueueRecords().get(0);
        assertThat(dl.topic()).isEqualTo(DLQ);
        assertThat(dl.key()).isEqualTo(KEY);
        assertThat(dl.value()).isEqualTo(VALUE);
        assertThat(header(dl, DeadLetterRecord.ERROR_REASON)).isEqualTo("processing failed: IllegalStateException: boom");
        assertThat(header(dl, DeadLetterRecord.ERROR_OFFSET)).isEqualTo("7");
    }

    @Test
    void kafkaErrorsAndRollbacksFailTheTaskSoItIsRecovered() {
        assertThat(processing().handleError(context("t", 1), new Record<>(KEY, VALUE, 1L), new StreamsException("send failed"))
                .result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(processing().handleError(context("t", 1), new Record<>(KEY, VALUE, 1L), new RollbackRequired("x", null))
                .result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    }

    @Test
    void aFailedPunctuationIsLoggedAndRunsAgain() {
        var response = processing().handleError(context(null, -1), null, new IllegalStateException("boom"));
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void retriableSendErrorsAreRetriedAndOthersNotOfTheRecordFail() {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>("transfer-decisions", KEY, VALUE);
        DeadLetterProductionHandler h = production("exactly_once_v2");
        assertThat(h.handleError(context("transfer-requests", 1), out, new TimeoutException("slow")).result())
                .isEqualTo(ProductionExceptionHandler.Result.RETRY);
        assertThat(h.handleError(context("transfer-requests", 1), out, new AuthorizationException("no")).result())
                .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }

    @Test
    void underExactlyOnceARefusedWriteHoldsTheInputTheProcessorMarkedAndLetsTheWriteReturn() {
        PoisonRecords.shared().processing(new InFlight("guard-unit", "transfer-requests", 4, 99, KEY, VALUE,
                new RecordHeaders(), 1_000L));
        ProducerRecord<byte[], byte[]> changelog = new ProducerRecord<>("guard-unit-guard-state-changelog", KEY, VALUE);
        var response = production("exactly_once_v2").handleError(context(null, -1), changelog,
                new RecordTooLargeException("too big"));
        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(PoisonRecords.shared().heldWhileProcessing())
                .isEqualTo("output could not be written to guard-unit-guard-state-changelog: RecordTooLargeException: too big");
        assertThat(PoisonRecords.shared().take("guard-unit", "transfer-requests", 4, 99)).isNotNull();
    }

    @Test
    void underAtLeastOnceARefusedOutputDeadLettersTheInputAndContinues() {
        PoisonRecords.shared().processing(new InFlight("guard-unit", "transfer-requests", 4, 99, KEY, VALUE,
                new RecordHeaders(), 1_000L));
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>("transfer-decisions", KEY, new byte[70_000]);
        var response = production("at_least_once").handleError(context("transfer-requests", 99), out,
                new RecordTooLargeException("too big"));
        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> dl = response.deadLetterQueueRecords().get(0);
        assertThat(dl.value()).isEqualTo(VALUE);
        assertThat(header(dl, DeadLetterRecord.ERROR_REASON)).startsWith("output could not be written to transfer-decisions");
        assertThat(PoisonRecords.shared().holds("guard-unit", "transfer-requests", 4, 99)).isFalse();
    }

    @Test
    void anErrorNamingNoInputIsLoggedAndTheStreamGoesOn() {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>("transfer-decisions", KEY, VALUE);
        var response = production("exactly_once_v2").handleError(context(null, -1), out, new RecordTooLargeException("x"));
        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }
}
