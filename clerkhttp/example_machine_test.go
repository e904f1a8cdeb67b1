package clerkhttp_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/clerkgo/clerk/clerkhttp"
	"github.com/clerkgo/clerk/jwt"
)

// apiKeys stands in for the SDK's machine services, which verify opaque
// tokens with Clerk (POST /api_keys/verify and friends).
type apiKeys map[string]*clerkhttp.MachineAuth

func (k apiKeys) VerifyOpaque(_ context.Context, kind clerkhttp.TokenKind, token string) (*clerkhttp.MachineAuth, error) {
	if m, ok := k[token]; ok && m.Kind == kind {
		return m, nil
	}
	return nil, fmt.Errorf("%w: unknown token", clerkhttp.ErrInvalidMachineToken)
}

// A reports route open to signed-in users and to API keys holding the
// read:reports scope; other routes take session tokens only.
func ExampleAcceptTokens() {
	v, err := jwt.NewVerifier(jwt.WithPEM(examplePEM), jwt.WithClock(func() time.Time { return exampleNow }))
	if err != nil {
		fmt.Println(err)
		return
	}
	keys := apiKeys{"ak_reports": {Kind: clerkhttp.APIKey, ID: "ak_1", Subject: "org_acme", OrgID: "org_acme",
		Scopes: []string{"read:reports"}}}
	reports := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth, _ := clerkhttp.AuthFromContext(r.Context())
		fmt.Fprintln(w, "reports for", auth.Subject(), "with a", auth.Kind)
	})
	mux := http.NewServeMux()
	mux.Handle("GET /reports", clerkhttp.AcceptTokens(clerkhttp.SessionToken, clerkhttp.APIKey)(
		clerkhttp.RequireAuth(reports)))
	mux.Handle("GET /admin/reports", clerkhttp.AcceptTokens(clerkhttp.APIKey)(
		clerkhttp.RequireScope("write:reports")(reports)))
	mux.Handle("GET /me", clerkhttp.RequireAuth(reports))
	h := clerkhttp.Middleware(v, clerkhttp.WithOpaqueVerifier(keys))(mux)

	for _, c := range []struct{ path, token string }{
		{"/reports", exampleMemberToken},
		{"/reports", "ak_reports"},
		{"/reports", "ak_revoked"},
		{"/admin/reports", "ak_reports"},
		{"/me", "ak_reports"},
	} {
		r := httptest.NewRequest("GET", c.path, nil)
		r.Header.Set("Authorization", "Bearer "+c.token)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Printf("%s -> %d %s", c.path, w.Code, w.Body)
	}
	// Output:
	// /reports -> 200 reports for user_2member with a session_token
	// /reports -> 200 reports for org_acme with a api_key
	// /reports -> 401 {"error":"signed_out","reason":"invalid_token","message":"the token is invalid"}
	// /admin/reports -> 403 {"error":"forbidden","reason":"missing_scope","message":"the token lacks the required scope"}
	// /me -> 401 {"error":"signed_out","reason":"token_kind_not_accepted","message":"this route does not accept this kind of token"}
}
