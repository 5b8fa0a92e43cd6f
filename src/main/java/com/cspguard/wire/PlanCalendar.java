package com.cspguard.wire;

import com.cspguard.domain.planning.PlanStep;
import com.cspguard.domain.planning.StepType;
import com.cspguard.domain.planning.TransferPlan;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The plan as an iCalendar file ({@code Accept: text/calendar}, docs/planner.md), written with ical4j:
 * one all-day VEVENT per step (a REPURCHASE spans its whole window) and one per repurchase deadline,
 * the last day before the data of its subscriptions is lost. UIDs are stable for the same plan, so a
 * calendar that imports a newer plan of the same tenant updates the events instead of doubling them.
 */
public final class PlanCalendar {
    private PlanCalendar() { }

    public static final String PRODUCT_ID = "-//CSP Transfer Guard//Transfer plan//EN";
    /** The categories that tell the two kinds of event apart: the step type, or this. */
    public static final String DEADLINE_CATEGORY = "REPURCHASE_DEADLINE";

    /** @param stamp when the file is made (DTSTAMP) */
    public static String plan(TransferPlan plan, Instant stamp) {
        Calendar cal = new Calendar()
                .add(new ProdId(PRODUCT_ID))
                .add(ImmutableVersion.VERSION_2_0)
                .add(ImmutableCalScale.GREGORIAN);
        int n = 0;
        for (PlanStep s : plan.steps()) {
            n++;
            LocalDate last = s.type() == StepType.REPURCHASE ? s.windowTo() : s.date();
            cal.add(event(plan, stamp, "step-" + n, s.date(), last, s.type().name(), title(s), details(s)));
            if (s.type() == StepType.REPURCHASE) {
                cal.add(event(plan, stamp, "deadline-" + n, s.windowTo(), s.windowTo(), DEADLINE_CATEGORY,
                        "Repurchase deadline (TARGET_PARTNER): " + count(s.subscriptionIds())
                                + ", data lost after this day",
                        "Last day to repurchase " + String.join(", ", s.subscriptionIds())
                                + "; after it their data is lost."));
            }
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(true).output(cal, out);
        } catch (IOException | ValidationException e) {
            throw new IllegalStateException("cannot write the plan as iCalendar", e);
        }
        return out.toString();
    }

    private static VEvent event(TransferPlan plan, Instant stamp, String what, LocalDate first, LocalDate last,
                                String category, String summary, String description) {
        // all-day events: DTEND is the day after the last one (RFC 5545, 3.6.1)
        VEvent e = new VEvent(first, last.plusDays(1), summary);
        e.replace(new DtStamp(stamp));
        e.add(new Uid(what + "." + plan.startDate() + "." + plan.customerTenantId() + "@csp-transfer-guard"));
        e.add(new Categories(category));
        e.add(new Description(description));
        return e;
    }

    private static String title(PlanStep s) {
        return s.type() + " (" + s.actor() + "): " + count(s.subscriptionIds())
                + (s.batch() == null ? "" : (s.type() == StepType.PARTNER_TRANSFER ? ", transfer " : ", batch ")
                + s.batch());
    }

    private static String details(PlanStep s) {
        StringBuilder d = new StringBuilder();
        d.append(s.type()).append(" by ").append(s.actor());
        if (s.sourcePartnerTenantId() != null) {
            d.append(", source partner ").append(s.sourcePartnerTenantId());
        }
        if (s.type() == StepType.REPURCHASE) {
            d.append(", window ").append(s.date()).append(" to ").append(s.windowTo());
        }
        d.append(". Subscriptions: ").append(String.join(", ", s.subscriptionIds()))
                .append(". Projected count after it: ").append(s.projectedCount());
        if (s.targetProjectedCount() != null) {
            d.append(" (target tenant: ").append(s.targetProjectedCount()).append(")");
        }
        return d.append('.').toString();
    }

    private static String count(List<String> ids) {
        return ids.size() == 1 ? ids.get(0) : ids.size() + " subscriptions";
    }
}
