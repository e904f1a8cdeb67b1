package organizations

import (
	"context"
	"net/http"

	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/internal/transport"
)

// GetBillingSubscription returns the organization's billing subscription:
// its status, the plans it holds (one item per plan) and the next payment.
//
// API: GET /organizations/{organization_id}/billing/subscription (GetOrganizationBillingSubscription)
func (s *Service) GetBillingSubscription(ctx context.Context, organizationID string) (*billing.Subscription, error) {
	path, err := transport.Path("/organizations/{organization_id}/billing/subscription", organizationID)
	if err != nil {
		return nil, err
	}
	sub := new(billing.Subscription)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path}, sub); err != nil {
		return nil, err
	}
	return sub, nil
}

// GetBillingCreditBalance returns the organization's credit balance, which
// checkout and recurring charges draw from.
//
// API: GET /organizations/{organization_id}/billing/credits (GetOrganizationBillingCreditBalance)
func (s *Service) GetBillingCreditBalance(ctx context.Context, organizationID string) (*billing.CreditBalance, error) {
	path, err := transport.Path("/organizations/{organization_id}/billing/credits", organizationID)
	if err != nil {
		return nil, err
	}
	out := new(billing.CreditBalance)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// AdjustBillingCredits increases or decreases the organization's credit
// balance and returns the ledger entry. The idempotency key makes it safe
// to replay, so it is retried on transient failures like a read.
//
// API: POST /organizations/{organization_id}/billing/credits (AdjustOrganizationBillingCreditBalance)
func (s *Service) AdjustBillingCredits(ctx context.Context, organizationID string, params *billing.AdjustCreditBalanceParams) (*billing.CreditLedgerEntry, error) {
	path, err := transport.Path("/organizations/{organization_id}/billing/credits", organizationID)
	if err != nil {
		return nil, err
	}
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil: amount, action and idempotency_key are required")
	}
	if params.Amount <= 0 {
		return nil, transport.Invalid("amount", "must be greater than zero, got %d", params.Amount)
	}
	if params.Action != billing.CreditIncrease && params.Action != billing.CreditDecrease {
		return nil, transport.Invalid("action", "must be %q or %q, got %q", billing.CreditIncrease, billing.CreditDecrease, params.Action)
	}
	if err := transport.ValidateID("idempotency_key", params.IdempotencyKey); err != nil {
		return nil, err
	}
	out := new(billing.CreditLedgerEntry)
	req := &transport.Request{Method: http.MethodPost, Path: path, Body: params, Replay: transport.ReplaySafe}
	if err := s.b.Do(ctx, req, out); err != nil {
		return nil, err
	}
	return out, nil
}
