package users

import (
	"context"
	"net/http"
	"strings"

	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/internal/transport"
)

// GetBillingSubscription returns the user's Clerk Billing subscription.
//
// API: GET /users/{user_id}/billing/subscription (GetUserBillingSubscription)
func (s *Service) GetBillingSubscription(ctx context.Context, userID string) (*billing.Subscription, error) {
	path, err := transport.Path("/users/{user_id}/billing/subscription", userID)
	if err != nil {
		return nil, err
	}
	out := new(billing.Subscription)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// GetBillingCreditBalance returns the user's credit balance.
//
// API: GET /users/{user_id}/billing/credits (GetUserBillingCreditBalance)
func (s *Service) GetBillingCreditBalance(ctx context.Context, userID string) (*billing.CreditBalance, error) {
	path, err := transport.Path("/users/{user_id}/billing/credits", userID)
	if err != nil {
		return nil, err
	}
	out := new(billing.CreditBalance)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// AdjustBillingCreditBalance increases or decreases the user's credit
// balance. The idempotency key makes a replay return the first entry
// instead of adjusting twice, so unlike other POSTs it is retried; a
// missing key, a non-positive amount or an unknown action fails before any
// request.
//
// API: POST /users/{user_id}/billing/credits (AdjustUserBillingCreditBalance)
func (s *Service) AdjustBillingCreditBalance(ctx context.Context, userID string, params *billing.AdjustCreditBalanceParams) (*billing.CreditLedgerEntry, error) {
	path, err := transport.Path("/users/{user_id}/billing/credits", userID)
	if err != nil {
		return nil, err
	}
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil")
	}
	if strings.TrimSpace(params.IdempotencyKey) == "" {
		return nil, transport.Invalid("idempotency_key", "must not be empty")
	}
	if params.Amount <= 0 {
		return nil, transport.Invalid("amount", "must be greater than zero, got %d", params.Amount)
	}
	if params.Action != billing.CreditIncrease && params.Action != billing.CreditDecrease {
		return nil, transport.Invalid("action", `must be "increase" or "decrease", got %q`, params.Action)
	}
	out := new(billing.CreditLedgerEntry)
	req := &transport.Request{Method: http.MethodPost, Path: path, Body: params, Replay: transport.ReplaySafe}
	if err := s.b.Do(ctx, req, out); err != nil {
		return nil, err
	}
	return out, nil
}
