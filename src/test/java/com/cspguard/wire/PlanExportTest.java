package com.cspguard.wire;

import com.cspguard.domain.Channel;
import com.cspguard.domain.CommerceType;
import com.cspguard.domain.GuardPolicy;
import com.cspguard.domain.HeldSubscription;
import com.cspguard.domain.Offer;
import com.cspguard.domain.OfferCatalog;
import com.cspguard.domain.Subscription;
import com.cspguard.domain.SubscriptionStatus;
import com.cspguard.domain.TenantSnapshot;
import com.cspguard.domain.TransferRequest.RequestedBy;
import com.cspguard.domain.TransferRequest.TransferType;
import com.cspguard.domain.planning.PlanRequest;
import com.cspguard.domain.planning.PlanStep;
import com.cspguard.domain.planning.PlannerSettings;
import com.cspguard.domain.planning.StepType;
import com.cspguard.domain.planning.TransferPlan;
import com.cspguard.domain.planning.TransferPlanner;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan as CSV and as iCalendar, read back with the same libraries. */
class PlanExportTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:30:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private static final LocalDate DEADLINE = LocalDate.of(2027, 3, 31);

    private static HeldSubscription held(String id, String offer, LocalDate end, CommerceType commerce, SubscriptionStatus status) {
        return new HeldSubscription("e-" + id, Instant.parse("2026-11-01T00:00:00Z"), Channel.CSP, "p-1",
                new Subscription(id, offer, "Offer", 5, status, true, Instant.parse("2026-01-14T00:00:00Z"), end, null,
                        "P1Y", "monthly", false, commerce, null));
    }

    /** Two expiring (one window), one duplicated, one transferred, one blocked, one with a formula-like id. */
    static TransferPlan plan() {
        Map<String, HeldSubscription> subs = new LinkedHashMap<>();
        List.of(held("e-1", "11111111-1111-4111-8111-111111111111", LocalDate.of(2027, 1, 31), CommerceType.LEGACY, SubscriptionStatus.ACTIVE),
                held("e-2", "11111111-1111-4111-8111-111111111111", LocalDate.of(2027, 1, 31), CommerceType.LEGACY, SubscriptionStatus.ACTIVE),
                held("e-3", "11111111-1111-4111-8111-111111111111", LocalDate.of(2027, 3, 15), CommerceType.LEGACY, SubscriptionStatus.ACTIVE),
                held("d-1", "11111111-1111-4111-8111-111111111111", LocalDate.of(2027, 10, 31), CommerceType.LEGACY, SubscriptionStatus.ACTIVE),
                held("n-1", "CFQ7TTC0LH18:0001", LocalDate.of(2027, 10, 31), CommerceType.NEW_COMMERCE, SubscriptionStatus.ACTIVE),
                held("=cmd", "OLD:1", LocalDate.of(2027, 10, 31), CommerceType.LEGACY, SubscriptionStatus.ACTIVE))
                .forEach(h -> subs.put(h.id(), h));
        TenantSnapshot tenant = new TenantSnapshot("t-1", 6, "DE", subs);
        OfferCatalog catalog = OfferCatalog.of(Map.of("OLD:1", new Offer("OLD:1", "Old", Offer.OfferStatus.DISCONTINUED, List.of())));
        return new TransferPlanner(GuardPolicy.defaults(), PlannerSettings.defaults()).plan(tenant,
                new PlanRequest("t-1", "p-2", "DE", new RequestedBy("u", "SALES_AGENT"), TransferType.PARTNER_TO_PARTNER,
                        List.of(), TODAY, DEADLINE), catalog, CLOCK);
    }

    @Test
    void theCsvHasOneRowPerSubscriptionWithItsMethodAndDates() throws Exception {
        TransferPlan plan = plan();
        String csv = PlanCsv.plan(plan);
        CsvMapper mapper = new CsvMapper();
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            rows = it.readAll();
        }
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo(String.join(",", PlanCsv.COLUMNS));
        assertThat(rows).extracting(r -> r.get("subscriptionId"))
                .containsExactly("'=cmd", "d-1", "e-1", "e-2", "e-3", "n-1");
        Map<String, Map<String, String>> byId = new LinkedHashMap<>();
        rows.forEach(r -> byId.put(r.get("subscriptionId"), r));
        assertThat(byId.get("e-1")).containsEntry("outcome", "PLANNED").containsEntry("method", "EXPIRE_AND_REPURCHASE")
                .containsEntry("repurchaseFrom", "2027-02-01").containsEntry("repurchaseTo", "2027-03-02")
                .containsEntry("disableAutorenewOn", "2026-12-01").containsEntry("paidDaysLost", "0");
        assertThat(byId.get("d-1")).containsEntry("method", "DUPLICATE").containsEntry("batch", "1")
                .containsEntry("duplicateOn", "2027-03-30").containsEntry("cancelSourceOn", "2027-03-31")
                .containsEntry("commerceType", "LEGACY").containsEntry("paidDaysLost", "214")
                .containsEntry("licenceDaysLost", "1070");
        assertThat(byId.get("n-1")).containsEntry("method", "PARTNER_TRANSFER").containsEntry("transferOn", "2026-12-01")
                .containsEntry("batch", "1").containsEntry("commerceType", "NEW_COMMERCE");
        // a blocked subscription has a row too, with its blocker; an id that a spreadsheet would run is quoted
        assertThat(byId.get("'=cmd")).containsEntry("outcome", "BLOCKED").containsEntry("blockers", "OFFER_DISCONTINUED")
                .containsEntry("method", "");
        // the reason's commas and semicolons survive the quoting
        assertThat(byId.get("d-1").get("reason")).isEqualTo(plan.subscriptions().stream()
                .filter(p -> p.subscriptionId().equals("d-1")).findFirst().orElseThrow().reason());
    }

    @Test
    void theCalendarHasOneEventPerStepAndOnePerRepurchaseDeadline() throws Exception {
        TransferPlan plan = plan();
        String ics = PlanCalendar.plan(plan, CLOCK.instant());
        Calendar cal = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = cal.getComponents("VEVENT");
        List<PlanStep> repurchases = plan.steps().stream().filter(s -> s.type() == StepType.REPURCHASE).toList();
        assertThat(repurchases).hasSize(2);
        assertThat(events).hasSize(plan.steps().size() + repurchases.size());
        assertThat(events.stream().map(e -> text(e, Property.UID)).distinct()).hasSize(events.size());

        // each step is an all-day event on its date, a repurchase spans its window
        for (PlanStep s : plan.steps()) {
            VEvent e = events.stream().filter(ev -> text(ev, Property.CATEGORIES).equals(s.type().name())
                    && text(ev, Property.DESCRIPTION).contains(String.join(", ", s.subscriptionIds()))).findFirst().orElseThrow();
            LocalDate last = s.type() == StepType.REPURCHASE ? s.windowTo() : s.date();
            assertThat(text(e, Property.DTSTART)).isEqualTo(ical(s.date()));
            assertThat(text(e, Property.DTEND)).isEqualTo(ical(last.plusDays(1)));
            assertThat(text(e, Property.SUMMARY)).startsWith(s.type() + " (" + s.actor() + ")");
        }
        List<VEvent> deadlines = events.stream()
                .filter(e -> text(e, Property.CATEGORIES).equals(PlanCalendar.DEADLINE_CATEGORY)).toList();
        assertThat(deadlines).extracting(e -> text(e, Property.DTSTART))
                .containsExactlyInAnyOrder(ical(LocalDate.of(2027, 3, 2)), ical(LocalDate.of(2027, 4, 14)));
        assertThat(text(cal.getProperty(Property.PRODID).orElseThrow())).isEqualTo(PlanCalendar.PRODUCT_ID);
        // the same plan gives the same file (stable UIDs update an imported calendar)
        assertThat(PlanCalendar.plan(plan, CLOCK.instant())).isEqualTo(ics);
    }

    private static String text(VEvent e, String property) {
        return e.getProperty(property).map(PlanExportTest::text).orElse("");
    }

    private static String text(Property p) {
        return p.getValue();
    }

    private static String ical(LocalDate d) {
        return d.toString().replace("-", "");
    }
}
