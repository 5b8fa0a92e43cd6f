package com.cspguard.domain;

import com.cspguard.domain.TransferRequest.TransferMethod;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rules of the alert table that the stream also needs outside a full evaluation, each written
 * once. {@link TransferEvaluator} raises its findings with these functions, and the stream's
 * incremental re-evaluation ({@code topology.indexes.TransferEntry}) asks the same functions
 * whether a change of the tenant can change a transfer's outcome; so a rule changed here changes
 * both, and {@code DerivedStateProperties} checks that the incremental decision equals a full one.
 */
public final class TransferRules {
    private TransferRules() { }

    /** Roles the guide allows to move a customer by DUPLICATE or EXPIRE_AND_REPURCHASE. */
    public static final Set<String> PERMITTED_ROLES = Set.of("ACCOUNT_ADMIN", "SALES_AGENT", "BILLING_AGENT");

    /** The findings of a request that depend on the tenant's counts, country or open requests, not on its subscriptions. */
    public static final Set<AlertCode> TENANT_DEPENDENT = EnumSet.of(
            AlertCode.REGION_MISMATCH, AlertCode.TENANT_LIMIT_EXCEEDED, AlertCode.COMPETING_TRANSFERS);

    /**
     * Whether {@code requestedBy.role} may submit the request: for PARTNER_TRANSFER only the policy's
     * partner-transfer role (admin agent), for the other methods one of {@link #PERMITTED_ROLES}.
     * Case does not matter (enum values are read case-insensitively); spaces do.
     */
    public static boolean rolePermitted(TransferRequest request, GuardPolicy policy) {
        String role = request.requestedBy() == null ? null : request.requestedBy().role();
        if (role == null) {
            return false;
        }
        String upper = role.toUpperCase(Locale.ROOT);
        return request.method() == TransferMethod.PARTNER_TRANSFER
                ? upper.equals(policy.partnerTransferRole().toUpperCase(Locale.ROOT))
                : PERMITTED_ROLES.contains(upper);
    }

    /** REGION_MISMATCH: the target partner's country differs from the tenant's (none while the tenant's is unknown). */
    public static boolean regionMismatch(String tenantCountry, TransferRequest request) {
        String target = request.targetPartnerCountryCode();
        return tenantCountry != null && target != null && !tenantCountry.equalsIgnoreCase(target);
    }

    /** Line items bought again while the old subscription still counts: all of them for DUPLICATE, else none. */
    public static int duplicatedSubscriptions(TransferRequest request) {
        return request.method() == TransferMethod.DUPLICATE ? request.lineItems().size() : 0;
    }

    /** TENANT_LIMIT_EXCEEDED: a DUPLICATE whose copies take the tenant above its maximum. */
    public static boolean overLimit(TransferRequest request, int counted, GuardPolicy policy) {
        return request.method() == TransferMethod.DUPLICATE
                && counted + duplicatedSubscriptions(request) > policy.tenantMaximum();
    }

    /**
     * COMPETING_TRANSFERS: a DUPLICATE that fits on its own but not together with the tenant's other
     * open DUPLICATE requests ({@code others} line items).
     */
    public static boolean competing(TransferRequest request, int counted, int others, GuardPolicy policy) {
        return request.method() == TransferMethod.DUPLICATE && !overLimit(request, counted, policy)
                && counted + duplicatedSubscriptions(request) + others > policy.tenantMaximum();
    }

    /** TOO_MANY_LINE_ITEMS: a PARTNER_TRANSFER with more line items than one Partner Center transfer takes. */
    public static boolean tooManyLineItems(TransferRequest request, GuardPolicy policy) {
        return request.method() == TransferMethod.PARTNER_TRANSFER
                && request.lineItems().size() > policy.partnerTransferMaxLineItems();
    }

    /** Into how many transfers of at most the policy's line items a request must be split. */
    public static int transfersNeeded(int lineItems, GuardPolicy policy) {
        int max = policy.partnerTransferMaxLineItems();
        return (lineItems + max - 1) / max;
    }

