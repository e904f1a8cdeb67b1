package billing

import (
	"encoding/json"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
)

// Subscription is a payer's subscription: its status, the plans it holds
// (one item per plan) and the next payment.
type Subscription struct {
	Object     string `json:"object"`
	ID         string `json:"id"`
	InstanceID string `json:"instance_id"`
	// Status is active, past_due, canceled, ended, abandoned or incomplete.
	Status            string             `json:"status"`
	PayerID           string             `json:"payer_id"`
	CreatedAt         time.Time          `json:"created_at"`
	UpdatedAt         time.Time          `json:"updated_at"`
	ActiveAt          *time.Time         `json:"active_at"`
	PastDueAt         *time.Time         `json:"past_due_at"`
	SubscriptionItems []SubscriptionItem `json:"subscription_items"`
	NextPayment       *NextPayment       `json:"next_payment,omitempty"`
	// EligibleForFreeTrial reports whether the payer may still start a
	// free trial; nil when the API does not say (it is only sent where
	// free trials apply).
	EligibleForFreeTrial *bool `json:"eligible_for_free_trial,omitempty"`
}

// SubscriptionItem is one plan of a subscription.
type SubscriptionItem struct {
	Object     string `json:"object"`
	ID         string `json:"id"`
	InstanceID string `json:"instance_id"`
	// Status is active, canceled, expired, ended, past_due, upcoming,
	// incomplete or abandoned.
	Status  string      `json:"status"`
	Credit  *ItemCredit `json:"credit,omitempty"`
	Credits *Credits    `json:"credits,omitempty"`
	PlanID  *string     `json:"plan_id"`
	PriceID string      `json:"price_id,omitempty"`
	// Amount is the item's current amount (in the answers of the
	// instance-wide Billing operations).
	Amount *Money `json:"amount,omitempty"`
	// NextInvoice is the item's next invoice, where the API sends it.
	NextInvoice *ItemNextPayment `json:"next_invoice,omitempty"`
	// PaymentSource and PaymentSourceID name how the item is paid, where
	// the API sends them (PaymentMethod elsewhere).
	PaymentSource   *PaymentMethod `json:"payment_source,omitempty"`
	PaymentSourceID string         `json:"payment_source_id,omitempty"`
	Plan            *Plan          `json:"plan,omitempty"`
	// PlanPeriod is "month" or "annual".
	PlanPeriod    string           `json:"plan_period"`
	PaymentMethod *PaymentMethod   `json:"payment_method,omitempty"`
	LifetimePaid  *Money           `json:"lifetime_paid,omitempty"`
	NextPayment   *ItemNextPayment `json:"next_payment,omitempty"`
	PayerID       string           `json:"payer_id"`
	Payer         *Payer           `json:"payer,omitempty"`
	IsFreeTrial   bool             `json:"is_free_trial"`
	PeriodStart   time.Time        `json:"period_start"`
	PeriodEnd     *time.Time       `json:"period_end"`
	// ProrationDate is a calendar date, "2006-01-02".
	ProrationDate string     `json:"proration_date,omitempty"`
	CanceledAt    *time.Time `json:"canceled_at"`
	PastDueAt     *time.Time `json:"past_due_at"`
	EndedAt       *time.Time `json:"ended_at"`
	CreatedAt     time.Time  `json:"created_at,omitzero"`
	UpdatedAt     time.Time  `json:"updated_at,omitzero"`
	Seats         *Seats     `json:"seats,omitempty"`
	Totals        *Totals    `json:"totals,omitempty"`
}

// NextPayment is the next charge of a whole subscription.
type NextPayment struct {
	Date          time.Time      `json:"date"`
	Amount        Money          `json:"amount"`
	PerUnitTotals []PerUnitTotal `json:"per_unit_totals,omitempty"`
	Totals        *Totals        `json:"totals,omitempty"`
}

// ItemNextPayment is the next charge of one subscription item.
type ItemNextPayment struct {
	Amount        *Money         `json:"amount,omitempty"`
	Date          *time.Time     `json:"date,omitempty"`
	PerUnitTotals []PerUnitTotal `json:"per_unit_totals,omitempty"`
	Totals        *Totals        `json:"totals,omitempty"`
}

// Seats is the seat count of a per-seat subscription item.
type Seats struct {
	Quantity *int64             `json:"quantity"`
	Tiers    []PerUnitTotalTier `json:"tiers,omitempty"`
}

