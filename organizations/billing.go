package organizations

import (
	"context"
	"net/http"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
)

// GetBillingSubscription returns the organization's billing subscription:
// its status, the plans it holds (one item per plan) and the next payment.
//
// API: GET /organizations/{organization_id}/billing/subscription (GetOrganizationBillingSubscription)
func (s *Service) GetBillingSubscription(ctx context.Context, organizationID string) (*BillingSubscription, error) {
	path, err := transport.Path("/organizations/{organization_id}/billing/subscription", organizationID)
	if err != nil {
		return nil, err
	}
	sub := new(BillingSubscription)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path}, sub); err != nil {
		return nil, err
	}
	return sub, nil
}

// GetBillingCreditBalance returns the organization's credit balance, which
// checkout and recurring charges draw from.
//
// API: GET /organizations/{organization_id}/billing/credits (GetOrganizationBillingCreditBalance)
func (s *Service) GetBillingCreditBalance(ctx context.Context, organizationID string) (*BillingCreditBalance, error) {
	path, err := transport.Path("/organizations/{organization_id}/billing/credits", organizationID)
	if err != nil {
		return nil, err
	}
	out := new(BillingCreditBalance)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Credit adjustment directions, for AdjustBillingCreditsParams.Action.
const (
	CreditActionIncrease = "increase"
	CreditActionDecrease = "decrease"
)

// AdjustBillingCreditsParams describe one credit adjustment. Amount,
// Action and IdempotencyKey are required.
type AdjustBillingCreditsParams struct {
	// Amount is in cents and must be greater than zero.
	Amount int64 `json:"amount"`
	// Action is CreditActionIncrease or CreditActionDecrease.
	Action string `json:"action"`
	// Currency is a code such as "USD" (the API's default).
	Currency *string `json:"currency,omitempty"`
	// IdempotencyKey makes the adjustment apply once: a request repeated
	// with the same key returns the original ledger entry. Use one key per
	// intended adjustment (an order ID, a UUID stored with the job).
	IdempotencyKey string `json:"idempotency_key"`
	// Note is stored on the ledger entry.
	Note *string `json:"note,omitempty"`
}

// AdjustBillingCredits increases or decreases the organization's credit
// balance and returns the ledger entry. The idempotency key makes it safe
// to replay, so it is retried on transient failures like a read.
//
// API: POST /organizations/{organization_id}/billing/credits (AdjustOrganizationBillingCreditBalance)
func (s *Service) AdjustBillingCredits(ctx context.Context, organizationID string, params *AdjustBillingCreditsParams) (*BillingCreditLedgerEntry, error) {
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
	if params.Action != CreditActionIncrease && params.Action != CreditActionDecrease {
		return nil, transport.Invalid("action", "must be %q or %q, got %q", CreditActionIncrease, CreditActionDecrease, params.Action)
	}
	if err := transport.ValidateID("idempotency_key", params.IdempotencyKey); err != nil {
		return nil, err
	}
	out := new(BillingCreditLedgerEntry)
	req := &transport.Request{Method: http.MethodPost, Path: path, Body: params, Replay: transport.ReplaySafe}
	if err := s.b.Do(ctx, req, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Money is an amount in the currency's smallest unit (cents), with the
// API's formatting.
type Money struct {
	Amount          int64  `json:"amount"`
	AmountFormatted string `json:"amount_formatted"`
	Currency        string `json:"currency"`
	CurrencySymbol  string `json:"currency_symbol"`
}

// BillingSubscription is a payer's subscription. Timestamps are Unix
// milliseconds.
type BillingSubscription struct {
	Object     string `json:"object"`
	ID         string `json:"id"`
	InstanceID string `json:"instance_id"`
	// Status is active, past_due, canceled, ended, abandoned or incomplete.
	Status            string                    `json:"status"`
	PayerID           string                    `json:"payer_id"`
	CreatedAt         int64                     `json:"created_at"`
	UpdatedAt         int64                     `json:"updated_at"`
	ActiveAt          *int64                    `json:"active_at"`
	PastDueAt         *int64                    `json:"past_due_at"`
	SubscriptionItems []BillingSubscriptionItem `json:"subscription_items"`
	NextPayment       *BillingNextPayment       `json:"next_payment,omitempty"`
	// EligibleForFreeTrial reports whether the payer may still start a
	// free trial.
	EligibleForFreeTrial bool `json:"eligible_for_free_trial,omitempty"`
}

// BillingSubscriptionItem is one plan of a subscription.
type BillingSubscriptionItem struct {
	Object     string `json:"object"`
	ID         string `json:"id"`
	InstanceID string `json:"instance_id"`
	// Status is active, canceled, expired, ended, past_due, upcoming,
	// incomplete or abandoned.
	Status  string             `json:"status"`
	Credit  *BillingItemCredit `json:"credit,omitempty"`
	Credits *BillingCredits    `json:"credits,omitempty"`
	PlanID  *string            `json:"plan_id"`
	PriceID string             `json:"price_id,omitempty"`
	Plan    *BillingPlan       `json:"plan,omitempty"`
	// PlanPeriod is "month" or "annual".
	PlanPeriod    string                  `json:"plan_period"`
	PaymentMethod *BillingPaymentMethod   `json:"payment_method,omitempty"`
	LifetimePaid  *Money                  `json:"lifetime_paid,omitempty"`
	NextPayment   *BillingItemNextPayment `json:"next_payment,omitempty"`
	PayerID       string                  `json:"payer_id"`
	Payer         *BillingPayer           `json:"payer,omitempty"`
	IsFreeTrial   bool                    `json:"is_free_trial"`
	PeriodStart   int64                   `json:"period_start"`
	PeriodEnd     *int64                  `json:"period_end"`
	// ProrationDate is a calendar date, "2006-01-02".
	ProrationDate string         `json:"proration_date,omitempty"`
	CanceledAt    *int64         `json:"canceled_at"`
	PastDueAt     *int64         `json:"past_due_at"`
	EndedAt       *int64         `json:"ended_at"`
	CreatedAt     int64          `json:"created_at,omitempty"`
	UpdatedAt     int64          `json:"updated_at,omitempty"`
	Seats         *BillingSeats  `json:"seats,omitempty"`
	Totals        *BillingTotals `json:"totals,omitempty"`
}

// BillingItemCredit is the credit a subscription item carries into a plan
// change.
type BillingItemCredit struct {
	Amount                *Money  `json:"amount,omitempty"`
	CycleRemainingPercent float64 `json:"cycle_remaining_percent,omitempty"`
}

// BillingCredits break down the credits applied to a charge.
type BillingCredits struct {
	Proration *BillingProrationCredit `json:"proration"`
	Payer     *BillingPayerCredit     `json:"payer"`
	Total     Money                   `json:"total"`
}

// BillingProrationCredit is the credit for the unused part of a cycle.
type BillingProrationCredit struct {
	Amount                Money   `json:"amount"`
	CycleDaysRemaining    int64   `json:"cycle_days_remaining"`
	CycleDaysTotal        int64   `json:"cycle_days_total"`
	CycleRemainingPercent float64 `json:"cycle_remaining_percent"`
}

// BillingPayerCredit is the part of a charge paid from the credit balance.
type BillingPayerCredit struct {
	RemainingBalance Money `json:"remaining_balance"`
	AppliedAmount    Money `json:"applied_amount"`
}

// BillingPlan is a billing plan.
type BillingPlan struct {
	Object           string  `json:"object"`
	ID               string  `json:"id"`
	Name             string  `json:"name"`
	Fee              *Money  `json:"fee"`
	AnnualMonthlyFee *Money  `json:"annual_monthly_fee"`
	AnnualFee        *Money  `json:"annual_fee"`
	Description      *string `json:"description"`
	// ProductID is kept for older callers.
	//
	// Deprecated: plans are no longer grouped by product.
	ProductID       string `json:"product_id"`
	IsDefault       bool   `json:"is_default"`
	IsRecurring     bool   `json:"is_recurring"`
	PubliclyVisible bool   `json:"publicly_visible"`
	HasBaseFee      bool   `json:"has_base_fee"`
	// ForPayerType is "user" or "org".
	ForPayerType     string             `json:"for_payer_type"`
	Slug             string             `json:"slug"`
	AvatarURL        *string            `json:"avatar_url"`
	Features         []BillingFeature   `json:"features,omitempty"`
	FreeTrialEnabled bool               `json:"free_trial_enabled"`
	FreeTrialDays    *int64             `json:"free_trial_days"`
	UnitPrices       []BillingUnitPrice `json:"unit_prices,omitempty"`
}

// BillingFeature is a feature a plan grants.
type BillingFeature struct {
	Object      string  `json:"object"`
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Description *string `json:"description"`
	Slug        string  `json:"slug"`
	AvatarURL   *string `json:"avatar_url"`
}

// BillingUnitPrice is a plan's per-unit price (for example per seat), in
// tiers of blocks.
type BillingUnitPrice struct {
	Name      string                 `json:"name"`
	BlockSize int64                  `json:"block_size"`
	Tiers     []BillingUnitPriceTier `json:"tiers"`
}

// BillingUnitPriceTier prices the blocks from StartsAtBlock to
// EndsAfterBlock (nil: no upper bound).
type BillingUnitPriceTier struct {
	StartsAtBlock  int64  `json:"starts_at_block"`
	EndsAfterBlock *int64 `json:"ends_after_block"`
	FeePerBlock    Money  `json:"fee_per_block"`
}

// BillingPaymentMethod is how a payer pays.
type BillingPaymentMethod struct {
	Object  string `json:"object"`
	ID      string `json:"id"`
	PayerID string `json:"payer_id"`
	// PaymentType is card, link or payer-credits.
	PaymentType              string  `json:"payment_type"`
	IsDefault                bool    `json:"is_default,omitempty"`
	Gateway                  string  `json:"gateway"`
	GatewayExternalID        string  `json:"gateway_external_id"`
	GatewayExternalAccountID *string `json:"gateway_external_account_id"`
	Last4                    *string `json:"last4"`
	// Status is active or disconnected.
	Status      string  `json:"status"`
	WalletType  *string `json:"wallet_type,omitempty"`
	CardType    *string `json:"card_type"`
	ExpiryYear  *int    `json:"expiry_year,omitempty"`
	ExpiryMonth *int    `json:"expiry_month,omitempty"`
	CreatedAt   int64   `json:"created_at,omitempty"`
	UpdatedAt   int64   `json:"updated_at,omitempty"`
	IsRemovable bool    `json:"is_removable,omitempty"`
}

// BillingItemNextPayment is the next charge of one subscription item.
type BillingItemNextPayment struct {
	Amount        *Money                `json:"amount,omitempty"`
	Date          *int64                `json:"date,omitempty"`
	PerUnitTotals []BillingPerUnitTotal `json:"per_unit_totals,omitempty"`
	Totals        *BillingTotals        `json:"totals,omitempty"`
}

// BillingNextPayment is the next charge of a whole subscription.
type BillingNextPayment struct {
	Date          int64                 `json:"date"`
	Amount        Money                 `json:"amount"`
	PerUnitTotals []BillingPerUnitTotal `json:"per_unit_totals,omitempty"`
	Totals        *BillingTotals        `json:"totals,omitempty"`
}

// BillingPerUnitTotal is what the units of one unit price add up to.
type BillingPerUnitTotal struct {
	Name      string                    `json:"name"`
	BlockSize int64                     `json:"block_size"`
	Tiers     []BillingPerUnitTotalTier `json:"tiers"`
}

// BillingPerUnitTotalTier is the charge of one pricing tier.
type BillingPerUnitTotalTier struct {
	Quantity    *int64 `json:"quantity,omitempty"`
	FeePerBlock Money  `json:"fee_per_block"`
	Total       Money  `json:"total"`
}

// BillingTotals break down a charge.
type BillingTotals struct {
	Subtotal      Money                 `json:"subtotal"`
	BaseFee       Money                 `json:"base_fee"`
	TaxTotal      Money                 `json:"tax_total"`
	GrandTotal    Money                 `json:"grand_total"`
	PerUnitTotals []BillingPerUnitTotal `json:"per_unit_totals,omitempty"`
	Credits       *BillingCredits       `json:"credits,omitempty"`
	Discounts     *BillingDiscounts     `json:"discounts,omitempty"`
}

// BillingDiscounts break down the discounts of a charge.
type BillingDiscounts struct {
	Proration *BillingProrationDiscount `json:"proration"`
	Total     Money                     `json:"total"`
}

// BillingProrationDiscount is the discount for the used part of a cycle.
type BillingProrationDiscount struct {
	Amount             Money   `json:"amount"`
	CycleDaysPassed    int64   `json:"cycle_days_passed"`
	CycleDaysTotal     int64   `json:"cycle_days_total"`
	CyclePassedPercent float64 `json:"cycle_passed_percent"`
}

// BillingPayer is the user or organization that pays.
type BillingPayer struct {
	Object           string  `json:"object"`
	ID               string  `json:"id"`
	InstanceID       string  `json:"instance_id"`
	UserID           *string `json:"user_id,omitempty"`
	FirstName        *string `json:"first_name,omitempty"`
	LastName         *string `json:"last_name,omitempty"`
	Email            *string `json:"email,omitempty"`
	OrganizationID   *string `json:"organization_id,omitempty"`
	OrganizationName *string `json:"organization_name,omitempty"`
	ImageURL         string  `json:"image_url,omitempty"`
	CreditsBalance   *Money  `json:"credits_balance,omitempty"`
	CreatedAt        int64   `json:"created_at,omitempty"`
	UpdatedAt        int64   `json:"updated_at,omitempty"`
}

// BillingSeats is the seat count of a per-seat subscription item.
type BillingSeats struct {
	Quantity *int64                    `json:"quantity"`
	Tiers    []BillingPerUnitTotalTier `json:"tiers,omitempty"`
}

// BillingCreditBalance is a payer's credit balance.
type BillingCreditBalance struct {
	Object string `json:"object"`
	// Balance is nil when the payer never had credits.
	Balance *Money `json:"balance"`
}

// BillingCreditLedgerEntry records one credit adjustment.
type BillingCreditLedgerEntry struct {
	Object  string `json:"object"`
	ID      string `json:"id"`
	PayerID string `json:"payer_id"`
	// Amount is positive for increases, negative for decreases.
	Amount Money `json:"amount"`
	// SourceType is what caused the adjustment, e.g. "grant".
	SourceType string  `json:"source_type"`
	SourceID   string  `json:"source_id"`
	Note       *string `json:"note"`
	// CreatedAt is an RFC 3339 date-time here, unlike the Unix
	// milliseconds of the other resources.
	CreatedAt time.Time `json:"created_at"`
}
