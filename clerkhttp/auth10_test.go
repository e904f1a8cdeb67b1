package clerkhttp

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The tests in this file are written as the attacks of issue #12; each
// passed on the code before it.

const app = "https://app.example.com"

// mintHeader signs claims with extra header members.
func mintHeader(t testing.TB, header map[string]any, claims map[string]any) string {
	t.Helper()
	return mintWith(t, header, claims)
}

// outcome runs h on r and returns the status and the reason (from the
// JSON body on failure, from the recorded Auth on success).
func outcome(t *testing.T, h http.Handler, r *http.Request) (int, Reason, string) {
	t.Helper()
	res := serve(t, h, r)
	if res.Status >= 400 {
		return res.Status, Reason(res.Body["reason"]), ""
	}
	return res.Status, res.Reason, res.Subject
}

// echoAll reports the subject of sessions and machines alike.
var echoAll = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	a, _ := AuthFromContext(r.Context())
	w.Header().Set("X-Subject", a.Subject())
	w.Header().Set("X-Source", string(a.Source))
	w.Header().Set("X-Reason", string(a.Reason))
})

// Attack: a hostile page POSTs to the API; the browser attaches the
// victim's cookie, whose azp is the app's own origin. The old middleware
// accepted it.
func TestCSRFCookieOnUnsafeMethods(t *testing.T) {
	t.Parallel()
	h := Middleware(newVerifier(t), WithAuthorizedParties(app))(RequireAuth(echoAll))
	tok := mint(t, baseClaims())
	tests := []struct {
		name, method string
		headers      map[string]string
		bearer       bool
		status       int
		reason       Reason
	}{
		{"cross-site POST", "POST", map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}, false, 401, ReasonCSRFOriginMismatch},
		{"sibling subdomain POST", "POST", map[string]string{"Origin": "https://blog.example.com", "Sec-Fetch-Site": "same-site"}, false, 401, ReasonCSRFOriginMismatch},
		{"no origin information", "DELETE", nil, false, 401, ReasonCSRFOriginMismatch},
		{"null origin", "PUT", map[string]string{"Origin": "null"}, false, 401, ReasonCSRFOriginMismatch},
		{"cross-site referer", "PATCH", map[string]string{"Referer": "https://evil.example/app.example.com"}, false, 401, ReasonCSRFOriginMismatch},
		{"authorized Origin", "POST", map[string]string{"Origin": app}, false, 200, ""},
		{"authorized Referer", "POST", map[string]string{"Referer": app + "/teams?x=1"}, false, 200, ""},
		{"same-origin fetch metadata", "POST", map[string]string{"Sec-Fetch-Site": "same-origin"}, false, 200, ""},
		{"user-typed navigation", "POST", map[string]string{"Sec-Fetch-Site": "none"}, false, 200, ""},
		{"cross-site GET is safe", "GET", map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}, false, 200, ""},
		{"bearer POST needs no origin", "POST", nil, true, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest(tt.method, "/x", nil)
			if tt.bearer {
				r.Header.Set("Authorization", "Bearer "+tok)
			} else {
				r.AddCookie(&http.Cookie{Name: DefaultCookieName, Value: tok})
			}
			for k, v := range tt.headers {
				r.Header.Set(k, v)
			}
			status, reason, _ := outcome(t, h, r)
			if status != tt.status || reason != tt.reason {
				t.Errorf("got %d %q, want %d %q", status, reason, tt.status, tt.reason)
			}
		})
	}
}

