package billing_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/clerkgo/clerk/billing"
	"github.com/google/go-cmp/cmp"
)

func ptr[T any](v T) *T { return &v }

// ms is the instant of a Unix-millisecond wire value.
func ms(n int64) time.Time { return time.UnixMilli(n).UTC() }

// The payer-neutral types decode the spec's shapes: the optional free
// trial flag keeps "absent" apart from false, and the ledger's created_at
// is an RFC 3339 date-time, not Unix milliseconds.
func TestDecode(t *testing.T) {
	t.Parallel()
	usd := billing.Money{Amount: 250, AmountFormatted: "2.50", Currency: "USD", CurrencySymbol: "$"}
	const money = `{"amount":250,"amount_formatted":"2.50","currency":"USD","currency_symbol":"$"}`
	tests := []struct {
		name string
		in   string
		into func() any
		want any
	}{
		{
			name: "subscription without the free trial flag",
			in:   `{"object":"commerce_subscription","id":"csub_1","subscription_items":[]}`,
			into: func() any { return new(billing.Subscription) },
			want: &billing.Subscription{Object: "commerce_subscription", ID: "csub_1", SubscriptionItems: []billing.SubscriptionItem{}},
		},
		{
			name: "subscription not eligible for a free trial",
			in:   `{"object":"commerce_subscription","id":"csub_1","eligible_for_free_trial":false}`,
			into: func() any { return new(billing.Subscription) },
			want: &billing.Subscription{Object: "commerce_subscription", ID: "csub_1", EligibleForFreeTrial: ptr(false)},
		},
		{
			name: "subscription item breakdowns",
			in: `{"id":"csi_1","seats":{"quantity":3},"credit":{"amount":` + money + `,"cycle_remaining_percent":50},
				"totals":{"subtotal":` + money + `,"base_fee":` + money + `,"tax_total":` + money + `,"grand_total":` + money + `}}`,
			into: func() any { return new(billing.SubscriptionItem) },
			want: &billing.SubscriptionItem{
				ID:     "csi_1",
				Seats:  &billing.Seats{Quantity: ptr[int64](3)},
				Credit: &billing.ItemCredit{Amount: &usd, CycleRemainingPercent: 50},
				Totals: &billing.Totals{Subtotal: usd, BaseFee: usd, TaxTotal: usd, GrandTotal: usd},
			},
		},
		{
			name: "subscription instants from Unix milliseconds",
			in: `{"id":"csub_1","created_at":1700000000000,"updated_at":1700000001000,"active_at":1700000000500,"past_due_at":null,
				"next_payment":{"date":1702592000000,"amount":` + money + `}}`,
			into: func() any { return new(billing.Subscription) },
			want: &billing.Subscription{
				ID: "csub_1", CreatedAt: ms(1700000000000), UpdatedAt: ms(1700000001000), ActiveAt: ptr(ms(1700000000500)),
				NextPayment: &billing.NextPayment{Date: ms(1702592000000), Amount: usd},
			},
		},
		{
			name: "subscription item instants, payer and payment method",
			in: `{"id":"csi_1","period_start":1700000000000,"period_end":null,"canceled_at":1700000002000,"ended_at":null,
				"created_at":1700000000000,"next_payment":{"date":1702592000000},
				"payer":{"id":"cpayer_1","created_at":1700000000000,"updated_at":1700000001000},
				"payment_method":{"id":"cpm_1","created_at":1700000000000}}`,
			into: func() any { return new(billing.SubscriptionItem) },
			want: &billing.SubscriptionItem{
				ID: "csi_1", PeriodStart: ms(1700000000000), CanceledAt: ptr(ms(1700000002000)), CreatedAt: ms(1700000000000),
				NextPayment:   &billing.ItemNextPayment{Date: ptr(ms(1702592000000))},
				Payer:         &billing.Payer{ID: "cpayer_1", CreatedAt: ms(1700000000000), UpdatedAt: ms(1700000001000)},
				PaymentMethod: &billing.PaymentMethod{ID: "cpm_1", CreatedAt: ms(1700000000000)},
			},
		},
		{
			name: "subscription item payment source",
			in: `{"id":"csi_1","payment_source_id":"cps_1","payment_source":{"object":"commerce_source","id":"cps_1","payer_id":"cpayer_1",
				"payment_method":"apple_pay","gateway":"stripe","gateway_external_id":"pm_1","last4":"4242","status":"active",
				"wallet_type":"apple_pay","card_type":"visa","created_at":1700000000000,"updated_at":1700000000000}}`,
			into: func() any { return new(billing.SubscriptionItem) },
			want: &billing.SubscriptionItem{
				ID: "csi_1", PaymentSourceID: "cps_1",
				PaymentSource: &billing.PaymentMethod{Object: "commerce_source", ID: "cps_1", PayerID: "cpayer_1", Method: "apple_pay",
					Gateway: "stripe", GatewayExternalID: "pm_1", Last4: ptr("4242"), Status: "active", WalletType: ptr("apple_pay"),
					CardType: ptr("visa"), CreatedAt: ms(1700000000000), UpdatedAt: ms(1700000000000)},
			},
		},
		{
			name: "credit balance never funded",
			in:   `{"object":"commerce_credit_balance","balance":null}`,
			into: func() any { return new(billing.CreditBalance) },
			want: &billing.CreditBalance{Object: "commerce_credit_balance"},
		},
		{
			name: "ledger entry",
			in:   `{"object":"commerce_credit_ledger","id":"ccl_1","amount":` + money + `,"note":null,"created_at":"2023-11-14T22:13:20Z"}`,
			into: func() any { return new(billing.CreditLedgerEntry) },
			want: &billing.CreditLedgerEntry{Object: "commerce_credit_ledger", ID: "ccl_1", Amount: usd, CreatedAt: time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := tt.into()
			if err := json.Unmarshal([]byte(tt.in), got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("decoded (-want +got):\n%s", diff)
			}
		})
	}
}

// The adjustment body carries the required fields even when zero, so the
// API (not a silently dropped field) reports what is missing.
func TestAdjustCreditBalanceParamsBody(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(&billing.AdjustCreditBalanceParams{Action: billing.CreditIncrease})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"amount":0,"action":"increase","idempotency_key":""}`; got != want {
		t.Errorf("body = %s, want %s", got, want)
	}
}
