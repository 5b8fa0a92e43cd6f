package com.cspguard.topology;

import com.cspguard.topology.config.GuardSettings;
import com.cspguard.domain.AlertCode;
import com.cspguard.domain.Severity;
import com.cspguard.topology.views.OpsView;
import com.cspguard.topology.views.OpsViewBuilder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.cspguard.topology.Fixtures.event;
import static com.cspguard.topology.Fixtures.request;
import static com.cspguard.topology.Fixtures.sub;
import static org.assertj.core.api.Assertions.assertThat;

/** The operations view a task publishes from its indexes (tenants, deadlines, open transfers). */
class OpsViewTest {
    private static final Instant T0 = GuardDriver.START; // 2026-11-23T10:00:00Z
    private static final String BIG = "tenant-big";
    private static final String SMALL = "tenant-small";
    private static final String DUE = "tenant-deadlines";
    private static final String PARTNER = "BF8C56AB-0000-4000-8000-00000000000A";
    /** Deadlines made again at every publication, so each view here shows the events before it. */
    private final GuardDriver d = new GuardDriver(GuardSettings.defaults().withOps(new GuardSettings.OpsViewSettings(
            Duration.ofSeconds(2), Duration.ofDays(14), Duration.ZERO)));

    @AfterEach
    void close() {
        d.close();
    }

    /**
     * The defaults, with a view at every interval: these tests count views, and on a loaded machine a
     * view of a thousand fact reads may take long enough for the pacing to skip the next one.
     */
    private static GuardDriver everyView() {
        return new GuardDriver(GuardSettings.defaults().withOps(GuardSettings.OpsViewSettings.defaults().unpaced()));
    }

    private OpsView view() {
        d.processor.publishOpsView(d.wallClock().toEpochMilli());
        List<OpsView> views = d.views.current();
        assertThat(views).hasSize(1);
        return views.get(0);
    }

    private static OpsView.TenantRow tenant(OpsView v, String id) {
        return v.tenants().stream().filter(t -> t.customerTenantId().equals(id)).findFirst().orElseThrow();
    }

    private ObjectNode held(String tenant, String id, String status, String partner) {
        ObjectNode e = event(tenant, id, status, T0);
        e.put("partnerTenantId", partner);
        return e;
    }

    @Test
    void tenantsComeLeastHeadroomFirstWithTheirCountsAndThePartnersHoldingThem() {
        for (int i = 0; i < 160; i++) {
            d.event(held(BIG, "s" + i, "active", PARTNER));
        }
        ObjectNode named = held(SMALL, "a", "active", "p-1");
        named.put("customerName", "Contoso GmbH");
        d.event(named);
        ObjectNode renamed = held(SMALL, "b", "active", "p-2");
        renamed.put("customerName", "Contoso Deutschland GmbH").put("occurredAt", T0.plusSeconds(1).toString());
        d.event(renamed);
        d.event(held(SMALL, "c", "expired", "p-2"));

        OpsView v = view();
        assertThat(v.tenants()).extracting(OpsView.TenantRow::customerTenantId).containsExactly(BIG, SMALL);
        OpsView.TenantRow big = tenant(v, BIG);
        assertThat(big.countedSubscriptions()).isEqualTo(160);
        assertThat(big.headroom()).isEqualTo(-10);
        assertThat(big.roomToMaximum()).as("maximum - counted: the real risk").isEqualTo(140);
        assertThat(big.partners()).containsExactly(PARTNER.toLowerCase());
        assertThat(big.visibleTo(PARTNER)).isTrue();
        assertThat(big.visibleTo("p-1")).isFalse();
        OpsView.TenantRow small = tenant(v, SMALL);
        assertThat(small.countedSubscriptions()).isEqualTo(2);
        assertThat(small.roomToMaximum()).isEqualTo(298);
        assertThat(small.customerName()).as("the latest name by occurredAt").isEqualTo("Contoso Deutschland GmbH");
        assertThat(big.customerName()).as("never named").isNull();
        assertThat(small.byStatus()).isEqualTo(Map.of("active", 2, "expired", 1));
        assertThat(small.partners()).containsExactlyInAnyOrder("p-1", "p-2");

        // p-1's only subscription passes to p-2: p-1 no longer sees the tenant
        ObjectNode moved = held(SMALL, "a", "active", "p-2");
        moved.put("occurredAt", T0.plusSeconds(60).toString());
        d.event(moved);
        assertThat(tenant(view(), SMALL).partners()).containsExactly("p-2");
        assertThat(tenant(view(), SMALL).visibleTo("p-1")).isFalse();
    }