// Attack: a pending admin (sts "pending": tasks unfinished) passed
// RequireRole with 200.
func TestPendingSessionIsSignedOut(t *testing.T) {
	t.Parallel()
	v := newVerifier(t)
	pending := mint(t, with(baseClaims(), "sts", "pending"))
	bearer := func() *http.Request {
		r := httptest.NewRequest("GET", "/x", nil)
		r.Header.Set("Authorization", "Bearer "+pending)
		return r
	}
	mw := Middleware(v)
	for name, h := range map[string]http.Handler{
		"RequireAuth":       mw(RequireAuth(echoAll)),
		"RequireRole":       mw(RequireRole("org:admin")(echoAll)),
		"RequirePermission": mw(RequirePermission("org:invoices:create")(echoAll)),
	} {
		status, reason, _ := outcome(t, h, bearer())
		if status != 401 || reason != ReasonSessionPending {
			t.Errorf("%s: %d %q, want 401 session_pending", name, status, reason)
		}
	}
	// Handlers without a guard see a signed-out request that knows why.
	rec := httptest.NewRecorder()
	mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, _ := AuthFromContext(r.Context())
		if _, ok := ClaimsFromContext(r.Context()); ok || a.SignedIn() || !a.Pending() {
			t.Errorf("pending session seen as signed in: %+v", a)
		}
	})).ServeHTTP(rec, bearer())

	// The route that finishes the tasks opts in.
	status, _, sub := outcome(t, mw(AllowPending(RequireRole("org:admin")(echoAll))), bearer())
	if status != 200 || sub != "user_1" {
		t.Errorf("AllowPending: %d %q", status, sub)
	}
	// So may a whole middleware.
	status, _, _ = outcome(t, Middleware(v, WithPendingSessions())(RequireAuth(echoAll)), bearer())
	if status != 200 {
		t.Errorf("WithPendingSessions: %d", status)
	}
	// AllowPending composes with AcceptTokens in either order.
	status, _, _ = outcome(t, mw(AllowPending(AcceptTokens(SessionToken, M2MToken)(RequireAuth(echoAll)))), bearer())
	if status != 200 {
		t.Errorf("AllowPending(AcceptTokens): %d", status)
	}
	status, _, _ = outcome(t, mw(AcceptTokens(SessionToken, M2MToken)(AllowPending(RequireAuth(echoAll)))), bearer())
	if status != 200 {
		t.Errorf("AcceptTokens(AllowPending): %d", status)
	}
}

// Attack: a JWT template token (no "cat", no "sid", aud "authenticated",
// a year long) passed RequireAuth.
func TestTemplateTokenIsNotASession(t *testing.T) {
	t.Parallel()
	h := Middleware(newVerifier(t))(RequireAuth(echoAll))
	template := map[string]any{"sub": "user_1", "aud": "authenticated", "azp": app,
		"iat": testNow.Unix() - 1, "exp": testNow.Unix() + 365*24*3600}
	for name, tok := range map[string]string{
		"no cat":       mint(t, template),
		"template cat": mintHeader(t, map[string]any{"cat": "cl_B7d4PD222AAA"}, with(template, "sid", "sess_1")),
		"aud with sid": mint(t, with(template, "sid", "sess_1")),
	} {
		r := httptest.NewRequest("GET", "/x", nil)
		r.Header.Set("Authorization", "Bearer "+tok)
		status, reason, _ := outcome(t, h, r)
		if status != 401 || (reason != ReasonUnsupportedTokenType && reason != ReasonInvalidAudience) {
			t.Errorf("%s: %d %q", name, status, reason)
		}
	}
}

// Attack: with parties set on the middleware only, a header token minted
// for another application of the instance was accepted (the parties
// applied to cookies only).
func TestAuthorizedPartiesApplyToHeaderTokens(t *testing.T) {
	t.Parallel()
	h := Middleware(newVerifier(t), WithAuthorizedParties(app))(RequireAuth(echoAll))
	for azp, want := range map[any]int{app: 200, "https://other.example.com": 401, nil: 401} {
		r := httptest.NewRequest("GET", "/x", nil)
		r.Header.Set("Authorization", "Bearer "+mint(t, with(baseClaims(), "azp", azp)))
		if status, reason, _ := outcome(t, h, r); status != want {
			t.Errorf("azp %v: %d %q, want %d", azp, status, reason, want)
		}
	}
}

