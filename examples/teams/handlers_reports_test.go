package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/clerkgo/clerk/clerkhttp"
	"github.com/clerkgo/clerk/clerktest"
)

// Machines of the tests: this service, the billing job allowed to call it,
// and a third service it has nothing to do with.
const (
	teamsMachine   = "mch_teams"
	billingMachine = "mch_billing"
	otherMachine   = "mch_search"
)

// fakeMachines stands in for Clerk's POST /m2m_tokens/verify: it knows a
// few opaque M2M tokens and counts the calls.
type fakeMachines struct {
	mu     sync.Mutex
	tokens map[string]*clerkhttp.MachineAuth
	calls  int
}

func newFakeMachines() *fakeMachines {
	return &fakeMachines{tokens: map[string]*clerkhttp.MachineAuth{
		"mt_billing": {Kind: clerkhttp.M2MToken, ID: "mt_billing", Subject: billingMachine,
			Scopes: []string{otherMachine, teamsMachine}, Expiration: time.Now().Add(time.Hour)},
		"mt_search": {Kind: clerkhttp.M2MToken, ID: "mt_search", Subject: billingMachine,
			Scopes: []string{otherMachine}},
	}}
}

// VerifyOpaque answers for the known tokens and refuses the others.
func (f *fakeMachines) VerifyOpaque(_ context.Context, kind clerkhttp.TokenKind, token string) (*clerkhttp.MachineAuth, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if m, ok := f.tokens[token]; ok && kind == clerkhttp.M2MToken {
		return m, nil
	}
	return nil, fmt.Errorf("%w: unknown or revoked", clerkhttp.ErrInvalidMachineToken)
}

func (f *fakeMachines) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// withMachines serves the machine route as teamsMachine, with ov (which
// may be nil) verifying opaque tokens.
func withMachines(ov clerkhttp.OpaqueVerifier) func(*Deps) {
	return func(d *Deps) {
		d.MachineID = teamsMachine
		d.OpaqueVerifier = ov
	}
}

// TestUsageReportAccess sends GET /reports/usage every kind of token: only
// M2M tokens scoped to this service's machine get in, JWT-format (verified
// locally) and opaque (verified by the OpaqueVerifier) alike.
func TestUsageReportAccess(t *testing.T) {
	t.Parallel()
	machines := newFakeMachines()
	e := newEnv(t, withMachines(machines))
	other := clerktest.NewServer(t) // another instance, with its own key
	tests := []struct {
		name   string
		token  string
		status int
		reason string
	}{
		{"M2M JWT scoped to this machine", e.fake.NewM2MToken(billingMachine, []string{teamsMachine}), http.StatusOK, ""},
		{"M2M JWT scoped to it and others", e.fake.NewM2MToken(billingMachine, []string{otherMachine, teamsMachine}), http.StatusOK, ""},
		{"M2M JWT scoped to another machine", e.fake.NewM2MToken(billingMachine, []string{otherMachine}), http.StatusForbidden, "missing_scope"},
		{"M2M JWT without scopes", e.fake.NewM2MToken(billingMachine, nil), http.StatusForbidden, "missing_scope"},
		{"M2M JWT scoped to a prefix of the machine", e.fake.NewM2MToken(billingMachine, []string{"mch_team"}), http.StatusForbidden, "missing_scope"},
		{"M2M JWT of this machine to itself, scoped elsewhere", e.fake.NewM2MToken(teamsMachine, []string{otherMachine}), http.StatusForbidden, "missing_scope"},
		{"expired M2M JWT", e.fake.NewM2MToken(billingMachine, []string{teamsMachine}, clerktest.WithExpiry(-time.Minute)), http.StatusUnauthorized, "token_expired"},
		{"M2M JWT of another instance", other.NewM2MToken(billingMachine, []string{teamsMachine}), http.StatusUnauthorized, "invalid_signature"},
		{"session token of an admin", e.adminToken(), http.StatusUnauthorized, "token_kind_not_accepted"},
		{"session token claiming the scope", e.token(e.ada.id, clerktest.WithClaim("scopes", teamsMachine)), http.StatusUnauthorized, "token_kind_not_accepted"},
		{"OAuth token with the scope", e.fake.NewOAuthToken(e.ada.id, "client_reports", []string{teamsMachine}), http.StatusUnauthorized, "token_kind_not_accepted"},
		{"opaque M2M token scoped to this machine", "mt_billing", http.StatusOK, ""},
		{"opaque M2M token scoped to another machine", "mt_search", http.StatusForbidden, "missing_scope"},
		{"invalid opaque M2M token", "mt_revoked", http.StatusUnauthorized, "invalid_token"},
		{"opaque OAuth token", "oat_billing", http.StatusUnauthorized, "token_kind_not_accepted"},
		{"API key", "ak_billing", http.StatusUnauthorized, "token_kind_not_accepted"},
		{"no token", "", http.StatusUnauthorized, "token_missing"},
		{"garbage", "not.a.token", http.StatusUnauthorized, "malformed_token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := e.do(t, http.MethodGet, "/reports/usage", tt.token, "")
			r.expect(t, tt.status, tt.reason)
			if tt.status == http.StatusUnauthorized && !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("WWW-Authenticate %q", r.header.Get("WWW-Authenticate"))
			}
			if tt.status == http.StatusOK {
				var got usageReport
				r.decode(t, &got)
				if got.TotalCount != 2 || len(got.Teams) != 2 {
					t.Errorf("report %+v, want both teams", got)
				}
			}
		})
	}
}

