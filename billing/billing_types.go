package billing

import (
	"encoding/json"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
)

// Price is one price of a plan: a monthly amount and, optionally, a
// monthly amount when paid annually, in the currency's smallest unit.
type Price struct {
	Object         string `json:"object"`
	ID             string `json:"id"`
	PlanID         string `json:"plan_id"`
	InstanceID     string `json:"instance_id"`
	Currency       string `json:"currency"`
	CurrencySymbol string `json:"currency_symbol"`
	// Amount and AnnualMonthlyAmount are in cents.
	Amount              int64  `json:"amount"`
	AnnualMonthlyAmount int64  `json:"annual_monthly_amount"`
	Fee                 *Money `json:"fee"`
	AnnualMonthlyFee    *Money `json:"annual_monthly_fee"`
	Description         string `json:"description"`
	IsDefault           bool   `json:"is_default"`
	// SupportedBillingPeriods is "month", "annual" or "both".
	SupportedBillingPeriods string    `json:"supported_billing_periods"`
	CreatedAt               time.Time `json:"created_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (p *Price) UnmarshalJSON(b []byte) error {
	type plain Price
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
	}{(*plain)(p), transport.Millis{T: &p.CreatedAt}})
}

// PriceTransition is the result of moving a subscription item to another
// price.
type PriceTransition struct {
	Object string `json:"object"`
	// SubscriptionItem is the item after the transition.
	SubscriptionItem *SubscriptionItem `json:"subscription_item"`
	Transition       *Transition       `json:"transition"`
}

// Transition says what a price transition did.
type Transition struct {
	PreviousPlan  *Plan  `json:"previous_plan"`
	PreviousPrice *Price `json:"previous_price"`
	// EffectiveMode is "immediate" or "end_of_period".
	EffectiveMode                  string     `json:"effective_mode"`
	EffectiveAt                    time.Time  `json:"effective_at"`
	NextBillingDate                *time.Time `json:"next_billing_date"`
	ChargedImmediately             bool       `json:"charged_immediately"`
	ImmediateCharge                *Money     `json:"immediate_charge"`
	PreviousSubscriptionItemStatus string     `json:"previous_subscription_item_status"`
	PreviousSubscriptionItemID     string     `json:"previous_subscription_item_id"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (t *Transition) UnmarshalJSON(b []byte) error {
	type plain Transition
	return json.Unmarshal(b, &struct {
		*plain
		EffectiveAt     transport.Millis    `json:"effective_at"`
		NextBillingDate transport.MillisPtr `json:"next_billing_date"`
	}{(*plain)(t), transport.Millis{T: &t.EffectiveAt}, transport.MillisPtr{T: &t.NextBillingDate}})
}

// DiscountRedemption is a discount applied to a subscription item.
type DiscountRedemption struct {
	Object             string `json:"object"`
	ID                 string `json:"id"`
	SubscriptionItemID string `json:"subscription_item_id"`
	DiscountID         string `json:"discount_id"`
	Name               string `json:"name"`
	// Source is "promotion", "manual" or "promo_code".
	Source    string `json:"source"`
	PromoCode string `json:"promo_code"`
	// Effect is "percentage" (PercentOff) or "fixed_amount" (AmountOff).
	Effect string `json:"effect"`
	// PercentOff is a percentage as the API sends it (a JSON number,
	// e.g. 12.5); kept as its exact decimal text.
	PercentOff      json.Number `json:"percent_off"`
	AmountOff       *Money      `json:"amount_off"`
	Amount          *Money      `json:"amount"`
	CyclesRemaining *int64      `json:"cycles_remaining"`
	CyclesApplied   int64       `json:"cycles_applied"`
	// Status is "active", "exhausted" or "removed".
	Status     string    `json:"status"`
	RedeemedAt time.Time `json:"redeemed_at"`
	RedeemedBy string    `json:"redeemed_by"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (d *DiscountRedemption) UnmarshalJSON(b []byte) error {
	type plain DiscountRedemption
	return json.Unmarshal(b, &struct {
		*plain
		RedeemedAt transport.Millis `json:"redeemed_at"`
	}{(*plain)(d), transport.Millis{T: &d.RedeemedAt}})
}

// Statement is a payer's billing statement for a period.
type Statement struct {
	Object     string    `json:"object"`
	ID         string    `json:"id"`
	InstanceID string    `json:"instance_id"`
	Timestamp  time.Time `json:"timestamp"`
	Payer      *Payer    `json:"payer"`
	// Status is "open" or "closed".
	Status string            `json:"status"`
	Totals *StatementTotals  `json:"totals"`
	Groups []*StatementGroup `json:"groups"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (s *Statement) UnmarshalJSON(b []byte) error {
	type plain Statement
	return json.Unmarshal(b, &struct {
		*plain
		Timestamp transport.Millis `json:"timestamp"`
	}{(*plain)(s), transport.Millis{T: &s.Timestamp}})
}

// StatementTotals are a statement's sums.
type StatementTotals struct {
	GrandTotal Money `json:"grand_total"`
	Subtotal   Money `json:"subtotal"`
	BaseFee    Money `json:"base_fee"`
	TaxTotal   Money `json:"tax_total"`
}

// StatementGroup is the payment attempts of one day of a statement.
type StatementGroup struct {
	Object    string            `json:"object"`
	Timestamp time.Time         `json:"timestamp"`
	Items     []*PaymentAttempt `json:"items"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (g *StatementGroup) UnmarshalJSON(b []byte) error {
	type plain StatementGroup
	return json.Unmarshal(b, &struct {
		*plain
		Timestamp transport.Millis `json:"timestamp"`
	}{(*plain)(g), transport.Millis{T: &g.Timestamp}})
}

// PaymentAttempt is one attempt to charge a payer.
type PaymentAttempt struct {
	Object     string `json:"object"`
	ID         string `json:"id"`
	PaymentID  string `json:"payment_id"`
	InstanceID string `json:"instance_id"`
	// ChargeType is e.g. "recurring" or "checkout".
	ChargeType         string          `json:"charge_type"`
	PayeeID            string          `json:"payee_id"`
	Payee              json.RawMessage `json:"payee"`
	PayerID            string          `json:"payer_id"`
	Payer              *Payer          `json:"payer"`
	SubscriptionItemID string          `json:"subscription_item_id"`
	// SubscriptionItem is the charged item as the API sends it.
	SubscriptionItem   json.RawMessage `json:"subscription_item"`
	Amount             Money           `json:"amount"`
	Totals             *Totals         `json:"totals"`
	PaymentMethodID    string          `json:"payment_method_id"`
	PaymentMethod      *PaymentMethod  `json:"payment_method"`
	StatementID        string          `json:"statement_id"`
	GatewayExternalID  string          `json:"gateway_external_id"`
	GatewayExternalURL string          `json:"gateway_external_url"`
	// Status is "pending", "paid" or "failed".
	Status    string     `json:"status"`
	PaidAt    *time.Time `json:"paid_at"`
	FailedAt  *time.Time `json:"failed_at"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (p *PaymentAttempt) UnmarshalJSON(b []byte) error {
	type plain PaymentAttempt
	return json.Unmarshal(b, &struct {
		*plain
		PaidAt    transport.MillisPtr `json:"paid_at"`
		FailedAt  transport.MillisPtr `json:"failed_at"`
		CreatedAt transport.Millis    `json:"created_at"`
		UpdatedAt transport.Millis    `json:"updated_at"`
	}{(*plain)(p), transport.MillisPtr{T: &p.PaidAt}, transport.MillisPtr{T: &p.FailedAt},
		transport.Millis{T: &p.CreatedAt}, transport.Millis{T: &p.UpdatedAt}})
}
