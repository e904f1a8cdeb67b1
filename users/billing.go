package users

import (
	"context"
	"github.com/clerkgo/clerk/core"

	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/internal/billingapi"
)

const (
	billingSubscriptionPath = "/users/{user_id}/billing/subscription"
	billingCreditsPath      = "/users/{user_id}/billing/credits"
)

// GetBillingSubscription returns the user's Clerk Billing subscription.
//
// API: GET /users/{user_id}/billing/subscription (GetUserBillingSubscription)
func (s *Service) GetBillingSubscription(ctx context.Context, userID string, opts ...core.RequestOption) (*billing.Subscription, error) {
	return billingapi.Subscription(ctx, s.b, billingSubscriptionPath, userID, opts...)
}

// GetBillingCreditBalance returns the user's credit balance.
//
// API: GET /users/{user_id}/billing/credits (GetUserBillingCreditBalance)
func (s *Service) GetBillingCreditBalance(ctx context.Context, userID string, opts ...core.RequestOption) (*billing.CreditBalance, error) {
	return billingapi.CreditBalance(ctx, s.b, billingCreditsPath, userID, opts...)
}

// AdjustBillingCreditBalance increases or decreases the user's credit
// balance. The idempotency key makes a replay return the first entry
// instead of adjusting twice, so unlike other POSTs it is retried; a
// missing key, a non-positive amount or an unknown action fails before any
// request.
//
// API: POST /users/{user_id}/billing/credits (AdjustUserBillingCreditBalance)
func (s *Service) AdjustBillingCreditBalance(ctx context.Context, userID string, params *billing.AdjustCreditBalanceParams, opts ...core.RequestOption) (*billing.CreditLedgerEntry, error) {
	return billingapi.AdjustCredits(ctx, s.b, billingCreditsPath, userID, params, opts...)
}
