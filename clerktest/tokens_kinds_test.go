package clerktest_test

import (
	"context"
	"errors"
	"testing"

	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/jwt"
)

// The fake's tokens of every kind, through the SDK's verifier: session
// tokens verify as sessions, template tokens (template category) as
// nothing, machine tokens as machines.
func TestTokenKindsWithVerifier(t *testing.T) {
	t.Parallel()
	a := newAPI(t, clerktest.WithJWTTemplate("hasura", map[string]any{"aud": "authenticated"}))
	user := a.mustUser(map[string]any{"email_address": []string{"k@example.com"}})
	sess := str(a.ok("POST", "/sessions", map[string]any{"user_id": user}), "id")
	v, err := jwt.NewVerifier(jwt.WithJWKS(a.srv.JWKS()), jwt.WithIssuer(a.srv.Issuer()))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	session := str(a.ok("POST", "/sessions/"+sess+"/tokens", nil), "jwt")
	if c, err := v.Verify(ctx, session); err != nil || c.SessionID != sess {
		t.Errorf("session token: %v, %v", c, err)
	}
	template := str(a.ok("POST", "/sessions/"+sess+"/tokens/hasura", nil), "jwt")
	if _, err := v.Verify(ctx, template); !errors.Is(err, jwt.ErrUnsupportedTokenType) {
		t.Errorf("template token: %v, want ErrUnsupportedTokenType", err)
	}

	m2m := a.srv.NewM2MToken("mch_reports", []string{"mch_api"})
	m, err := v.VerifyMachine(ctx, m2m)
	if err != nil || m.Kind != jwt.M2MToken || m.Subject != "mch_reports" || !m.HasScope("mch_api") || m.ID[:3] != "mt_" {
		t.Errorf("m2m token: %+v, %v", m, err)
	}
	if _, err := v.Verify(ctx, m2m); !errors.Is(err, jwt.ErrUnsupportedTokenType) {
		t.Errorf("m2m as a session: %v", err)
	}
	oauth := a.srv.NewOAuthToken(user, "client_1", []string{"profile", "email"})
	m, err = v.VerifyMachine(ctx, oauth)
	if err != nil || m.Kind != jwt.OAuthToken || m.Subject != user || m.ClientID != "client_1" || !m.HasScope("email") {
		t.Errorf("oauth token: %+v, %v", m, err)
	}
	if _, err := a.srv.MintM2MToken("user_1", nil); err == nil {
		t.Error("MintM2MToken accepted a non-machine subject")
	}
}