// TestUsageReport checks the report itself: every team with its seats,
// oldest first, paged by limit and offset, and the caller in the log.
func TestUsageReport(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withMachines(nil))
	tok := e.fake.NewM2MToken(billingMachine, []string{teamsMachine})
	acme := teamUsage{ID: e.acme, Name: "Acme Inc.", Members: 2}
	globex := teamUsage{ID: e.globex, Name: "Globex", Members: 1}
	tests := []struct {
		query string
		want  []teamUsage
	}{
		{"", []teamUsage{acme, globex}},
		{"?limit=1", []teamUsage{acme}},
		{"?limit=1&offset=1", []teamUsage{globex}},
		{"?offset=2", []teamUsage{}},
		{"?limit=500&offset=0", []teamUsage{acme, globex}},
		{"?org_id=" + e.globex, []teamUsage{acme, globex}}, // filters of the API are not passed on
	}
	t.Run("group", func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.query, func(t *testing.T) {
				t.Parallel()
				r := e.do(t, http.MethodGet, "/reports/usage"+tt.query, tok, "")
				r.expect(t, http.StatusOK, "")
				var got usageReport
				r.decode(t, &got)
				for i := range got.Teams {
					if got.Teams[i].Slug == "" || got.Teams[i].CreatedAt <= 0 {
						t.Errorf("team %+v: no slug or creation time", got.Teams[i])
					}
					got.Teams[i].Slug, got.Teams[i].CreatedAt = "", 0
				}
				if diff := cmp.Diff(usageReport{Teams: tt.want, TotalCount: 2}, got); diff != "" {
					t.Errorf("report (-want +got):\n%s", diff)
				}
			})
		}
	})
	if logs := e.logs.String(); !strings.Contains(logs, "usage report") || !strings.Contains(logs, "machine="+billingMachine) {
		t.Errorf("the caller is not in the logs:\n%s", logs)
	}
}

// TestUsageReportBadQuery refuses page parameters it cannot use, before
// calling the Backend API.
func TestUsageReportBadQuery(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withMachines(nil))
	tok := e.fake.NewM2MToken(billingMachine, []string{teamsMachine})
	tests := []struct {
		query, reason string
	}{
		{"?limit=0", "invalid_limit"},
		{"?limit=501", "invalid_limit"},
		{"?limit=", "invalid_limit"},
		{"?limit=ten", "invalid_limit"},
		{"?limit=-1", "invalid_limit"},
		{"?limit=99999999999999999999", "invalid_limit"},
		{"?offset=-1", "invalid_offset"},
		{"?offset=x", "invalid_offset"},
	}
	t.Run("group", func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.query, func(t *testing.T) {
				t.Parallel()
				e.do(t, http.MethodGet, "/reports/usage"+tt.query, tok, "").expect(t, http.StatusBadRequest, tt.reason)
			})
		}
	})
	if calls := e.calls(); len(calls) != 0 {
		t.Errorf("bad queries reached the Backend API: %v", calls)
	}
}

// TestMachineTokensElsewhere sends machine tokens, even ones scoped to
// this service, to the user routes: refused, without verifying opaque
// tokens with Clerk or calling the Backend API.
func TestMachineTokensElsewhere(t *testing.T) {
	t.Parallel()
	machines := newFakeMachines()
	e := newEnv(t, withMachines(machines))
	tokens := map[string]string{
		"M2M JWT": e.fake.NewM2MToken(billingMachine, []string{teamsMachine}),
		"opaque":  "mt_billing",
	}
	t.Run("group", func(t *testing.T) {
		for _, rt := range e.routes() {
			for name, tok := range tokens {
				t.Run(rt.method+" "+rt.path+"/"+name, func(t *testing.T) {
					t.Parallel()
					e.do(t, rt.method, rt.path, tok, rt.body).expect(t, http.StatusUnauthorized, "token_kind_not_accepted")
				})
			}
		}
	})
	if n := machines.count(); n != 0 {
		t.Errorf("%d opaque verifications for routes that do not accept machine tokens", n)
	}
	if calls := e.calls(); len(calls) != 0 {
		t.Errorf("machine tokens reached the Backend API: %v", calls)
	}
}

