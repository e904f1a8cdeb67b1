package billing

// Money is an amount in the currency's smallest unit (cents), with the
// API's formatting.
type Money struct {
	Amount          int64  `json:"amount"`
	AmountFormatted string `json:"amount_formatted"`
	Currency        string `json:"currency"`
	CurrencySymbol  string `json:"currency_symbol"`
}
