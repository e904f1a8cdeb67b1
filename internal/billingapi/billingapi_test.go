package billingapi_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/billingapi"
	"github.com/clerkgo/clerk/internal/transport"
)

const creditsPath = "/organizations/{organization_id}/billing/credits"

// backend returns a Backend on a server that answers every request with
// body, counts the requests and keeps the last one.
func backend(t *testing.T, body string) (*transport.Backend, *atomic.Int32, *atomic.Pointer[http.Request]) {
	t.Helper()
	var n atomic.Int32
	var last atomic.Pointer[http.Request]
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		last.Store(r)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	b, err := transport.New(transport.Config{SecretKey: "sk_test_billingapi", BaseURL: srv.URL + "/v1", HTTPClient: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	return b, &n, &last
}

// The calls pass their request options through and decode the answer.
func TestCallsPassOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		body   string
		call   func(ctx context.Context, b *transport.Backend, opts ...core.RequestOption) (any, error)
		method string
		path   string
	}{
		{
			name: "Subscription",
			body: `{"object":"commerce_subscription","id":"csub_1","created_at":1700000000000}`,
			call: func(ctx context.Context, b *transport.Backend, opts ...core.RequestOption) (any, error) {
				return billingapi.Subscription(ctx, b, "/organizations/{organization_id}/billing/subscription", "org_1", opts...)
			},
			method: http.MethodGet, path: "/v1/organizations/org_1/billing/subscription",
		},
		{
			name: "CreditBalance",
			body: `{"object":"commerce_credit_balance","balance":null}`,
			call: func(ctx context.Context, b *transport.Backend, opts ...core.RequestOption) (any, error) {
				return billingapi.CreditBalance(ctx, b, creditsPath, "org_1", opts...)
			},
			method: http.MethodGet, path: "/v1/organizations/org_1/billing/credits",
		},
		{
			name: "AdjustCreditBalance",
			body: `{"object":"commerce_credit_ledger","id":"ccl_1","created_at":"2023-11-14T22:13:20Z"}`,
			call: func(ctx context.Context, b *transport.Backend, opts ...core.RequestOption) (any, error) {
				return billingapi.AdjustCreditBalance(ctx, b, creditsPath, "org_1",
					&billing.AdjustCreditBalanceParams{Amount: 5, Action: billing.CreditIncrease, IdempotencyKey: "k"}, opts...)
			},
			method: http.MethodPost, path: "/v1/organizations/org_1/billing/credits",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, n, last := backend(t, tt.body)
			got, err := tt.call(context.Background(), b, core.WithHeader("X-Call", tt.name))
			if err != nil || got == nil {
				t.Fatalf("got %v, %v", got, err)
			}
			r := last.Load()
			if n.Load() != 1 || r.Method != tt.method || r.URL.Path != tt.path || r.Header.Get("X-Call") != tt.name {
				t.Errorf("request %s %s (X-Call %q), %d sent", r.Method, r.URL.Path, r.Header.Get("X-Call"), n.Load())
			}
		})
	}
}

func TestSubscriptionInstants(t *testing.T) {
	t.Parallel()
	b, _, _ := backend(t, `{"object":"commerce_subscription","id":"csub_1","created_at":1700000000000,"active_at":null}`)
	s, err := billingapi.Subscription(context.Background(), b, "/users/{user_id}/billing/subscription", "user_1")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.UnixMilli(1700000000000).UTC(); !s.CreatedAt.Equal(want) || s.ActiveAt != nil {
		t.Errorf("CreatedAt = %v, ActiveAt = %v", s.CreatedAt, s.ActiveAt)
	}
}

// Bad adjustments are refused before any request.
func TestAdjustRefusesBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		ownerID string
		params  *billing.AdjustCreditBalanceParams
		field   string
	}{
		{"nil params", "org_1", nil, "params"},
		{"zero amount", "org_1", &billing.AdjustCreditBalanceParams{Action: billing.CreditIncrease, IdempotencyKey: "k"}, "amount"},
		{"unknown action", "org_1", &billing.AdjustCreditBalanceParams{Amount: 1, Action: "add", IdempotencyKey: "k"}, "action"},
		{"blank key", "org_1", &billing.AdjustCreditBalanceParams{Amount: 1, Action: billing.CreditDecrease, IdempotencyKey: " "}, "idempotency_key"},
		{"empty owner", "", &billing.AdjustCreditBalanceParams{Amount: 1, Action: billing.CreditDecrease, IdempotencyKey: "k"}, "organization_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, n, _ := backend(t, `{}`)
			_, err := billingapi.AdjustCreditBalance(context.Background(), b, creditsPath, tt.ownerID, tt.params)
			var ie *core.InvalidInputError
			if !errors.As(err, &ie) || ie.Field != tt.field {
				t.Errorf("err = %v, want an InvalidInputError on %s", err, tt.field)
			}
			if n.Load() != 0 {
				t.Errorf("%d requests sent", n.Load())
			}
		})
	}
}
