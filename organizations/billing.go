package organizations

import (
	"context"

	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/billingapi"
)

const (
	billingSubscriptionPath = "/organizations/{organization_id}/billing/subscription"
	billingCreditsPath      = "/organizations/{organization_id}/billing/credits"
)

// GetBillingSubscription returns the organization's billing subscription:
// its status, the plans it holds (one item per plan) and the next payment.
//
// API: GET /organizations/{organization_id}/billing/subscription (GetOrganizationBillingSubscription)
func (s *Service) GetBillingSubscription(ctx context.Context, organizationID string, opts ...core.RequestOption) (*billing.Subscription, error) {
	return billingapi.Subscription(ctx, s.b, billingSubscriptionPath, organizationID, opts...)
}

// GetBillingCreditBalance returns the organization's credit balance, which
// checkout and recurring charges draw from.
//
// API: GET /organizations/{organization_id}/billing/credits (GetOrganizationBillingCreditBalance)
func (s *Service) GetBillingCreditBalance(ctx context.Context, organizationID string, opts ...core.RequestOption) (*billing.CreditBalance, error) {
	return billingapi.CreditBalance(ctx, s.b, billingCreditsPath, organizationID, opts...)
}

// AdjustBillingCreditBalance increases or decreases the organization's
// credit balance and returns the ledger entry. The idempotency key makes
// it safe to replay, so it is retried on transient failures like a read; a
// missing key, a non-positive amount or an unknown action fails before any
// request.
//
// API: POST /organizations/{organization_id}/billing/credits (AdjustOrganizationBillingCreditBalance)
func (s *Service) AdjustBillingCreditBalance(ctx context.Context, organizationID string, params *billing.AdjustCreditBalanceParams, opts ...core.RequestOption) (*billing.CreditLedgerEntry, error) {
	return billingapi.AdjustCreditBalance(ctx, s.b, billingCreditsPath, organizationID, params, opts...)
}