// Payer is the user or organization that pays.
type Payer struct {
	Object           string    `json:"object"`
	ID               string    `json:"id"`
	InstanceID       string    `json:"instance_id"`
	UserID           *string   `json:"user_id,omitempty"`
	FirstName        *string   `json:"first_name,omitempty"`
	LastName         *string   `json:"last_name,omitempty"`
	Email            *string   `json:"email,omitempty"`
	OrganizationID   *string   `json:"organization_id,omitempty"`
	OrganizationName *string   `json:"organization_name,omitempty"`
	ImageURL         string    `json:"image_url,omitempty"`
	CreditsBalance   *Money    `json:"credits_balance,omitempty"`
	CreatedAt        time.Time `json:"created_at,omitzero"`
	UpdatedAt        time.Time `json:"updated_at,omitzero"`
}

// PaymentMethod is how a payer pays.
type PaymentMethod struct {
	Object  string `json:"object"`
	ID      string `json:"id"`
	PayerID string `json:"payer_id"`
	// PaymentType is card, link or payer-credits.
	PaymentType string `json:"payment_type"`
	// Method is the kind of a payment source (card, apple_pay or
	// google_pay): the payment_method of the payment_source answers.
	Method                   string  `json:"payment_method,omitempty"`
	IsDefault                bool    `json:"is_default,omitempty"`
	Gateway                  string  `json:"gateway"`
	GatewayExternalID        string  `json:"gateway_external_id"`
	GatewayExternalAccountID *string `json:"gateway_external_account_id"`
	Last4                    *string `json:"last4"`
	// Status is active or disconnected.
	Status      string    `json:"status"`
	WalletType  *string   `json:"wallet_type,omitempty"`
	CardType    *string   `json:"card_type"`
	ExpiryYear  *int      `json:"expiry_year,omitempty"`
	ExpiryMonth *int      `json:"expiry_month,omitempty"`
	CreatedAt   time.Time `json:"created_at,omitzero"`
	UpdatedAt   time.Time `json:"updated_at,omitzero"`
	IsRemovable bool      `json:"is_removable,omitempty"`
}

// The wire sends the instants of these types as Unix milliseconds; each
// UnmarshalJSON decodes them into time.Time (see transport.Millis).

// UnmarshalJSON decodes the Unix-millisecond instants.
func (s *Subscription) UnmarshalJSON(b []byte) error {
	type plain Subscription
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis    `json:"created_at"`
		UpdatedAt transport.Millis    `json:"updated_at"`
		ActiveAt  transport.MillisPtr `json:"active_at"`
		PastDueAt transport.MillisPtr `json:"past_due_at"`
	}{(*plain)(s), transport.Millis{T: &s.CreatedAt}, transport.Millis{T: &s.UpdatedAt},
		transport.MillisPtr{T: &s.ActiveAt}, transport.MillisPtr{T: &s.PastDueAt}})
}

// UnmarshalJSON decodes the Unix-millisecond instants.
func (it *SubscriptionItem) UnmarshalJSON(b []byte) error {
	type plain SubscriptionItem
	return json.Unmarshal(b, &struct {
		*plain
		PeriodStart transport.Millis    `json:"period_start"`
		PeriodEnd   transport.MillisPtr `json:"period_end"`
		CanceledAt  transport.MillisPtr `json:"canceled_at"`
		PastDueAt   transport.MillisPtr `json:"past_due_at"`
		EndedAt     transport.MillisPtr `json:"ended_at"`
		CreatedAt   transport.Millis    `json:"created_at"`
		UpdatedAt   transport.Millis    `json:"updated_at"`
	}{(*plain)(it), transport.Millis{T: &it.PeriodStart}, transport.MillisPtr{T: &it.PeriodEnd},
		transport.MillisPtr{T: &it.CanceledAt}, transport.MillisPtr{T: &it.PastDueAt}, transport.MillisPtr{T: &it.EndedAt},
		transport.Millis{T: &it.CreatedAt}, transport.Millis{T: &it.UpdatedAt}})
}

// UnmarshalJSON decodes the Unix-millisecond payment date.
func (n *NextPayment) UnmarshalJSON(b []byte) error {
	type plain NextPayment
	return json.Unmarshal(b, &struct {
		*plain
		Date transport.Millis `json:"date"`
	}{(*plain)(n), transport.Millis{T: &n.Date}})
}

