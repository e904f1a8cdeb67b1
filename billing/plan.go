package billing

// Plan is a billing plan.
type Plan struct {
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
	ForPayerType     string      `json:"for_payer_type"`
	Slug             string      `json:"slug"`
	AvatarURL        *string     `json:"avatar_url"`
	Features         []Feature   `json:"features,omitempty"`
	FreeTrialEnabled bool        `json:"free_trial_enabled"`
	FreeTrialDays    *int64      `json:"free_trial_days"`
	UnitPrices       []UnitPrice `json:"unit_prices,omitempty"`

	// The flat amounts below are sent by the instance-wide Billing
	// operations (price transitions, trial extensions), in cents of
	// Currency.
	Amount                       int64    `json:"amount,omitempty"`
	AmountFormatted              string   `json:"amount_formatted,omitempty"`
	AnnualMonthlyAmount          int64    `json:"annual_monthly_amount,omitempty"`
	AnnualMonthlyAmountFormatted string   `json:"annual_monthly_amount_formatted,omitempty"`
	AnnualAmount                 int64    `json:"annual_amount,omitempty"`
	AnnualAmountFormatted        string   `json:"annual_amount_formatted,omitempty"`
	Currency                     string   `json:"currency,omitempty"`
	CurrencySymbol               string   `json:"currency_symbol,omitempty"`
	PayerType                    []string `json:"payer_type,omitempty"`
	Period                       string   `json:"period,omitempty"`
	Interval                     int64    `json:"interval,omitempty"`
}

// Feature is a feature a plan grants.
type Feature struct {
	Object      string  `json:"object"`
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Description *string `json:"description"`
	Slug        string  `json:"slug"`
	AvatarURL   *string `json:"avatar_url"`
}

// UnitPrice is a plan's per-unit price (for example per seat), in tiers of
// blocks.
type UnitPrice struct {
	Name      string          `json:"name"`
	BlockSize int64           `json:"block_size"`
	Tiers     []UnitPriceTier `json:"tiers"`
}

// UnitPriceTier prices the blocks from StartsAtBlock to EndsAfterBlock
// (nil: no upper bound).
type UnitPriceTier struct {
	StartsAtBlock  int64  `json:"starts_at_block"`
	EndsAfterBlock *int64 `json:"ends_after_block"`
	FeePerBlock    Money  `json:"fee_per_block"`
}
