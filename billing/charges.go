package billing

// Totals break down a charge.
type Totals struct {
	Subtotal      Money          `json:"subtotal"`
	BaseFee       Money          `json:"base_fee"`
	TaxTotal      Money          `json:"tax_total"`
	GrandTotal    Money          `json:"grand_total"`
	PerUnitTotals []PerUnitTotal `json:"per_unit_totals,omitempty"`
	Credits       *Credits       `json:"credits,omitempty"`
	Discounts     *Discounts     `json:"discounts,omitempty"`
}

// PerUnitTotal is what the units of one unit price add up to.
type PerUnitTotal struct {
	Name      string             `json:"name"`
	BlockSize int64              `json:"block_size"`
	Tiers     []PerUnitTotalTier `json:"tiers"`
}

// PerUnitTotalTier is the charge of one pricing tier.
type PerUnitTotalTier struct {
	Quantity    *int64 `json:"quantity,omitempty"`
	FeePerBlock Money  `json:"fee_per_block"`
	Total       Money  `json:"total"`
}

// ItemCredit is the credit a subscription item carries into a plan
// change.
type ItemCredit struct {
	Amount                *Money  `json:"amount,omitempty"`
	CycleRemainingPercent float64 `json:"cycle_remaining_percent,omitempty"`
}

// Credits break down the credits applied to a charge.
type Credits struct {
	Proration *ProrationCredit `json:"proration"`
	Payer     *PayerCredit     `json:"payer"`
	Total     Money            `json:"total"`
}

// ProrationCredit is the credit for the unused part of a cycle.
type ProrationCredit struct {
	Amount                Money   `json:"amount"`
	CycleDaysRemaining    int64   `json:"cycle_days_remaining"`
	CycleDaysTotal        int64   `json:"cycle_days_total"`
	CycleRemainingPercent float64 `json:"cycle_remaining_percent"`
}

// PayerCredit is the part of a charge paid from the credit balance.
type PayerCredit struct {
	RemainingBalance Money `json:"remaining_balance"`
	AppliedAmount    Money `json:"applied_amount"`
}

// Discounts break down the discounts of a charge.
type Discounts struct {
	Proration *ProrationDiscount `json:"proration"`
	Total     Money              `json:"total"`
}

// ProrationDiscount is the discount for the used part of a cycle.
type ProrationDiscount struct {
	Amount             Money   `json:"amount"`
	CycleDaysPassed    int64   `json:"cycle_days_passed"`
	CycleDaysTotal     int64   `json:"cycle_days_total"`
	CyclePassedPercent float64 `json:"cycle_passed_percent"`
}