    /** The line items of the tenant's open DUPLICATE requests other than {@code request}. */
    public static int otherOpenDuplications(TransferRequest request, Map<String, Integer> openDuplications) {
        int sum = 0;
        for (Map.Entry<String, Integer> e : openDuplications.entrySet()) {
            if (!e.getKey().equals(request.transferId())) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    /** The ids of the tenant's other open DUPLICATE requests, in the map's (id) order. */
    public static List<String> competingTransferIds(TransferRequest request, Map<String, Integer> openDuplications) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : openDuplications.entrySet()) {
            if (!e.getKey().equals(request.transferId()) && e.getValue() > 0) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /**
     * The tenant-dependent findings ({@link #TENANT_DEPENDENT}) the request gets with these counts:
     * a change of the tenant that leaves this set alone (and changes nothing the request names)
     * cannot change the request's outcome.
     */
    public static Set<AlertCode> tenantFindings(TransferRequest request, int counted, String country, int others,
                                                GuardPolicy policy) {
        Set<AlertCode> out = EnumSet.noneOf(AlertCode.class);
        if (regionMismatch(country, request)) {
            out.add(AlertCode.REGION_MISMATCH);
        }
        if (overLimit(request, counted, policy)) {
            out.add(AlertCode.TENANT_LIMIT_EXCEEDED);
        }
        if (competing(request, counted, others, policy)) {
            out.add(AlertCode.COMPETING_TRANSFERS);
        }
        return out;
    }

    /** PARTNER_TRANSFER_NOT_ELIGIBLE for one line item: Partner Center's transfer moves new-commerce subscriptions only. */
    public static boolean notEligibleForPartnerTransfer(TransferRequest request, Subscription sub) {
        return request.method() == TransferMethod.PARTNER_TRANSFER && sub.commerceType() == CommerceType.LEGACY;
    }

    /**
     * CANCELLATION_NOT_POSSIBLE: a DUPLICATE whose new-commerce source is past its cancellation window
     * at {@code requestedAt} ({@link Subscription#cancellationDeadline}); measured from the request, so
     * the finding does not change as days pass.
     */
    public static boolean cancellationNotPossible(TransferRequest request, Subscription sub, GuardPolicy policy) {
        return request.method() == TransferMethod.DUPLICATE
                && !sub.cancellableAt(request.requestedAt(), policy.cancellationWindow());
    }

    /** SUBSCRIPTION_NOT_TRANSFERABLE: disabled or deleted. */
    public static boolean notTransferable(Subscription sub) {
        return sub.status() == SubscriptionStatus.DISABLED || sub.status() == SubscriptionStatus.DELETED;
    }

    /**
     * True when the evaluator reads the same of {@code a} and {@code b} (either may be null, for a
     * subscription the tenant does not have): a change between them cannot change any finding of a
     * transfer that names the subscription. Exactly what the line-item rules read, through
     * {@link #readByTheEvaluator}.
     */
    public static boolean readsTheSame(HeldSubscription a, HeldSubscription b, GuardPolicy policy) {
        if (a == null || b == null) {
            return a == b;
        }
        Subscription x = a.subscription();
        Subscription y = b.subscription();
        return notTransferable(x) == notTransferable(y)
                && x.autoRenewEnabled() == y.autoRenewEnabled()
                && x.offerId().equals(y.offerId())
                && Objects.equals(x.quantity(), y.quantity())
                && Objects.equals(x.termEnd(), y.termEnd())
                && a.channel() == b.channel()
                && x.commerceType() == y.commerceType()
                && Objects.equals(x.cancellationDeadline(policy.cancellationWindow()),
                        y.cancellationDeadline(policy.cancellationWindow()));
    }

    /**
     * The fields of a subscription that the line-item rules read, and no others: what the stream keeps
     * in memory of each subscription an open transfer names.
     */
    public static HeldSubscription readByTheEvaluator(HeldSubscription held) {
        Subscription s = held.subscription();
        return new HeldSubscription(null, null, held.channel(), null, new Subscription(s.id(), s.offerId(), null, s.quantity(),
                s.status(), s.autoRenewEnabled(), s.effectiveStartDate(), s.commitmentEndDate(), s.commitmentEndDateTime(),
                s.termDuration(), null, false, s.commerceType(), s.refundableUntil()));
    }
}