// Attack: a sibling subdomain tosses its own __session cookie for the
// parent domain; the old middleware took whichever came first.
func TestSeveralSessionCookiesAreRefused(t *testing.T) {
	t.Parallel()
	h := Middleware(newVerifier(t), WithAuthorizedParties(app))(RequireAuth(echoAll))
	r := httptest.NewRequest("GET", "/x", nil)
	r.AddCookie(&http.Cookie{Name: DefaultCookieName, Value: mint(t, with(baseClaims(), "sub", "user_attacker"))})
	r.AddCookie(&http.Cookie{Name: DefaultCookieName, Value: mint(t, baseClaims())})
	status, reason, _ := outcome(t, h, r)
	if status != 401 || reason != ReasonAmbiguousCookie {
		t.Errorf("%d %q, want 401 %q", status, reason, ReasonAmbiguousCookie)
	}
}

func TestSuffixedSessionCookie(t *testing.T) {
	t.Parallel()
	const pk = "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k" // clerk.example.com
	// Vector computed independently: base64url(sha1(pk))[:8].
	if got := cookieSuffix(pk); got != "l2OS3d9k" {
		t.Fatalf("cookieSuffix = %q", got)
	}
	if got := cookieSuffix("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k"); got != "naoXFJnI" {
		t.Fatalf("cookieSuffix(live) = %q", got)
	}
	h := Middleware(newVerifier(t), WithAuthorizedParties(app), WithPublishableKey(pk))(RequireAuth(echoAll))
	mine := mint(t, with(baseClaims(), "sub", "user_mine"))
	other := mint(t, with(baseClaims(), "sub", "user_other_instance", "iss", "https://other.clerk.accounts.dev"))
	newer := mint(t, with(baseClaims(), "sub", "user_plain_newer", "iat", testNow.Unix()))
	tests := []struct {
		name    string
		cookies map[string]string
		want    string
	}{
		{"suffixed only", map[string]string{"__session_l2OS3d9k": mine, "__client_uat_l2OS3d9k": "1"}, "user_mine"},
		{"plain cookie of another instance", map[string]string{"__session": other, "__session_l2OS3d9k": mine, "__client_uat_l2OS3d9k": "1", "__client_uat": "1"}, "user_mine"},
		{"plain only", map[string]string{"__session": mine}, "user_mine"},
		{"suffixed without its client_uat", map[string]string{"__session": newer, "__session_l2OS3d9k": mine}, "user_plain_newer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest("GET", "/x", nil)
			for k, v := range tt.cookies {
				r.AddCookie(&http.Cookie{Name: k, Value: v})
			}
			status, reason, sub := outcome(t, h, r)
			if status != 200 || sub != tt.want {
				t.Errorf("%d %q %q, want %q", status, reason, sub, tt.want)
			}
		})
	}
	// Several suffixed cookies are refused too.
	r := httptest.NewRequest("GET", "/x", nil)
	r.AddCookie(&http.Cookie{Name: "__session_l2OS3d9k", Value: mine})
	r.AddCookie(&http.Cookie{Name: "__session_l2OS3d9k", Value: other})
	if status, reason, _ := outcome(t, h, r); status != 401 || reason != ReasonAmbiguousCookie {
		t.Errorf("two suffixed cookies: %d %q", status, reason)
	}
	// A malformed key fails closed.
	bad := Middleware(newVerifier(t), WithPublishableKey("sk_test_nope"))(RequireAuth(echoAll))
	if status, reason, _ := outcome(t, bad, r); status != 503 || reason != ReasonMisconfigured {
		t.Errorf("malformed publishable key: %d %q", status, reason)
	}
}

