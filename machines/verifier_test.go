package machines_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/machines"
	"github.com/clerkgo/clerk/oauthapps"
)

func TestVerifierRoutesByPrefix(t *testing.T) {
	t.Parallel()
	srv, c := newClient(t)
	v := machines.NewVerifier(c.APIKeys, c.M2MTokens, c.OAuthAccessTokens)

	key, err := c.APIKeys.Create(ctx, &machines.CreateAPIKeyParams{
		Name: "ci", Subject: "org_2xhFjEI5X2qWRvtV13BzSj8H6Dk", Scopes: []string{"read"}, Claims: map[string]any{"env": "ci"}, ExpiresIn: time.Hour,
	})
	if err != nil {
		t.Fatal(err)
	}
	target := mustMachine(t, c, "ledger")
	m := mustMachine(t, c, "invoicer", target.ID)
	mt, err := c.M2MTokens.Create(ctx, nil, machines.WithMachineSecret(m.SecretKey))
	if err != nil {
		t.Fatal(err)
	}
	app, err := c.OAuthApplications.Create(ctx, &oauthapps.CreateParams{Name: "app", RedirectURIs: []string{"https://a.example/cb"}})
	if err != nil {
		t.Fatal(err)
	}
	oat := srv.AddOAuthAccessToken(app.ClientID, "user_2xhFjEI5X2qWRvtV13BzSj8H6Dk", "profile")

	for _, tc := range []struct {
		token string
		want  machines.VerifiedToken
	}{
		{key.Secret, machines.VerifiedToken{Kind: machines.KindAPIKey, ID: key.ID, Subject: "org_2xhFjEI5X2qWRvtV13BzSj8H6Dk",
			Scopes: []string{"read"}, Claims: []byte(`{"env":"ci"}`), OrgID: "org_2xhFjEI5X2qWRvtV13BzSj8H6Dk"}},
		{mt.Token, machines.VerifiedToken{Kind: machines.KindM2MToken, ID: mt.ID, Subject: m.ID, Scopes: []string{target.ID}}},
		{oat, machines.VerifiedToken{Kind: machines.KindOAuthToken, Subject: "user_2xhFjEI5X2qWRvtV13BzSj8H6Dk", Scopes: []string{"profile"}}},
	} {
		got, err := v.Verify(ctx, tc.token)
		if err != nil {
			t.Fatalf("%s: %v", tc.want.Kind, err)
		}
		if got.Kind != tc.want.Kind || (tc.want.ID != "" && got.ID != tc.want.ID) || got.Subject != tc.want.Subject ||
			!slices.Equal(got.Scopes, tc.want.Scopes) || string(got.Claims) != string(tc.want.Claims) || got.OrgID != tc.want.OrgID || got.Expiration == nil {
			t.Errorf("%s: got %+v, want %+v", tc.want.Kind, got, tc.want)
		}
	}

	if _, err := c.APIKeys.Revoke(ctx, key.ID, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(ctx, key.Secret); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("revoked key: %v, want 404", err)
	}
}

func TestVerifierRefusesBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	srv, c := newClient(t)
	full := machines.NewVerifier(c.APIKeys, c.M2MTokens, c.OAuthAccessTokens)
	none := machines.NewVerifier(nil, nil, nil)
	var nilVerifier *machines.Verifier
	for _, tc := range []struct {
		name  string
		v     *machines.Verifier
		token string
		kind  string
	}{
		{"empty", full, "", ""},
		{"session JWT", full, "eyJhbGciOiJSUzI1NiJ9.e30.sig", ""},
		{"instance secret", full, "sk_test_abc", ""},
		{"upper-case prefix", full, "AK_0123", ""},
		{"no API keys", none, "ak_0123", machines.KindAPIKey},
		{"no M2M", none, "mt_0123", machines.KindM2MToken},
		{"no OAuth", none, "oat_0123", machines.KindOAuthToken},
		{"nil verifier", nilVerifier, "ak_0123", ""},
	} {
		_, err := tc.v.Verify(ctx, tc.token)
		var ue *machines.UnsupportedTokenError
		if !errors.As(err, &ue) || ue.Kind != tc.kind || !errors.Is(err, clerk.ErrInvalidInput) {
			t.Errorf("%s: %v, want UnsupportedTokenError{Kind: %q}", tc.name, err, tc.kind)
		}
		if tc.token != "" && len(tc.token) > 4 && strings.Contains(err.Error(), tc.token) {
			t.Errorf("%s: error shows the token", tc.name)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// TestVerifierRefusesInvalidAnswers: an answer that says revoked or
// expired is refused even when the API answered 200.
func TestVerifierRefusesInvalidAnswers(t *testing.T) {
	t.Parallel()
	for _, body := range []string{
		`{"object":"api_key","id":"ak_1","subject":"user_1","revoked":true,"expired":false,"created_at":1,"updated_at":1}`,
		`{"object":"api_key","id":"ak_1","subject":"user_1","revoked":false,"expired":true,"created_at":1,"updated_at":1}`,
	} {
		hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(body))
		}))
		c, err := clerk.NewClient("sk_test_x", clerk.WithBaseURL(hs.URL))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := machines.NewVerifier(c.APIKeys, nil, nil).Verify(ctx, "ak_1"); !errors.Is(err, machines.ErrTokenInvalid) {
			t.Errorf("%s: %v, want ErrTokenInvalid", body, err)
		}
		hs.Close()
	}
}