    @Test
    void theViewIsPublishedByTheWallClockAndWithdrawnWhenTheTaskCloses() {
        GuardDriver own = new GuardDriver();
        own.event(held(SMALL, "a", "active", "p-1"));
        own.advance(Duration.ofSeconds(3));
        List<OpsView> views = own.views.current();
        assertThat(views).hasSize(1);
        assertThat(views.get(0).generatedAt()).isAfter(T0);
        assertThat(views.get(0).tenants()).extracting(OpsView.TenantRow::customerTenantId).containsExactly(SMALL);
        own.close();
        assertThat(own.views.current()).as("views of closed tasks").isEmpty();
    }

    private ObjectNode ending(String id, String status, boolean autoRenew, String lastDay, String offer) {
        ObjectNode e = event(DUE, id, status, T0);
        sub(e).put("commitmentEndDate", lastDay);
        sub(e).put("autoRenewEnabled", autoRenew);
        sub(e).put("offerId", offer);
        return e;
    }

    @Test
    void deadlinesAreTheTimersThatWillFireWithinTheHorizonByDayRepurchaseFirst() {
        // expired, term ended 2026-11-06: grace ends 11-29, repurchase deadline 12-06
        d.event(ending("x1", "expired", false, "2026-11-05", "O:1"));
        // ends 12-02 with autorenew off: TERM_ENDING 11-25 (its grace timers fall beyond 14 days);
        // its event names no offer, the catalog does
        d.offer(com.cspguard.topology.Fixtures.offer("O:2", "AVAILABLE"));
        ObjectNode unnamed = ending("x2", "active", false, "2026-12-01", "O:2");
        sub(unnamed).remove("offerName");
        d.event(unnamed);
        // ends 12-02 with autorenew on: renews, no deadline
        d.event(ending("x3", "active", true, "2026-12-01", "O:3"));
        // expired 11-06 but repurchased (x5 of the same offer bought afterwards): no grace timers
        d.event(ending("x4", "expired", false, "2026-11-05", "O:4"));
        ObjectNode x5 = ending("x5", "active", true, "2027-11-05", "O:4");
        sub(x5).put("effectiveStartDate", "2026-11-07T00:00:00Z");
        d.event(x5);
        // expired 11-06; x8 of the same offer first seen now but bought in January (a backfill): the deadlines stay
        d.event(ending("x7", "expired", false, "2026-11-05", "O:7"));
        d.event(ending("x8", "active", true, "2027-01-13", "O:7"));
        // expired, term ended 10-30: its repurchase deadline is 11-29 00:00, the same instant as x1's grace end
        d.event(ending("x6", "expired", false, "2026-10-29", "O:6"));
        d.advance(Duration.ofSeconds(1)); // the overdue timers fire

        OpsView v = view();
        assertThat(v.deadlines()).extracting(r -> r.subscriptionId() + " " + r.timerType() + " " + r.dueAt())
                .containsExactly(
                        "x2 TERM_ENDING 2026-11-25T00:00:00Z",
                        "x6 REPURCHASE_DEADLINE 2026-11-29T00:00:00Z",
                        "x1 GRACE_PERIOD_ENDING 2026-11-29T00:00:00Z",
                        "x7 GRACE_PERIOD_ENDING 2026-11-29T00:00:00Z",
                        "x1 REPURCHASE_DEADLINE 2026-12-06T00:00:00Z",
                        "x7 REPURCHASE_DEADLINE 2026-12-06T00:00:00Z");
        OpsView.DeadlineRow x1 = v.deadlines().get(4);
        assertThat(x1.customerTenantId()).isEqualTo(DUE);
        assertThat(x1.offerId()).isEqualTo("O:1");
        assertThat(x1.status()).isEqualTo("expired");
        assertThat(x1.termEnd()).isEqualTo(Instant.parse("2026-11-06T00:00:00Z"));
        // act by: the repurchase deadline for both grace timers, the real end of term for the term ending
        assertThat(v.deadlines()).extracting(r -> r.subscriptionId() + " " + r.timerType() + " " + r.actBy())
                .containsExactly(
                        "x2 TERM_ENDING 2026-12-02T00:00:00Z",
                        "x6 REPURCHASE_DEADLINE 2026-11-29T00:00:00Z",
                        "x1 GRACE_PERIOD_ENDING 2026-12-06T00:00:00Z",
                        "x7 GRACE_PERIOD_ENDING 2026-12-06T00:00:00Z",
                        "x1 REPURCHASE_DEADLINE 2026-12-06T00:00:00Z",
                        "x7 REPURCHASE_DEADLINE 2026-12-06T00:00:00Z");
        assertThat(v.deadlines().get(0).termEnd()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(v.deadlines().get(0).offerName()).as("from the catalog").isEqualTo("Offer O:2");
        assertThat(x1.offerName()).as("the subscription's own").isEqualTo("Microsoft 365 Business Basic");

        // x1 renewed with a new end date a year later: its deadlines go
        ObjectNode renewed = ending("x1", "active", true, "2027-11-05", "O:1");
        renewed.put("occurredAt", T0.plusSeconds(60).toString());
        d.event(renewed);
        assertThat(view().deadlines()).extracting(OpsView.DeadlineRow::subscriptionId).containsExactly("x2", "x6", "x7", "x7");

        // a real repurchase of x7's offer, bought after its term end though reported only now: its deadlines go
        ObjectNode bought = ending("x9", "active", true, "2027-11-10", "O:7");
        sub(bought).put("effectiveStartDate", "2026-11-11T00:00:00Z");
        bought.put("occurredAt", T0.plusSeconds(120).toString());
        d.event(bought);
        assertThat(view().deadlines()).extracting(OpsView.DeadlineRow::subscriptionId).containsExactly("x2", "x6");
    }

    @Test
    void openTransfersCarryTheirDecisionFindingsAndRemediationAndTheirTargetMaySeeTheTenant() {
        String[] ids = new String[150];
        for (int i = 0; i < 160; i++) {
            d.event(held(BIG, "s" + i, "active", PARTNER));
            if (i < 150) {
                ids[i] = "s" + i;
            }
        }
        d.request(request(BIG, "t-blocked", "DUPLICATE", ids));

        OpsView v = view();
        assertThat(v.transfers()).hasSize(1);
        OpsView.TransferRow t = v.transfers().get(0);
        assertThat(t.transferId()).isEqualTo("t-blocked");
        assertThat(t.customerTenantId()).isEqualTo(BIG);
        assertThat(t.decision()).isEqualTo("BLOCKED");
        assertThat(t.projectedSubscriptions()).isEqualTo(310);
        assertThat(t.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo(AlertCode.TENANT_LIMIT_EXCEEDED);
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.remediation()).isNotBlank();
        });
        OpsView.TenantRow big = tenant(v, BIG);
        assertThat(big.targetPartners()).containsExactly("77aa01c2-0000-4000-8000-00000000000b");
        assertThat(big.visibleTo("77AA01C2-0000-4000-8000-00000000000B")).isTrue();
    }

    @Test
    void aTransferNamingNoSourcePartnerShowsThePartnerHoldingItsFirstSubscriptionFromTheIndexAndFollowsIt() {
        d.event(held(SMALL, "a", "active", "p-1"));
        d.event(held(SMALL, "b", "active", "p-2"));
        d.request(Fixtures.requests(SMALL, "t-1", "DUPLICATE", "missing", "a", "b").from(null).json());

        assertThat(view().transfers()).singleElement()
                .satisfies(t -> assertThat(t.sourcePartnerTenantId()).as("'missing' is held by nobody").isEqualTo("p-1"));

        ObjectNode moved = held(SMALL, "a", "active", "p-3");
        moved.put("occurredAt", T0.plusSeconds(5).toString());
        d.event(moved);
        assertThat(view().transfers().get(0).sourcePartnerTenantId()).isEqualTo("p-3");

        // The partner comes from the transfer's index, not from a read of the fact per view: it is
        // still shown with the fact gone from the store (removed here behind the processor's back).
        d.driver.<String, byte[]>getKeyValueStore(com.cspguard.topology.config.StoreNames.STATE)
                .delete(com.cspguard.topology.facts.FactKeys.subscription(SMALL, "a"));
        assertThat(view().transfers().get(0).sourcePartnerTenantId()).isEqualTo("p-3");
    }

    @Test
    void deadlinesAreMadeAgainOnlyEveryDeadlineIntervalAndThoseThatFellDueDropOutInBetween() {
        GuardDriver own = everyView(); // the default: deadlines every 30 seconds, the view every 2
        try {
            own.advance(Duration.ofSeconds(2));
            // TERM_ENDING at 2026-11-25T00:00 (autorenew off, term ends 12-02)
            ObjectNode e = ending("x2", "active", false, "2026-12-01", "O:2");
            own.event(e);
            own.advance(Duration.ofSeconds(2));
            OpsView before = own.views.current().get(0);
            assertThat(before.deadlines()).as("not yet made again").isEmpty();
            assertThat(before.deadlinesGeneratedAt()).isBefore(before.generatedAt());
            own.advance(Duration.ofSeconds(30));
            OpsView after = own.views.current().get(0);
            assertThat(after.deadlines()).extracting(OpsView.DeadlineRow::subscriptionId).containsExactly("x2");
            // past its due time the timer fires and the kept deadline drops out before the next remake
            own.advance(Duration.between(own.wallClock(), Instant.parse("2026-11-25T00:00:10Z")));
            assertThat(own.views.current().get(0).deadlines()).isEmpty();
        } finally {
            own.close();
        }
    }

    @Test
    void aLargeRemakeReadsAThousandFactsPerViewAndTheViewsKeepTheLastDeadlinesMeanwhile() {
        GuardDriver own = everyView(); // the default: deadlines every 30 seconds, the view every 2
        try {
            // one deadline before the first view: the first remake (one slice) has it
            ObjectNode early = event("early", "e0", "active", T0);
            sub(early).put("commitmentEndDate", "2026-12-01");
            sub(early).put("autoRenewEnabled", false);
            own.event(early);
            own.advance(Duration.ofSeconds(2));
            Instant first = own.views.current().get(0).deadlinesGeneratedAt();
            assertThat(first).as("a small first remake takes one view").isNotNull();
            assertThat(own.views.current().get(0).deadlines()).extracting(OpsView.DeadlineRow::subscriptionId)
                    .containsExactly("e0");
            // 3,001 subscriptions with a TERM_ENDING on 11-25 (autorenew off, term ends 12-02), 30 tenants
            int n = 3 * OpsViewBuilder.READS_PER_VIEW + 1;
            for (int i = 0; i < n; i++) {
                ObjectNode e = event("bulk-" + (i % 30), "b" + i, "active", T0);
                sub(e).put("commitmentEndDate", "2026-12-01");
                sub(e).put("autoRenewEnabled", false);
                own.event(e);
            }
            // views every 2 s until the remake starts, 30 s after the first
            while (own.wallClock().isBefore(first.plus(Duration.ofSeconds(30)))) {
                own.advance(Duration.ofSeconds(2));
                assertThat(own.views.current().get(0).deadlines()).hasSize(1);
            }
            Instant started = own.views.current().get(0).generatedAt();
            // 1,000 facts per view: the remake ends in its fourth view; until then the last deadlines stay
            for (int view = 2; view <= 3; view++) {
                own.advance(Duration.ofSeconds(2));
                OpsView v = own.views.current().get(0);
                assertThat(v.deadlines()).as("view %d of the remake: the last deadlines", view)
                        .extracting(OpsView.DeadlineRow::subscriptionId).containsExactly("e0");
                assertThat(v.deadlinesGeneratedAt()).isEqualTo(first);
            }
            own.advance(Duration.ofSeconds(2));
            OpsView done = own.views.current().get(0);
            assertThat(done.deadlinesGeneratedAt()).as("as of the remake's start").isEqualTo(started);
            assertThat(done.deadlines()).hasSize(n + 1)
                    .allSatisfy(r -> assertThat(r.timerType()).isEqualTo("TERM_ENDING"))
                    .isSortedAccordingTo(OpsViewBuilder.DEADLINE_ORDER);
            assertThat(done.deadlines()).extracting(r -> r.customerTenantId() + '|' + r.subscriptionId())
                    .as("each subscription once").doesNotHaveDuplicates();
        } finally {
            own.close();
        }
    }

    @Test
    void aLargeFirstRemakeIsSlicedTooAndTheViewsHaveNoDeadlinesUntilItIsDone() {
        GuardDriver own = everyView();
        try {
            int n = 2 * OpsViewBuilder.READS_PER_VIEW + 1; // three slices
            for (int i = 0; i < n; i++) {
                ObjectNode e = event("bulk-" + (i % 30), "b" + i, "active", T0);
                sub(e).put("commitmentEndDate", "2026-12-01");
                sub(e).put("autoRenewEnabled", false);
                own.event(e);
            }
            for (int view = 1; view <= 2; view++) {
                own.advance(Duration.ofSeconds(2));
                OpsView v = own.views.current().get(0);
                assertThat(v.deadlinesGeneratedAt()).as("view %d: the first remake is under way", view).isNull();
                assertThat(v.deadlines()).isEmpty();
                assertThat(v.tenants()).as("the rest of the view does not wait for it").hasSize(30);
            }
            Instant started = own.wallClock().minus(Duration.ofSeconds(2)); // the first view began it
            own.advance(Duration.ofSeconds(2));
            OpsView done = own.views.current().get(0);
            assertThat(done.deadlinesGeneratedAt()).isEqualTo(started);
            assertThat(done.deadlines()).hasSize(n);
        } finally {
            own.close();
        }
    }
}
