package users

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/clerkgo/clerk/internal/transport"
)

// Money is an amount of a currency, in its smallest unit (cents).
type Money struct {
	Amount          int64  `json:"amount"`
	AmountFormatted string `json:"amount_formatted"`
	Currency        string `json:"currency"`
	CurrencySymbol  string `json:"currency_symbol"`
}

// BillingSubscription is the Clerk Billing subscription of a user.
// Timestamps are Unix milliseconds.
type BillingSubscription struct {
	Object     string `json:"object"`
	ID         string `json:"id"`
	InstanceID string `json:"instance_id"`
	// Status is "active", "past_due", "canceled", "ended", "abandoned" or
	// "incomplete".
	Status            string                    `json:"status"`
	PayerID           string                    `json:"payer_id"`
	CreatedAt         int64                     `json:"created_at"`
	UpdatedAt         int64                     `json:"updated_at"`
	ActiveAt          *int64                    `json:"active_at"`
	PastDueAt         *int64                    `json:"past_due_at"`
	SubscriptionItems []BillingSubscriptionItem `json:"subscription_items"`
	NextPayment       *BillingNextPayment       `json:"next_payment,omitempty"`
	// EligibleForFreeTrial is only sent where free trials apply.
	EligibleForFreeTrial *bool `json:"eligible_for_free_trial,omitempty"`
}

// BillingNextPayment is the next charge of a subscription.
type BillingNextPayment struct {
	// Date is Unix milliseconds.
	Date   int64 `json:"date"`
	Amount Money `json:"amount"`
	// PerUnitTotals and Totals are left raw: nested price breakdowns.
	PerUnitTotals json.RawMessage `json:"per_unit_totals,omitempty"`
	Totals        json.RawMessage `json:"totals,omitempty"`
}

// BillingSubscriptionItem is one plan within a subscription. The nested
// breakdowns that few callers read (credit, credits, payment method, payer,
// next payment, seats, totals) are left as raw JSON.
type BillingSubscriptionItem struct {
	Object     string `json:"object"`
	ID         string `json:"id"`
	InstanceID string `json:"instance_id"`
	// Status is e.g. "active", "canceled", "upcoming", "past_due".
	Status  string       `json:"status"`
	PlanID  *string      `json:"plan_id"`
	PriceID string       `json:"price_id,omitempty"`
	Plan    *BillingPlan `json:"plan,omitempty"`
	// PlanPeriod is "month" or "annual".
	PlanPeriod   string `json:"plan_period"`
	LifetimePaid *Money `json:"lifetime_paid,omitempty"`
	PayerID      string `json:"payer_id"`
	IsFreeTrial  bool   `json:"is_free_trial"`
	PeriodStart  int64  `json:"period_start"`
	PeriodEnd    *int64 `json:"period_end"`
	// ProrationDate is a date (YYYY-MM-DD).
	ProrationDate string `json:"proration_date,omitempty"`
	CanceledAt    *int64 `json:"canceled_at"`
	PastDueAt     *int64 `json:"past_due_at"`
	EndedAt       *int64 `json:"ended_at"`
	CreatedAt     int64  `json:"created_at,omitempty"`
	UpdatedAt     int64  `json:"updated_at,omitempty"`

	Credit        json.RawMessage `json:"credit,omitempty"`
	Credits       json.RawMessage `json:"credits,omitempty"`
	PaymentMethod json.RawMessage `json:"payment_method,omitempty"`
	NextPayment   json.RawMessage `json:"next_payment,omitempty"`
	Payer         json.RawMessage `json:"payer,omitempty"`
	Seats         json.RawMessage `json:"seats,omitempty"`
	Totals        json.RawMessage `json:"totals,omitempty"`
}

