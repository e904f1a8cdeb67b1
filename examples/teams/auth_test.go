package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/jwt"
)

// route is one endpoint with a body that would succeed for the right
// caller.
type route struct {
	method, path, body string
}

// routes lists every endpoint; Grace is the target of the user routes.
func (e *testEnv) routes() []route {
	return []route{
		{http.MethodGet, "/me", ""},
		{http.MethodPost, "/teams", `{"name":"Doomed"}`},
		{http.MethodGet, "/teams/current/members", ""},
		{http.MethodPatch, "/users/" + e.grace.id + "/role", `{"role":"editor"}`},
		{http.MethodPost, "/users/" + e.grace.id + "/ban", ""},
	}
}

// TestSignedOut sends every route tokens that must not sign anyone in: 401
// with a WWW-Authenticate header, and not a single Backend API call.
func TestSignedOut(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	other := clerktest.NewServer(t) // another instance, with its own key
	ada := clerktest.WithOrg(e.acme, roleAdmin, permManageMembers)
	tokens := []struct {
		name, token, reason string
	}{
		{"no token", "", "token_missing"},
		{"foreign azp", e.fake.NewSessionToken(e.ada.id, ada, clerktest.WithAuthorizedParty("https://evil.example")), "unauthorized_party"},
		{"no azp", e.fake.NewSessionToken(e.ada.id, ada), "unauthorized_party"},
		{"expired", e.token(e.ada.id, ada, clerktest.WithExpiry(-time.Minute)), "token_expired"},
		{"other instance", other.NewSessionToken(e.ada.id, ada, clerktest.WithAuthorizedParty(frontend)), "invalid_signature"},
		{"garbage", "not.a.token", "malformed_token"},
	}
	t.Run("group", func(t *testing.T) {
		for _, rt := range e.routes() {
			for _, tk := range tokens {
				t.Run(rt.method+" "+rt.path+"/"+tk.name, func(t *testing.T) {
					t.Parallel()
					r := e.do(t, rt.method, rt.path, tk.token, rt.body)
					r.expect(t, http.StatusUnauthorized, tk.reason)
					if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
						t.Errorf("WWW-Authenticate %q", r.header.Get("WWW-Authenticate"))
					}
				})
			}
		}
	})
	if calls := e.calls(); len(calls) != 0 {
		t.Errorf("signed-out requests reached the Backend API: %v", calls)
	}
}

// TestCookieSession accepts the session cookie of the frontend's origin
// and refuses one minted for another origin.
func TestCookieSession(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tests := []struct {
		name   string
		azp    string
		status int
	}{
		{"own origin", frontend, http.StatusOK},
		{"other origin", "https://evil.example", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req, err := http.NewRequest(http.MethodGet, e.url+"/me", nil)
			if err != nil {
				t.Fatal(err)
			}
			req.AddCookie(&http.Cookie{Name: "__session", Value: e.fake.NewSessionToken(e.ada.id, clerktest.WithAuthorizedParty(tt.azp))})
			if r := send(t, req); r.status != tt.status {
				t.Errorf("status %d, want %d; body %s", r.status, tt.status, r.body)
			}
		})
	}
}

// TestForbidden sends signed-in requests that must be turned away, among
// them requests whose body or path tries to widen the caller's rights.
// None of them may change anything.
func TestForbidden(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	member := clerktest.WithOrg(e.acme, "org:member")
	tests := []struct {
		name               string
		method, path, body string
		token              string
		reason             string
	}{
		{"members without an active organization", "GET", "/teams/current/members", "",
			e.token(e.ada.id), "missing_role"},
		{"members as org:member", "GET", "/teams/current/members?org_id=" + e.acme + "&role=org:admin", "",
			e.token(e.grace.id, member), "missing_role"},
		{"member sets own role", "PATCH", "/users/" + e.grace.id + "/role", `{"role":"manager","org_role":"org:admin"}`,
			e.token(e.grace.id, member), "missing_role"},
		{"member with an admin role in the body", "PATCH", "/users/" + e.grace.id + "/role", `{"role":"manager","org_id":"` + e.acme + `","claims":{"org_role":"org:admin"}}`,
			e.token(e.grace.id), "missing_role"},
		{"admin on a user outside the organization", "PATCH", "/users/" + e.linus.id + "/role", `{"role":"viewer"}`,
			e.adminToken(), "not_a_member"},
		{"admin naming the other organization in the body", "PATCH", "/users/" + e.grace.id + "/role", `{"role":"viewer","org_id":"` + e.acme + `"}`,
			e.token(e.linus.id, clerktest.WithOrg(e.globex, roleAdmin)), "not_a_member"},
		{"admin on a user who does not exist", "PATCH", "/users/user_nobody/role", `{"role":"viewer"}`,
			e.adminToken(), "not_a_member"},
		{"admin with an exclusion filter as the id", "PATCH", "/users/-" + e.linus.id + "/role", `{"role":"viewer"}`,
			e.adminToken(), "not_a_member"},
		{"ban as admin without the permission", "POST", "/users/" + e.grace.id + "/ban", "",
			e.token(e.ada.id, clerktest.WithOrg(e.acme, roleAdmin)), "missing_permission"},
		{"ban with the permission claimed in the body", "POST", "/users/" + e.ada.id + "/ban", `{"permissions":["org:members:manage"]}`,
			e.token(e.grace.id, member), "missing_permission"},
		{"ban a user outside the organization", "POST", "/users/" + e.linus.id + "/ban", "",
			e.adminToken(), "not_a_member"},
		{"ban with the target's organization in the body", "POST", "/users/" + e.linus.id + "/ban", `{"org_id":"` + e.globex + `"}`,
			e.adminToken(), "not_a_member"},
	}
	t.Run("group", func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				e.do(t, tt.method, tt.path, tt.token, tt.body).expect(t, http.StatusForbidden, tt.reason)
			})
		}
	})

	// Nothing changed: the roles are the seeded ones and nobody is banned.
	for id, want := range map[string]map[string]any{
		e.ada.id:   {"role": roleManager},
		e.grace.id: {"role": roleViewer},
		e.linus.id: {},
	} {
		if diff := cmp.Diff(want, e.publicMetadata(t, id)); diff != "" {
			t.Errorf("public metadata of %s changed (-want +got):\n%s", id, diff)
		}
		if e.banned(t, id) {
			t.Errorf("%s was banned", id)
		}
	}
	for _, c := range e.calls() {
		if !strings.HasPrefix(c, "GET ") {
			t.Errorf("a forbidden request wrote to the Backend API: %s", c)
		}
	}
}

// TestWithClaimsWithoutMiddleware answers 401 when a handler is mounted
// without the clerkhttp middleware, instead of running it signed out.
func TestWithClaimsWithoutMiddleware(t *testing.T) {
	t.Parallel()
	called := false
	h := withClaims(func(http.ResponseWriter, *http.Request, *jwt.Claims) { called = true })
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/me", nil))
	if rec.Code != http.StatusUnauthorized || called {
		t.Errorf("status %d, handler called %v", rec.Code, called)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
}
