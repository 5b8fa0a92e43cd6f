package com.cspguard.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One pass over the copies of a tenant: which answer wins, and when a stale copy's "unknown tenant" is final. */
class OwnerRouterPassTest {
    private static final ReadRoute.Step ACTIVE = ReadRoute.Step.at(new HostInfo("active", 1));
    private static final ReadRoute.Step STANDBY = ReadRoute.Step.at(new HostInfo("standby", 2));
    private static final ReadRoute.Step HERE_STALE = ReadRoute.Step.here(false);
    private static final HttpResponse<?> NO_COPY = HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE);

    private static HttpResponse<?> staleNotFound() {
        return HttpResponse.notFound().header(OwnerRouter.COPY, OwnerRouter.STALE);
    }

    private static OwnerRouter.Attempt pass(Map<ReadRoute.Step, HttpResponse<?>> answers, ReadRoute.Step... steps) {
        return OwnerRouter.pass(List.of(steps), answers::get, NO_COPY);
    }

    @Test
    void aStaleUnknownTenantWhileTheActiveCopyCannotAnswerIsRetriedNotAnswered() {
        OwnerRouter.Attempt a = pass(Map.of(ACTIVE, HttpResponse.status(HttpStatus.BAD_GATEWAY), HERE_STALE, staleNotFound()),
                ACTIVE, HERE_STALE);
        assertThat(a.answer()).isNull();
        assertThat(a.retriable()).isTrue();
        // what the caller gets if the forward timeout runs out: the stale copy's 404, not a 502
        assertThat(a.failure().getStatus().getCode()).isEqualTo(404);
    }

    @Test
    void aStaleUnknownTenantIsRetriedEvenWhenEveryCopyAnswered() {
        // every copy behind while the active one restores: only a running active copy's 404 is final
        OwnerRouter.Attempt a = pass(Map.of(STANDBY, staleNotFound(), HERE_STALE, staleNotFound()), STANDBY, HERE_STALE);
        assertThat(a.answer()).isNull();
        assertThat(a.retriable()).isTrue();
        assertThat(a.failure().getStatus().getCode()).isEqualTo(404);
    }

    @Test
    void anotherCopysAnswerBeatsAStaleUnknownTenant() {
        OwnerRouter.Attempt a = pass(Map.of(HERE_STALE, staleNotFound(), STANDBY, HttpResponse.ok("{}")), HERE_STALE, STANDBY);
        assertThat(a.answer().getStatus().getCode()).isEqualTo(200);
    }

    @Test
    void theActiveCopysUnknownTenantIsFinalAtOnce() {
        OwnerRouter.Attempt a = pass(Map.of(ACTIVE, HttpResponse.notFound(), STANDBY, HttpResponse.ok("{}")), ACTIVE, STANDBY);
        assertThat(a.answer().getStatus().getCode()).isEqualTo(404);
    }

    @Test
    void noPlaceAbleToAnswerIsARetriableFailureWithTheLastReason() {
        HttpResponse<?> rebalancing = HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE, "rebalancing");
        OwnerRouter.Attempt a = pass(Map.of(ACTIVE, HttpResponse.status(HttpStatus.BAD_GATEWAY), STANDBY, rebalancing), ACTIVE, STANDBY);
        assertThat(a.answer()).isNull();
        assertThat(a.retriable()).isTrue();
        assertThat(a.failure()).isSameAs(rebalancing);
        assertThat(pass(Map.of()).failure()).isSameAs(NO_COPY);
    }
}
