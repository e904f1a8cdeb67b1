package billing

import "time"

// Credit adjustment directions, for AdjustCreditBalanceParams.Action.
const (
	CreditIncrease = "increase"
	CreditDecrease = "decrease"
)

// AdjustCreditBalanceParams describe one credit adjustment. Amount, Action
// and IdempotencyKey are required.
type AdjustCreditBalanceParams struct {
	// Amount is in cents and must be greater than zero.
	Amount int64 `json:"amount"`
	// Action is CreditIncrease or CreditDecrease.
	Action string `json:"action"`
	// Currency is a code such as "USD"; empty leaves the API's default
	// (USD).
	Currency string `json:"currency,omitempty"`
	// IdempotencyKey makes the adjustment apply once: a request repeated
	// with the same key returns the original ledger entry. Use one key per
	// intended adjustment (an order ID, a UUID stored with the job).
	IdempotencyKey string `json:"idempotency_key"`
	// Note is stored on the ledger entry; empty sends none.
	Note string `json:"note,omitempty"`
}

// CreditBalance is a payer's credit balance, which checkout and recurring
// charges draw from.
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
	// SourceType is what caused the adjustment, e.g. "grant".
	SourceType string  `json:"source_type"`
	SourceID   string  `json:"source_id"`
	Note       *string `json:"note"`
	// CreatedAt is an RFC 3339 date-time here, unlike the Unix
	// milliseconds of the other resources.
	CreatedAt time.Time `json:"created_at"`
}