// UnmarshalJSON decodes the Unix-millisecond payment date.
func (n *ItemNextPayment) UnmarshalJSON(b []byte) error {
	type plain ItemNextPayment
	return json.Unmarshal(b, &struct {
		*plain
		Date transport.MillisPtr `json:"date"`
	}{(*plain)(n), transport.MillisPtr{T: &n.Date}})
}

// UnmarshalJSON decodes the Unix-millisecond instants.
func (p *Payer) UnmarshalJSON(b []byte) error {
	type plain Payer
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(p), transport.Millis{T: &p.CreatedAt}, transport.Millis{T: &p.UpdatedAt}})
}

// UnmarshalJSON decodes the Unix-millisecond instants.
func (m *PaymentMethod) UnmarshalJSON(b []byte) error {
	type plain PaymentMethod
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(m), transport.Millis{T: &m.CreatedAt}, transport.Millis{T: &m.UpdatedAt}})
}

// The MarshalJSON methods write the wire shape back (Unix-millisecond
// instants), so that a value an application encodes (a cache, a queue)
// decodes again to the same value.

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (s Subscription) MarshalJSON() ([]byte, error) {
	type plain Subscription
	p := plain(s)
	return json.Marshal(&struct {
		*plain
		CreatedAt int64  `json:"created_at"`
		UpdatedAt int64  `json:"updated_at"`
		ActiveAt  *int64 `json:"active_at"`
		PastDueAt *int64 `json:"past_due_at"`
	}{&p, transport.UnixMilli(s.CreatedAt), transport.UnixMilli(s.UpdatedAt), transport.UnixMilliPtr(s.ActiveAt), transport.UnixMilliPtr(s.PastDueAt)})
}

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (it SubscriptionItem) MarshalJSON() ([]byte, error) {
	type plain SubscriptionItem
	p := plain(it)
	return json.Marshal(&struct {
		*plain
		PeriodStart int64  `json:"period_start"`
		PeriodEnd   *int64 `json:"period_end"`
		CanceledAt  *int64 `json:"canceled_at"`
		PastDueAt   *int64 `json:"past_due_at"`
		EndedAt     *int64 `json:"ended_at"`
		CreatedAt   *int64 `json:"created_at,omitempty"`
		UpdatedAt   *int64 `json:"updated_at,omitempty"`
	}{&p, transport.UnixMilli(it.PeriodStart), transport.UnixMilliPtr(it.PeriodEnd), transport.UnixMilliPtr(it.CanceledAt), transport.UnixMilliPtr(it.PastDueAt),
		transport.UnixMilliPtr(it.EndedAt), transport.UnixMilliOmit(it.CreatedAt), transport.UnixMilliOmit(it.UpdatedAt)})
}

// MarshalJSON encodes the wire shape (Unix-millisecond date).
func (n NextPayment) MarshalJSON() ([]byte, error) {
	type plain NextPayment
	p := plain(n)
	return json.Marshal(&struct {
		*plain
		Date int64 `json:"date"`
	}{&p, transport.UnixMilli(n.Date)})
}

// MarshalJSON encodes the wire shape (Unix-millisecond date).
func (n ItemNextPayment) MarshalJSON() ([]byte, error) {
	type plain ItemNextPayment
	p := plain(n)
	return json.Marshal(&struct {
		*plain
		Date *int64 `json:"date,omitempty"`
	}{&p, transport.UnixMilliPtr(n.Date)})
}

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (p Payer) MarshalJSON() ([]byte, error) {
	type plain Payer
	v := plain(p)
	return json.Marshal(&struct {
		*plain
		CreatedAt *int64 `json:"created_at,omitempty"`
		UpdatedAt *int64 `json:"updated_at,omitempty"`
	}{&v, transport.UnixMilliOmit(p.CreatedAt), transport.UnixMilliOmit(p.UpdatedAt)})
}

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (m PaymentMethod) MarshalJSON() ([]byte, error) {
	type plain PaymentMethod
	p := plain(m)
	return json.Marshal(&struct {
		*plain
		CreatedAt *int64 `json:"created_at,omitempty"`
		UpdatedAt *int64 `json:"updated_at,omitempty"`
	}{&p, transport.UnixMilliOmit(m.CreatedAt), transport.UnixMilliOmit(m.UpdatedAt)})
}
