// Package billingapi holds the billing calls that Users and Organizations
// both offer: the same three operations on a different owner path. The
// services keep the exported methods (with their API lines); this package
// keeps the one implementation.
package billingapi

import (
	"context"
	"net/http"

	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
)

// Each call takes the owner's spec path template, with one placeholder
// (e.g. "/users/{user_id}/billing/credits"), the owner's ID and the
// caller's request options, passed through to the request.

// Subscription gets the owner's subscription.
func Subscription(ctx context.Context, b *transport.Backend, template, ownerID string, opts ...core.RequestOption) (*billing.Subscription, error) {
	return get[billing.Subscription](ctx, b, template, ownerID, opts)
}

// CreditBalance gets the owner's credit balance.
func CreditBalance(ctx context.Context, b *transport.Backend, template, ownerID string, opts ...core.RequestOption) (*billing.CreditBalance, error) {
	return get[billing.CreditBalance](ctx, b, template, ownerID, opts)
}

// AdjustCreditBalance validates params before any request, then posts the
// adjustment. The required idempotency key makes a replay return the
// original ledger entry, so unlike other POSTs it is replay-safe.
func AdjustCreditBalance(ctx context.Context, b *transport.Backend, template, ownerID string, params *billing.AdjustCreditBalanceParams, opts ...core.RequestOption) (*billing.CreditLedgerEntry, error) {
	path, err := transport.Path(template, ownerID)
	if err != nil {
		return nil, err
	}
	if err := validate(params); err != nil {
		return nil, err
	}
	out := new(billing.CreditLedgerEntry)
	req := &transport.Request{Method: http.MethodPost, Path: path, Body: params, Replay: transport.ReplaySafe, Options: opts}
	if err := b.Do(ctx, req, out); err != nil {
		return nil, err
	}
	return out, nil
}

// AdjustCredits is AdjustCreditBalance under its former name, kept only
// so that callers not yet moved keep compiling; delete it once unused.
func AdjustCredits(ctx context.Context, b *transport.Backend, template, ownerID string, params *billing.AdjustCreditBalanceParams, opts ...core.RequestOption) (*billing.CreditLedgerEntry, error) {
	return AdjustCreditBalance(ctx, b, template, ownerID, params, opts...)
}

func validate(p *billing.AdjustCreditBalanceParams) error {
	switch {
	case p == nil:
		return transport.Invalid("params", "must not be nil: amount, action and idempotency_key are required")
	case p.Amount <= 0:
		return transport.Invalid("amount", "must be greater than zero, got %d", p.Amount)
	case p.Action != billing.CreditIncrease && p.Action != billing.CreditDecrease:
		return transport.Invalid("action", "must be %q or %q, got %q", billing.CreditIncrease, billing.CreditDecrease, p.Action)
	}
	return transport.ValidateID("idempotency_key", p.IdempotencyKey)
}

func get[T any](ctx context.Context, b *transport.Backend, template, ownerID string, opts []core.RequestOption) (*T, error) {
	path, err := transport.Path(template, ownerID)
	if err != nil {
		return nil, err
	}
	out := new(T)
	if err := b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path, Options: opts}, out); err != nil {
		return nil, err
	}
	return out, nil
}
