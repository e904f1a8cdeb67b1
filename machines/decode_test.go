package machines_test

import (
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/machines"
	"github.com/google/go-cmp/cmp"
)

// TestMachineJSONRoundTrip: a Machine marshals to the wire shape (TTL in
// seconds, Unix-millisecond instants), so it decodes back unchanged.
func TestMachineJSONRoundTrip(t *testing.T) {
	t.Parallel()
	wire := `{"object":"machine","id":"mch_1","name":"invoicer","instance_id":"ins_1","default_token_ttl":3600,
		"scoped_machines":[{"object":"machine","id":"mch_2","name":"ledger","instance_id":"ins_1","default_token_ttl":60,
		"scoped_machines":[],"created_at":1715500000000,"updated_at":1715500001000}],
		"created_at":1715500000000,"updated_at":1715500002000}`
	var m machines.Machine
	if err := json.Unmarshal([]byte(wire), &m); err != nil {
		t.Fatal(err)
	}
	if m.DefaultTokenTTL != time.Hour || m.ScopedMachines[0].DefaultTokenTTL != time.Minute || m.CreatedAt.UnixMilli() != 1715500000000 {
		t.Fatalf("decoded %+v", m)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	if raw["default_token_ttl"] != float64(3600) || raw["created_at"] != float64(1715500000000) {
		t.Errorf("marshalled %s", b)
	}
	var again machines.Machine
	if err := json.Unmarshal(b, &again); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(m, again); diff != "" {
		t.Errorf("round trip (-before +after):\n%s", diff)
	}
}

// TestOAuthAccessTokenInactive: the API's {"active": false} answer (a JWT
// access token that is no longer active) is an error, never a token with
// empty fields.
func TestOAuthAccessTokenInactive(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, body string
		wantErr    error
	}{
		{"inactive", `{"active":false}`, machines.ErrTokenInvalid},
		{"token", `{"object":"clerk_idp_oauth_access_token","id":"oat_1","client_id":"client_1","subject":"user_1","scopes":["profile"],
			"revoked":false,"revocation_reason":null,"expired":false,"expiration":null,"created_at":1715500000000,"updated_at":1715500000000}`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(tc.body))
			}))
			t.Cleanup(srv.Close)
			c, err := clerk.NewClient("sk_test_example", clerk.WithBaseURL(srv.URL+"/v1"))
			if err != nil {
				t.Fatal(err)
			}
			tok, err := c.OAuthAccessTokens.Verify(ctx, "eyJhbGciOiJSUzI1NiJ9.e30.sig")
			if !errors.Is(err, tc.wantErr) || (err == nil) != (tc.wantErr == nil) {
				t.Fatalf("Verify = %+v, %v; want %v", tok, err, tc.wantErr)
			}
			if err == nil && (tok.ID != "oat_1" || tok.Active != nil) {
				t.Errorf("Verify = %+v", tok)
			}
		})
	}
}

// A TTL beyond what a time.Duration holds (the spec gives no maximum)
// reads as the longest Duration instead of wrapping around.
func TestMachineTTLOutOfRange(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]time.Duration{
		`{"default_token_ttl":9223372037}`:  math.MaxInt64,
		`{"default_token_ttl":-9223372037}`: math.MinInt64,
		`{"default_token_ttl":9223372036}`:  9223372036 * time.Second,
	} {
		var m machines.Machine
		if err := json.Unmarshal([]byte(in), &m); err != nil || m.DefaultTokenTTL != want {
			t.Errorf("%s: %v, %v", in, m.DefaultTokenTTL, err)
		}
	}
}