// BillingPlan is a Clerk Billing plan. Features and UnitPrices are left raw.
type BillingPlan struct {
	Object           string          `json:"object"`
	ID               string          `json:"id"`
	Name             string          `json:"name"`
	Slug             string          `json:"slug"`
	Description      *string         `json:"description"`
	ProductID        string          `json:"product_id"`
	Fee              *Money          `json:"fee"`
	AnnualMonthlyFee *Money          `json:"annual_monthly_fee"`
	AnnualFee        *Money          `json:"annual_fee"`
	IsDefault        bool            `json:"is_default"`
	IsRecurring      bool            `json:"is_recurring"`
	PubliclyVisible  bool            `json:"publicly_visible"`
	HasBaseFee       bool            `json:"has_base_fee"`
	ForPayerType     string          `json:"for_payer_type"`
	AvatarURL        *string         `json:"avatar_url"`
	FreeTrialEnabled bool            `json:"free_trial_enabled"`
	FreeTrialDays    *int64          `json:"free_trial_days"`
	Features         json.RawMessage `json:"features,omitempty"`
	UnitPrices       json.RawMessage `json:"unit_prices,omitempty"`
}

// CreditBalance is a payer's Clerk Billing credit balance.
type CreditBalance struct {
	Object string `json:"object"`
	// Balance is nil when the payer never had credits.
	Balance *Money `json:"balance"`
}

// CreditLedgerEntry records one credit adjustment.
type CreditLedgerEntry struct {
	Object  string `json:"object"`
	ID      string `json:"id"`
	PayerID string `json:"payer_id"`
	// Amount is positive for increases, negative for decreases.
	Amount Money `json:"amount"`
	// SourceType is where the adjustment came from (e.g. "grant").
	SourceType string  `json:"source_type"`
	SourceID   string  `json:"source_id"`
	Note       *string `json:"note,omitempty"`
	// CreatedAt is an RFC 3339 date-time here, not Unix milliseconds.
	CreatedAt string `json:"created_at"`
}

// Actions of AdjustCreditBalanceParams.
const (
	CreditIncrease = "increase"
	CreditDecrease = "decrease"
)

// AdjustCreditBalanceParams is one credit adjustment.
type AdjustCreditBalanceParams struct {
	// Amount in cents; greater than zero.
	Amount int64 `json:"amount"`
	// Action is CreditIncrease or CreditDecrease.
	Action string `json:"action"`
	// Currency defaults to "USD".
	Currency *string `json:"currency,omitempty"`
	// IdempotencyKey makes the adjustment apply once: a repeat with the
	// same key returns the first ledger entry. Required.
	IdempotencyKey string `json:"idempotency_key"`
	// Note is attached to the ledger entry.
	Note *string `json:"note,omitempty"`
}

// GetBillingSubscription returns the user's Clerk Billing subscription.
//
// API: GET /users/{user_id}/billing/subscription (GetUserBillingSubscription)
func (s *Service) GetBillingSubscription(ctx context.Context, userID string) (*BillingSubscription, error) {
	path, err := transport.Path("/users/{user_id}/billing/subscription", userID)
	if err != nil {
		return nil, err
	}
	out := new(BillingSubscription)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// GetBillingCreditBalance returns the user's credit balance.
//
// API: GET /users/{user_id}/billing/credits (GetUserBillingCreditBalance)
func (s *Service) GetBillingCreditBalance(ctx context.Context, userID string) (*CreditBalance, error) {
	path, err := transport.Path("/users/{user_id}/billing/credits", userID)
	if err != nil {
		return nil, err
	}
	out := new(CreditBalance)
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
func (s *Service) AdjustBillingCreditBalance(ctx context.Context, userID string, params *AdjustCreditBalanceParams) (*CreditLedgerEntry, error) {
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
	if params.Action != CreditIncrease && params.Action != CreditDecrease {
		return nil, transport.Invalid("action", `must be "increase" or "decrease", got %q`, params.Action)
	}
	out := new(CreditLedgerEntry)
	req := &transport.Request{Method: http.MethodPost, Path: path, Body: params, Replay: transport.ReplaySafe}
	if err := s.b.Do(ctx, req, out); err != nil {
		return nil, err
	}
	return out, nil
}