// m2m returns a JWT-format M2M token.
func m2mToken(t testing.TB, scopes string) string {
	return mintWith(t, map[string]any{"cat": "cl_B7d4PD333AAA"}, map[string]any{
		"sub": "mch_reports", "aud": []string{"mch_api"}, "jti": "mt_1", "scopes": scopes,
		"iat": testNow.Unix() - 1, "exp": testNow.Unix() + 3600, "iss": "https://clerk.example.com",
	})
}

func TestMachineJWTKinds(t *testing.T) {
	t.Parallel()
	mw := Middleware(newVerifier(t), WithAuthorizedParties(app))
	m2m := m2mToken(t, "read:reports")
	oauth := mintWith(t, map[string]any{"typ": "at+jwt"}, map[string]any{
		"sub": "user_1", "jti": "oat_1", "client_id": "cl_1", "scope": "read:reports",
		"iat": testNow.Unix() - 1, "exp": testNow.Unix() + 3600,
	})
	session := mint(t, baseClaims())
	sessionOnly := mw(RequireAuth(echoAll))
	machines := mw(AcceptTokens(M2MToken, OAuthToken)(RequireAuth(echoAll)))
	scoped := mw(AcceptTokens(SessionToken, M2MToken)(RequireScope("read:reports")(echoAll)))
	scopedWrite := mw(AcceptTokens(M2MToken)(RequireScope("write:reports")(echoAll)))
	tests := []struct {
		name   string
		h      http.Handler
		token  string
		status int
		reason Reason
		sub    string
	}{
		{"m2m on a session route", sessionOnly, m2m, 401, ReasonTokenKindNotAccepted, ""},
		{"oauth on a session route", sessionOnly, oauth, 401, ReasonTokenKindNotAccepted, ""},
		{"m2m accepted", machines, m2m, 200, "", "mch_reports"},
		{"oauth accepted", machines, oauth, 200, "", "user_1"},
		{"session on a machine route", machines, session, 401, ReasonTokenKindNotAccepted, ""},
		{"scope granted", scoped, m2m, 200, "", "mch_reports"},
		{"scope missing", scopedWrite, m2m, 403, ReasonMissingScope, ""},
		{"a session has no scopes", scoped, session, 403, ReasonMissingScope, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest("GET", "/x", nil)
			r.Header.Set("Authorization", "Bearer "+tt.token)
			status, reason, sub := outcome(t, tt.h, r)
			if status != tt.status || reason != tt.reason || sub != tt.sub {
				t.Errorf("got %d %q %q, want %d %q %q", status, reason, sub, tt.status, tt.reason, tt.sub)
			}
		})
	}
	// A machine token in the session cookie is refused, whatever the route.
	r := httptest.NewRequest("GET", "/x", nil)
	r.AddCookie(&http.Cookie{Name: DefaultCookieName, Value: m2m})
	if status, reason, _ := outcome(t, machines, r); status != 401 || reason != ReasonTokenKindNotAccepted {
		t.Errorf("m2m in a cookie: %d %q", status, reason)
	}
	// The outcome names the kind and exposes the machine.
	r = httptest.NewRequest("GET", "/x", nil)
	r.Header.Set("Authorization", "Bearer "+m2m)
	rec := httptest.NewRecorder()
	mw(AcceptTokens(M2MToken)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, _ := AuthFromContext(r.Context())
		m, ok := MachineFromContext(r.Context())
		if !ok || a.Kind != M2MToken || m.ID != "mt_1" || !a.HasScope("read:reports") || a.Scopes()[0] != "read:reports" {
			t.Errorf("auth %+v machine %+v", a, m)
		}
	}))).ServeHTTP(rec, r)
}

// fakeOpaque is an OpaqueVerifier whose answers tests control.
type fakeOpaque struct {
	calls atomic.Int32
	mu    sync.Mutex
	valid map[string]*MachineAuth
	err   error
	gate  chan struct{} // when set, calls wait for it (ignoring ctx)
}

