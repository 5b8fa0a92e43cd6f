package com.cspguard.domain;

import com.cspguard.domain.TransferRequest.LineItem;
import com.cspguard.domain.TransferRequest.TransferMethod;
import com.cspguard.domain.TransferRequest.TransferType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The transfer rules of {@code domain.md} as one pure function:
 * (tenant state, request, catalog, now) to an evaluation. It reads nothing but its arguments,
 * so the stream and {@code POST /transfers/evaluate} give the same answer for the same state.
 */
public final class TransferEvaluator {

    /** Roles the guide allows to move a customer (PARTNER_TRANSFER: the policy's partner-transfer role). */
    public static final Set<String> PERMITTED_ROLES = TransferRules.PERMITTED_ROLES;

    private final GuardPolicy policy;

    public TransferEvaluator(GuardPolicy policy) {
        this.policy = Objects.requireNonNull(policy);
    }

    public GuardPolicy policy() {
        return policy;
    }

    public Evaluation evaluate(TenantSnapshot tenant, TransferRequest request, OfferCatalog catalog, Instant now) {
        // Subscription-level findings collect their subscription ids per code, in line-item order.
        Map<AlertCode, List<String>> perSubscription = new TreeMap<>();
        for (LineItem item : request.lineItems()) {
            HeldSubscription held = tenant.subscriptions().get(item.subscriptionId());
            if (held == null) {
                add(perSubscription, AlertCode.SUBSCRIPTION_NOT_FOUND, item.subscriptionId());
                continue;
            }
            checkLineItem(request, item, held, catalog, perSubscription);
        }

        List<Finding> findings = new ArrayList<>();
        if (!TransferRules.rolePermitted(request, policy)) {
            findings.add(FindingTexts.roleNotPermitted(request.requestedBy() == null ? null : request.requestedBy().role(),
                    request.method(), policy));
        }
        int duplicated = duplicatedSubscriptions(request);
        int projected = tenant.countedSubscriptions() + duplicated;
        int others = TransferRules.otherOpenDuplications(request, tenant.openDuplications());
        List<String> competingIds = TransferRules.competingTransferIds(request, tenant.openDuplications());
        for (AlertCode code : TransferRules.tenantFindings(request, tenant.countedSubscriptions(), tenant.countryCode(),
                others, policy)) {
            findings.add(switch (code) {
                case REGION_MISMATCH -> FindingTexts.regionMismatch(tenant.countryCode(), request.targetPartnerCountryCode());
                case TENANT_LIMIT_EXCEEDED -> FindingTexts.tenantLimitExceeded(tenant.countedSubscriptions(), duplicated, policy);
                case COMPETING_TRANSFERS -> FindingTexts.competingTransfers(tenant.countedSubscriptions(), duplicated,
                        others, competingIds, policy);
                default -> throw new IllegalStateException("not a tenant finding: " + code);
            });
        }
        if (request.transferType() == TransferType.TENANT_TO_TENANT) {
            findings.add(FindingTexts.dataMigrationRequired());
        }
        if (request.method() == TransferMethod.PARTNER_TRANSFER && request.transferType() != TransferType.PARTNER_TO_PARTNER) {
            perSubscription.remove(AlertCode.PARTNER_TRANSFER_NOT_ELIGIBLE); // the whole request is: one finding for it
            findings.add(FindingTexts.partnerTransferWrongType(request.transferType()));
        }
        if (TransferRules.tooManyLineItems(request, policy)) {
            findings.add(FindingTexts.tooManyLineItems(request.lineItems().size(), policy));
        }
        perSubscription.forEach((code, ids) ->
                findings.add(FindingTexts.forSubscriptions(code, ids, request, policy)));
        findings.sort((a, b) -> a.code().compareTo(b.code()));

        return new Evaluation(request.transferId(), request.customerTenantId(), Decision.of(findings), now,
                tenant.countedSubscriptions(), duplicated, projected,
                policy.tenantMaximum(), policy.duplicationThreshold(), findings, others, competingIds);
    }

    /**
     * True when the evaluator reads the same of {@code a} and {@code b}; see {@link TransferRules#readsTheSame}.
     */
    public boolean readsTheSame(HeldSubscription a, HeldSubscription b) {
        return TransferRules.readsTheSame(a, b, policy);
    }

    /** Line items bought again while the old subscription still counts: all of them for DUPLICATE. */
    public static int duplicatedSubscriptions(TransferRequest request) {
        return TransferRules.duplicatedSubscriptions(request);
    }

    private void checkLineItem(TransferRequest request, LineItem item, HeldSubscription held, OfferCatalog catalog,
                               Map<AlertCode, List<String>> out) {
        Subscription sub = held.subscription();
        String id = sub.id();
        if (TransferRules.notTransferable(sub)) {
            add(out, AlertCode.SUBSCRIPTION_NOT_TRANSFERABLE, id);
        }
        if (request.method() == TransferMethod.EXPIRE_AND_REPURCHASE && sub.autoRenewEnabled()) {
            add(out, AlertCode.AUTORENEW_ENABLED, id);
        }
        String current = sub.offerId();
        String target = item.targetOfferId() == null ? current : item.targetOfferId();
        boolean targetIsAvailableEquivalent = !target.equals(current)
                && catalog.isSameOrEquivalent(current, target) && catalog.isAvailable(target);
        if (!catalog.isAvailable(current) && !targetIsAvailableEquivalent) {
            add(out, AlertCode.OFFER_DISCONTINUED, id);
        }
        boolean sameOrEquivalentOffer = catalog.isSameOrEquivalent(current, target);
        boolean quantityDiffers = item.quantity() != null && !item.quantity().equals(sub.quantity());
        if (!sameOrEquivalentOffer || quantityDiffers) {
            add(out, AlertCode.LICENSE_REASSIGNMENT_REQUIRED, id);
        }
        Instant termEnd = sub.termEnd();
        if (request.method() == TransferMethod.DUPLICATE && termEnd != null
                && termEnd.isAfter(request.requestedAt().plus(policy.refundWindow()))) {
            add(out, AlertCode.NO_REFUND_ON_CANCELLATION, id);
        }
        if (TransferRules.notEligibleForPartnerTransfer(request, sub)) {
            add(out, AlertCode.PARTNER_TRANSFER_NOT_ELIGIBLE, id);
        }
        if (TransferRules.cancellationNotPossible(request, sub, policy)) {
            add(out, AlertCode.CANCELLATION_NOT_POSSIBLE, id);
        }
        if (held.channel() == Channel.DIRECT) {
            add(out, AlertCode.CREDIT_MAY_APPLY, id);
        }
    }

    private static void add(Map<AlertCode, List<String>> out, AlertCode code, String subscriptionId) {
        out.computeIfAbsent(code, c -> new ArrayList<>()).add(subscriptionId);
    }
}