// TestMachineTokenInCookie refuses an M2M token sent as the session
// cookie: programs send theirs in the Authorization header.
func TestMachineTokenInCookie(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withMachines(newFakeMachines()))
	for name, tok := range map[string]string{
		"M2M JWT": e.fake.NewM2MToken(billingMachine, []string{teamsMachine}),
		"opaque":  "mt_billing",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req, err := http.NewRequest(http.MethodGet, e.url+"/reports/usage", nil)
			if err != nil {
				t.Fatal(err)
			}
			req.AddCookie(&http.Cookie{Name: "__session", Value: tok})
			send(t, req).expect(t, http.StatusUnauthorized, "token_kind_not_accepted")
		})
	}
}

// TestOpaqueWithoutVerifier refuses opaque M2M tokens when Deps has no
// OpaqueVerifier: 401, not the 503 that would invite a retry, and a
// warning for the operator. JWT-format tokens still work.
func TestOpaqueWithoutVerifier(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withMachines(nil))
	for _, tok := range []string{"mt_billing", "mt_a", "mt_b", "mt_c"} {
		e.do(t, http.MethodGet, "/reports/usage", tok, "").expect(t, http.StatusUnauthorized, "invalid_token")
	}
	if n := strings.Count(e.logs.String(), "no OpaqueVerifier configured"); n != 1 {
		t.Errorf("%d warnings for 4 refused tokens, want 1:\n%s", n, e.logs.String())
	}
	e.do(t, http.MethodGet, "/reports/usage", e.fake.NewM2MToken(billingMachine, []string{teamsMachine}), "").
		expect(t, http.StatusOK, "")
}

// TestOpaqueVerifierCached verifies one opaque token once for several
// requests (the middleware's short cache), and answers 503 when Clerk
// cannot say.
func TestOpaqueVerifierCached(t *testing.T) {
	t.Parallel()
	machines := newFakeMachines()
	e := newEnv(t, withMachines(machines))
	for range 3 {
		e.do(t, http.MethodGet, "/reports/usage", "mt_billing", "").expect(t, http.StatusOK, "")
	}
	if n := machines.count(); n != 1 {
		t.Errorf("%d verifications for 3 requests with one token, want 1", n)
	}

	down := newEnv(t, withMachines(unreachable{}))
	down.do(t, http.MethodGet, "/reports/usage", "mt_billing", "").expect(t, http.StatusServiceUnavailable, "verifier_unavailable")
}

// unreachable is an OpaqueVerifier that cannot reach Clerk.
type unreachable struct{}

func (unreachable) VerifyOpaque(context.Context, clerkhttp.TokenKind, string) (*clerkhttp.MachineAuth, error) {
	return nil, fmt.Errorf("dial tcp: connection refused")
}

// TestUsageReportOff serves no machine route without a machine ID.
func TestUsageReportOff(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.do(t, http.MethodGet, "/reports/usage", e.fake.NewM2MToken(billingMachine, []string{teamsMachine}), "").
		expect(t, http.StatusNotFound, "no_route")
}

// TestWithMachineWithoutMiddleware answers 401 when a machine handler is
// mounted without the middleware, instead of running it.
func TestWithMachineWithoutMiddleware(t *testing.T) {
	t.Parallel()
	called := false
	h := withMachine(func(http.ResponseWriter, *http.Request, *clerkhttp.MachineAuth) { called = true })
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/reports/usage", nil))
	if rec.Code != http.StatusUnauthorized || called {
		t.Errorf("status %d, handler called %v", rec.Code, called)
	}
}

// TestUsageReportUpstreamFails answers the Backend API's failure the way
// every route does (see problemFor).
func TestUsageReportUpstreamFails(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withMachines(nil))
	e.fake.InjectFault(clerktest.Fault{Status: http.StatusInternalServerError, Method: http.MethodGet, PathPrefix: "/v1/organizations"})
	e.do(t, http.MethodGet, "/reports/usage", e.fake.NewM2MToken(billingMachine, []string{teamsMachine}), "").
		expect(t, http.StatusBadGateway, "upstream_failed")
}