func (f *fakeOpaque) VerifyOpaque(ctx context.Context, kind TokenKind, token string) (*MachineAuth, error) {
	f.calls.Add(1)
	f.mu.Lock()
	gate, err, m := f.gate, f.err, f.valid[token]
	f.mu.Unlock()
	if gate != nil {
		<-gate
	}
	if err != nil {
		return nil, err
	}
	if m == nil {
		return nil, fmt.Errorf("%w: 404 not found", ErrInvalidMachineToken)
	}
	return m, nil
}

func (f *fakeOpaque) set(token string, m *MachineAuth, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.valid == nil {
		f.valid = map[string]*MachineAuth{}
	}
	if m == nil {
		delete(f.valid, token)
	} else {
		f.valid[token] = m
	}
	f.err = err
}

func withOpaqueClock(now func() time.Time) Option {
	return func(c *config) { c.opaqueNow = now }
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestOpaqueMachineTokens(t *testing.T) {
	t.Parallel()
	const key = "ak_live_secret"
	owner := &MachineAuth{Kind: APIKey, ID: "ak_1", Subject: "org_1", OrgID: "org_1",
		Scopes: []string{"read:reports"}, Claims: map[string]any{"tier": "gold", "nested": map[string]any{"a": 1.0}}}
	req := func(tok string) *http.Request {
		r := httptest.NewRequest("GET", "/x", nil)
		r.Header.Set("Authorization", "Bearer "+tok)
		return r
	}

	t.Run("kinds no route accepts never reach Clerk", func(t *testing.T) {
		t.Parallel()
		f := &fakeOpaque{}
		f.set(key, owner, nil)
		h := Middleware(newVerifier(t), WithOpaqueVerifier(f))(RequireAuth(echoAll))
		for range 10 {
			if status, reason, _ := outcome(t, h, req(key)); status != 401 || reason != ReasonTokenKindNotAccepted {
				t.Fatalf("%d %q", status, reason)
			}
		}
		if n := f.calls.Load(); n != 0 {
			t.Errorf("%d calls for a kind the route refuses", n)
		}
	})

	t.Run("accepted, cached for the TTL, then re-verified", func(t *testing.T) {
		t.Parallel()
		f := &fakeOpaque{}
		f.set(key, owner, nil)
		clk := &clock{t: testNow}
		h := Middleware(newVerifier(t), WithOpaqueVerifier(f), withOpaqueClock(clk.now))(
			AcceptTokens(APIKey)(RequireScope("read:reports")(echoAll)))
		for range 5 {
			if status, reason, sub := outcome(t, h, req(key)); status != 200 || sub != "org_1" {
				t.Fatalf("%d %q %q", status, reason, sub)
			}
		}
		if n := f.calls.Load(); n != 1 {
			t.Errorf("%d calls, want 1", n)
		}
		// Revoked at Clerk: it keeps working at most the TTL.
		f.set(key, nil, nil)
		clk.advance(DefaultOpaqueCacheTTL - time.Millisecond)
		if status, _, _ := outcome(t, h, req(key)); status != 200 {
			t.Errorf("within the TTL: %d", status)
		}
		clk.advance(time.Millisecond)
		if status, reason, _ := outcome(t, h, req(key)); status != 401 || reason != ReasonInvalidToken {
			t.Errorf("after the TTL: %d %q", status, reason)
		}
		// Invalid is cached as invalid, never as valid.
		outcome(t, h, req(key))
		if n := f.calls.Load(); n != 2 {
			t.Errorf("%d calls, want 2", n)
		}
	})

	t.Run("handlers get copies", func(t *testing.T) {
		t.Parallel()
		f := &fakeOpaque{}
		f.set(key, owner, nil)
		mw := Middleware(newVerifier(t), WithOpaqueVerifier(f), WithAcceptedTokens(APIKey))
		mutate := mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			m, _ := MachineFromContext(r.Context())
			m.Scopes[0] = "admin"
			m.Claims["tier"] = "platinum"
			m.Claims["nested"].(map[string]any)["a"] = 2.0
		}))
		outcome(t, mutate, req(key))
		check := mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			m, _ := MachineFromContext(r.Context())
			if m.Scopes[0] != "read:reports" || m.Claims["tier"] != "gold" || m.Claims["nested"].(map[string]any)["a"] != 1.0 {
				t.Errorf("cache shows another request's changes: %+v", m)
			}
		}))
		outcome(t, check, req(key))
		if owner.Scopes[0] != "read:reports" {
			t.Error("the verifier's own value was changed")
		}
	})

	t.Run("concurrent requests share one call", func(t *testing.T) {
		t.Parallel()
		f := &fakeOpaque{gate: make(chan struct{})}
		f.set(key, owner, nil)
		h := Middleware(newVerifier(t), WithOpaqueVerifier(f), WithAcceptedTokens(APIKey))(RequireAuth(echoAll))
		var wg sync.WaitGroup
		codes := make([]int, 50)
		for i := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req(key))
				codes[i] = rec.Code
			}()
		}
		for f.calls.Load() == 0 {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(20 * time.Millisecond) // let the others queue up
		close(f.gate)
		wg.Wait()
		if n := f.calls.Load(); n != 1 {
			t.Errorf("%d calls for 50 concurrent requests", n)
		}
		for i, c := range codes {
			if c != 200 {
				t.Fatalf("request %d: %d", i, c)
			}
		}
	})

	t.Run("failures are not cached", func(t *testing.T) {
		t.Parallel()
		f := &fakeOpaque{}
		f.set(key, owner, errors.New("502 bad gateway"))
		h := Middleware(newVerifier(t), WithOpaqueVerifier(f), WithAcceptedTokens(APIKey))(RequireAuth(echoAll))
		if status, reason, _ := outcome(t, h, req(key)); status != 503 || reason != ReasonVerifierUnavailable {
			t.Errorf("API down: %d %q", status, reason)
		}
		f.set(key, owner, nil)
		if status, _, _ := outcome(t, h, req(key)); status != 200 {
			t.Errorf("API back: %d", status)
		}
		if n := f.calls.Load(); n != 2 {
			t.Errorf("%d calls, want 2", n)
		}
	})

	t.Run("a slow API cannot hold requests", func(t *testing.T) {
		t.Parallel()
		f := &fakeOpaque{gate: make(chan struct{})} // never answers, ignores ctx
		defer close(f.gate)
		f.set(key, owner, nil)
		h := Middleware(newVerifier(t), WithOpaqueVerifier(f), WithAcceptedTokens(APIKey),
			WithOpaqueTimeout(30*time.Millisecond))(RequireAuth(echoAll))
		start := time.Now()
		if status, reason, _ := outcome(t, h, req(key)); status != 503 || reason != ReasonVerifierUnavailable {
			t.Errorf("%d %q", status, reason)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("held %v", d)
		}
	})

	t.Run("a kind mismatch from the verifier is refused", func(t *testing.T) {
		t.Parallel()
		f := &fakeOpaque{}
		f.set("mt_x", owner, nil) // says APIKey for an mt_ token
		h := Middleware(newVerifier(t), WithOpaqueVerifier(f), WithAcceptedTokens(M2MToken))(RequireAuth(echoAll))
		if status, _, _ := outcome(t, h, req("mt_x")); status != 401 {
			t.Errorf("%d", status)
		}
	})

	t.Run("no verifier configured fails closed", func(t *testing.T) {
		t.Parallel()
		h := Middleware(newVerifier(t), WithAcceptedTokens(APIKey))(RequireAuth(echoAll))
		if status, reason, _ := outcome(t, h, req(key)); status != 503 || reason != ReasonVerifierUnavailable {
			t.Errorf("%d %q", status, reason)
		}
	})
}
