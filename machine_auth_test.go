package clerk_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerkhttp"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/jwt"
	"github.com/clerkgo/clerk/machines"
)

// Opaque machine tokens reach a route through the client's verify
// operations: a live M2M token scoped to the route's machine passes, a
// revoked one and an unknown one are refused with 401.
func TestOpaqueVerifierEndToEnd(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := clerktest.NewServer(t)
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	api, err := c.Machines.Create(ctx, &machines.CreateMachineParams{Name: "api"})
	if err != nil {
		t.Fatal(err)
	}
	worker, err := c.Machines.Create(ctx, &machines.CreateMachineParams{Name: "worker", ScopedMachines: []string{api.ID}})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := c.M2MTokens.Create(ctx, nil, machines.WithMachineSecret(worker.SecretKey))
	if err != nil {
		t.Fatal(err)
	}
	v, err := jwt.NewVerifier(jwt.WithPEM(srv.PublicKeyPEM()))
	if err != nil {
		t.Fatal(err)
	}
	route := clerkhttp.AcceptTokens(clerkhttp.M2MToken)(clerkhttp.RequireAuth(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m, _ := clerkhttp.MachineFromContext(r.Context())
		w.Header().Set("X-Subject", m.Subject)
		w.WriteHeader(http.StatusNoContent)
	})))
	call := func(token string) *httptest.ResponseRecorder {
		// A new middleware per call: no verdict is served from its cache.
		h := clerkhttp.Middleware(v, clerkhttp.WithOpaqueVerifier(c.OpaqueVerifier()))(route)
		req := httptest.NewRequest(http.MethodGet, "/internal", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	if rec := call(tok.Token); rec.Code != http.StatusNoContent || rec.Header().Get("X-Subject") != worker.ID {
		t.Fatalf("live token: %d %s (subject %q)", rec.Code, rec.Body, rec.Header().Get("X-Subject"))
	}
	if _, err := c.M2MTokens.Revoke(ctx, tok.ID, &machines.RevokeParams{Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	for name, token := range map[string]string{"revoked": tok.Token, "unknown": "mt_00000000000000000000000000000000"} {
		if rec := call(token); rec.Code != http.StatusUnauthorized {
			t.Errorf("%s token: %d %s, want 401", name, rec.Code, rec.Body)
		}
	}
}
