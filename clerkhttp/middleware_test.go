package clerkhttp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clerkgo/clerk/jwt"
)

// request builds a request with an optional Authorization header and
// session cookie.
type request struct {
	auth   string // Authorization header value
	cookie string // __session cookie value
}

func (rq request) build(path string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, path, nil)
	if rq.auth != "" {
		r.Header.Set("Authorization", rq.auth)
	}
	if rq.cookie != "" {
		r.AddCookie(&http.Cookie{Name: DefaultCookieName, Value: rq.cookie})
	}
	return r
}

// response is what the tests compare.
type response struct {
	Status   int
	WWWAuth  string
	Body     map[string]string
	Subject  string // echoed by the inner handler
	Source   TokenSource
	Reason   Reason
	JSONType bool
}

// serve runs h and decodes the result.
func serve(t *testing.T, h http.Handler, r *http.Request) response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	res := response{
		Status:  rec.Code,
		WWWAuth: rec.Header().Get("WWW-Authenticate"),
		Subject: rec.Header().Get("X-Subject"),
		Source:  TokenSource(rec.Header().Get("X-Source")),
		Reason:  Reason(rec.Header().Get("X-Reason")),
	}
	if rec.Code >= 400 {
		res.JSONType = rec.Header().Get("Content-Type") == "application/json"
		if err := json.Unmarshal(rec.Body.Bytes(), &res.Body); err != nil {
			t.Fatalf("error body %q: %v", rec.Body.String(), err)
		}
		delete(res.Body, "message")
	}
	return res
}

// echo reports what the middleware recorded, in headers.
var echo = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	a, ok := AuthFromContext(r.Context())
	if !ok {
		w.Header().Set("X-Reason", "no-middleware")
	}
	if c, ok := ClaimsFromContext(r.Context()); ok {
		w.Header().Set("X-Subject", c.Subject)
	}
	w.Header().Set("X-Source", string(a.Source))
	w.Header().Set("X-Reason", string(a.Reason))
	w.WriteHeader(http.StatusOK)
})

func body(code string, reason Reason) map[string]string {
	return map[string]string{"error": code, "reason": string(reason)}
}

func TestRequireAuth(t *testing.T) {
	t.Parallel()
	valid := mint(t, baseClaims())
	expired := mint(t, with(baseClaims(), "exp", testNow.Unix()-60))
	foreign := mint(t, with(baseClaims(), "azp", "https://evil.example"))
	noAzp := mint(t, with(baseClaims(), "azp", nil))
	invalid := `Bearer error="invalid_token"`

	tests := []struct {
		name string
		opts []Option
		vopt []jwt.Option
		req  request
		want response
	}{
		{"no token", nil, nil, request{},
			response{Status: 401, WWWAuth: "Bearer", JSONType: true, Body: body("signed_out", ReasonTokenMissing)}},
		{"valid Bearer", nil, nil, request{auth: "Bearer " + valid},
			response{Status: 200, Subject: "user_1", Source: SourceHeader}},
		{"lower-case scheme, extra spaces", nil, nil, request{auth: "bearer   " + valid + " "},
			response{Status: 200, Subject: "user_1", Source: SourceHeader}},
		{"expired Bearer", nil, nil, request{auth: "Bearer " + expired},
			response{Status: 401, WWWAuth: invalid, JSONType: true, Body: body("signed_out", ReasonTokenExpired)}},
		{"garbage Bearer", nil, nil, request{auth: "Bearer abc"},
			response{Status: 401, WWWAuth: invalid, JSONType: true, Body: body("signed_out", ReasonMalformedToken)}},
		{"empty Bearer", nil, nil, request{auth: "Bearer"},
			response{Status: 401, WWWAuth: invalid, JSONType: true, Body: body("signed_out", ReasonMalformedToken)}},
		{"Bearer wins over a valid cookie", []Option{WithAuthorizedParties("https://app.example.com")}, nil,
			request{auth: "Bearer " + expired, cookie: valid},
			response{Status: 401, WWWAuth: invalid, JSONType: true, Body: body("signed_out", ReasonTokenExpired)}},
		{"Basic header falls back to the cookie", []Option{WithAuthorizedParties("https://app.example.com")}, nil,
			request{auth: "Basic dXNlcjpwYXNz", cookie: valid},
			response{Status: 200, Subject: "user_1", Source: SourceCookie}},
		{"scheme prefix is not Bearer", nil, nil, request{auth: "Bearerx " + valid},
			response{Status: 401, WWWAuth: "Bearer", JSONType: true, Body: body("signed_out", ReasonTokenMissing)}},
		{"cookie with azp among the middleware's parties", []Option{WithAuthorizedParties("https://app.example.com")}, nil,
			request{cookie: valid}, response{Status: 200, Subject: "user_1", Source: SourceCookie}},
		{"cookie with azp among the verifier's parties", nil, []jwt.Option{jwt.WithAuthorizedParties("https://app.example.com")},
			request{cookie: valid}, response{Status: 200, Subject: "user_1", Source: SourceCookie}},
		{"cookie with a foreign azp (CSRF)", []Option{WithAuthorizedParties("https://app.example.com")}, nil,
			request{cookie: foreign},
			response{Status: 401, WWWAuth: invalid, JSONType: true, Body: body("signed_out", ReasonUnauthorizedParty)}},
		{"cookie without azp", []Option{WithAuthorizedParties("https://app.example.com")}, nil,
			request{cookie: noAzp},
			response{Status: 401, WWWAuth: invalid, JSONType: true, Body: body("signed_out", ReasonUnauthorizedParty)}},
		{"cookie while no parties are configured", nil, nil, request{cookie: valid},
			response{Status: 401, WWWAuth: invalid, JSONType: true, Body: body("signed_out", ReasonCookiePartyUnchecked)}},
		{"cookie with the explicit opt-out", []Option{WithoutCookiePartyCheck()}, nil, request{cookie: foreign},
			response{Status: 200, Subject: "user_1", Source: SourceCookie}},
		{"Bearer needs no party check", nil, nil, request{auth: "Bearer " + foreign},
			response{Status: 200, Subject: "user_1", Source: SourceHeader}},
		{"cookies disabled", []Option{WithCookieName(""), WithoutCookiePartyCheck()}, nil, request{cookie: valid},
			response{Status: 401, WWWAuth: "Bearer", JSONType: true, Body: body("signed_out", ReasonTokenMissing)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := Middleware(newVerifier(t, tt.vopt...), tt.opts...)(RequireAuth(echo))
			got := serve(t, h, tt.req.build("/"))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("response (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCustomCookieName(t *testing.T) {
	t.Parallel()
	h := Middleware(newVerifier(t), WithCookieName("__session_abc"), WithoutCookiePartyCheck())(RequireAuth(echo))
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.AddCookie(&http.Cookie{Name: "__session_abc", Value: mint(t, baseClaims())})
	if got := serve(t, h, r); got.Status != 200 {
		t.Errorf("status %d", got.Status)
	}
}

func TestRequireRoleAndPermission(t *testing.T) {
	t.Parallel()
	admin := mint(t, baseClaims())
	member := mint(t, with(baseClaims(), "o", map[string]any{"id": "org_1", "rol": "member", "per": "create,read", "fpm": "2"}))
	v1 := mint(t, map[string]any{"sub": "user_v1", "sid": "sess_v1", "exp": testNow.Unix() + 60, "org_id": "org_1",
		"org_role": "org:admin", "org_permissions": []string{"org:invoices:create"}})
	noOrg := mint(t, with(baseClaims(), "o", nil))
	canRead := func(c *jwt.Claims) bool { return c.HasPermission("org:invoices:read") }

	tests := []struct {
		name  string
		guard func(http.Handler) http.Handler
		token string
		want  response
	}{
		{"admin role", RequireRole("org:admin"), admin, response{Status: 200, Subject: "user_1", Source: SourceHeader}},
		{"member lacks admin role", RequireRole("org:admin"), member,
			response{Status: 403, JSONType: true, Body: body("forbidden", ReasonMissingRole)}},
		{"no active org", RequireRole("org:admin"), noOrg,
			response{Status: 403, JSONType: true, Body: body("forbidden", ReasonMissingRole)}},
		{"signed out gets 401, not 403", RequireRole("org:admin"), "",
			response{Status: 401, WWWAuth: "Bearer", JSONType: true, Body: body("signed_out", ReasonTokenMissing)}},
		{"v1 role", RequireRole("org:admin"), v1, response{Status: 200, Subject: "user_v1", Source: SourceHeader}},
		{"permission granted", RequirePermission("org:invoices:create"), admin,
			response{Status: 200, Subject: "user_1", Source: SourceHeader}},
		{"permission missing", RequirePermission("org:invoices:create"), member,
			response{Status: 403, JSONType: true, Body: body("forbidden", ReasonMissingPermission)}},
		{"v1 permission", RequirePermission("org:invoices:create"), v1,
			response{Status: 200, Subject: "user_v1", Source: SourceHeader}},
		{"permission, signed out", RequirePermission("org:invoices:create"), "garbage",
			response{Status: 401, WWWAuth: `Bearer error="invalid_token"`, JSONType: true, Body: body("signed_out", ReasonMalformedToken)}},
		{"claims check passes", RequireClaims(canRead), member, response{Status: 200, Subject: "user_1", Source: SourceHeader}},
		{"claims check fails", RequireClaims(canRead), noOrg,
			response{Status: 403, JSONType: true, Body: body("forbidden", ReasonClaimsCheckFailed)}},
		{"nil claims check", RequireClaims(nil), noOrg, response{Status: 200, Subject: "user_1", Source: SourceHeader}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := Middleware(newVerifier(t))(tt.guard(echo))
			rq := request{}
			if tt.token != "" {
				rq.auth = "Bearer " + tt.token
			}
			if diff := cmp.Diff(tt.want, serve(t, h, rq.build("/"))); diff != "" {
				t.Errorf("response (-want +got):\n%s", diff)
			}
		})
	}
}

// verifierFunc adapts a function to Verifier, the way users mock it.
type verifierFunc func(ctx context.Context, token string) (*jwt.Claims, error)

func (f verifierFunc) Verify(ctx context.Context, token string) (*jwt.Claims, error) {
	return f(ctx, token)
}

func TestMockVerifierAndReasons(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err        error
		wantStatus int
		wantReason Reason
	}{
		{fmt.Errorf("%w: x", jwt.ErrMalformedToken), 401, ReasonMalformedToken},
		{jwt.ErrInvalidSignature, 401, ReasonInvalidSignature},
		{fmt.Errorf("%w: x", jwt.ErrTokenExpired), 401, ReasonTokenExpired},
		{jwt.ErrTokenNotYetValid, 401, ReasonTokenNotYetValid},
		{jwt.ErrUnauthorizedParty, 401, ReasonUnauthorizedParty},
		{jwt.ErrInvalidIssuer, 401, ReasonInvalidIssuer},
		{&jwt.UnknownKeyError{KID: "k"}, 401, ReasonUnknownKey},
		{jwt.ErrUnsupportedAlgorithm, 401, ReasonUnsupportedAlgorithm},
		{jwt.ErrUnsupportedTokenType, 401, ReasonUnsupportedTokenType},
		{fmt.Errorf("%w: %w", jwt.ErrKeyUnavailable, errors.New("jwks down")), 503, ReasonKeyUnavailable},
		{errors.New("custom"), 401, ReasonInvalidToken},
		{nil, 401, ReasonInvalidToken}, // nil claims and nil error
	}
	for _, tt := range tests {
		t.Run(string(tt.wantReason), func(t *testing.T) {
			t.Parallel()
			v := verifierFunc(func(context.Context, string) (*jwt.Claims, error) { return nil, tt.err })
			h := Middleware(v)(RequireAuth(echo))
			got := serve(t, h, request{auth: "Bearer x"}.build("/"))
			if got.Status != tt.wantStatus || got.Body["reason"] != string(tt.wantReason) {
				t.Errorf("got %d %v; want %d %s", got.Status, got.Body, tt.wantStatus, tt.wantReason)
			}
			if tt.wantStatus == 503 && got.WWWAuth != "" {
				t.Errorf("503 carries WWW-Authenticate %q", got.WWWAuth)
			}
			if tt.wantReason.Message() == string(tt.wantReason) {
				t.Errorf("reason %s has no message", tt.wantReason)
			}
		})
	}
	if got := Reason("other").Message(); got != "other" {
		t.Errorf("unknown reason message %q", got)
	}
}

func TestMiddlewareNeverRejects(t *testing.T) {
	t.Parallel()
	h := Middleware(newVerifier(t))(echo)
	for _, rq := range []request{{}, {auth: "Bearer garbage"}, {auth: "Bearer " + mint(t, baseClaims())}} {
		got := serve(t, h, rq.build("/"))
		if got.Status != 200 {
			t.Errorf("%+v: status %d", rq, got.Status)
		}
	}
	got := serve(t, h, request{auth: "Bearer garbage"}.build("/"))
	if got.Reason != ReasonMalformedToken || got.Source != SourceHeader {
		t.Errorf("recorded %+v", got)
	}
}

func TestAuthFromContext(t *testing.T) {
	t.Parallel()
	var got Auth
	h := Middleware(newVerifier(t))(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, _ = AuthFromContext(r.Context())
	}))
	h.ServeHTTP(httptest.NewRecorder(), request{auth: "Bearer " + mint(t, with(baseClaims(), "exp", 1))}.build("/"))
	if got.SignedIn() || got.Reason != ReasonTokenExpired || !errors.Is(got.Err, jwt.ErrTokenExpired) {
		t.Errorf("Auth = %+v", got)
	}
	if _, ok := AuthFromContext(context.Background()); ok {
		t.Error("AuthFromContext ok without the middleware")
	}
	if _, ok := ClaimsFromContext(context.Background()); ok {
		t.Error("ClaimsFromContext ok without the middleware")
	}
	// A nil context is "no middleware", not a panic.
	//lint:ignore SA1012 a nil context is the input under test
	if _, ok := AuthFromContext(nil); ok {
		t.Error("AuthFromContext(nil) ok")
	}
	//lint:ignore SA1012 a nil context is the input under test
	if _, ok := ClaimsFromContext(nil); ok {
		t.Error("ClaimsFromContext(nil) ok")
	}
	//lint:ignore SA1012 a nil context is the input under test
	if _, ok := MachineFromContext(nil); ok {
		t.Error("MachineFromContext(nil) ok")
	}
}

func TestRequireWithoutMiddleware(t *testing.T) {
	t.Parallel()
	for name, h := range map[string]http.Handler{
		"RequireAuth":       RequireAuth(echo),
		"RequireRole":       RequireRole("org:admin")(echo),
		"RequirePermission": RequirePermission("org:x:y")(echo),
	} {
		got := serve(t, h, request{auth: "Bearer " + mint(t, baseClaims())}.build("/"))
		want := response{Status: 401, WWWAuth: "Bearer", JSONType: true, Body: body("signed_out", ReasonMiddlewareMissing)}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
}

func TestFailureHandler(t *testing.T) {
	t.Parallel()
	var seen []Failure
	custom := func(w http.ResponseWriter, r *http.Request, f Failure) {
		seen = append(seen, f)
		if f.Status == http.StatusUnauthorized {
			http.Redirect(w, r, "/sign-in", http.StatusFound)
			return
		}
		DefaultFailureHandler(w, r, f)
	}
	v := newVerifier(t)
	mw := Middleware(v, WithFailureHandler(custom))
	member := mint(t, with(baseClaims(), "o", map[string]any{"id": "org_1", "rol": "member"}))

	rec := httptest.NewRecorder()
	mw(RequireAuth(echo)).ServeHTTP(rec, request{}.build("/"))
	if rec.Code != http.StatusFound || rec.Header().Get("Location") != "/sign-in" {
		t.Errorf("signed out: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	rec = httptest.NewRecorder()
	mw(RequireRole("org:admin")(echo)).ServeHTTP(rec, request{auth: "Bearer " + member}.build("/"))
	if rec.Code != http.StatusForbidden {
		t.Errorf("forbidden: %d", rec.Code)
	}
	if len(seen) != 2 || seen[0].TokenGiven() || !seen[1].TokenGiven() ||
		seen[1].Reason != ReasonMissingRole || seen[1].Auth.Claims.Subject != "user_1" {
		t.Errorf("failures seen: %+v", seen)
	}
	// A nil handler option keeps the default.
	rec = httptest.NewRecorder()
	Middleware(v, WithFailureHandler(nil), nil)(RequireAuth(echo)).ServeHTTP(rec, request{}.build("/"))
	if rec.Code != http.StatusUnauthorized {
		t.Errorf("nil failure handler: %d", rec.Code)
	}
}

func TestDefaultFailureBody(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	DefaultFailureHandler(rec, httptest.NewRequest(http.MethodGet, "/", nil), Failure{
		Status: 401, Code: "signed_out", Reason: ReasonTokenExpired, Auth: Auth{Source: SourceCookie},
	})
	want := `{"error":"signed_out","reason":"token_expired","message":"the session token has expired"}` + "\n"
	if diff := cmp.Diff(want, rec.Body.String()); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	for k, v := range map[string]string{
		"Content-Type":     "application/json",
		"Cache-Control":    "no-store",
		"WWW-Authenticate": `Bearer error="invalid_token"`,
	} {
		if got := rec.Header().Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
}

// TestServeMux runs the middleware in front of a real server and the
// standard mux with method and path patterns.
func TestServeMux(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /public", func(w http.ResponseWriter, r *http.Request) {
		_, signedIn := ClaimsFromContext(r.Context())
		fmt.Fprintf(w, "public signed-in=%v", signedIn)
	})
	mux.Handle("GET /me", RequireAuth(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, _ := ClaimsFromContext(r.Context())
		fmt.Fprint(w, c.Subject)
	})))
	mux.Handle("POST /invoices", RequirePermission("org:invoices:create")(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
	})))
	srv := httptest.NewServer(Middleware(newVerifier(t))(mux))
	defer srv.Close()

	admin := mint(t, baseClaims())
	tests := []struct {
		method, path, token string
		wantStatus          int
		wantBody            string
	}{
		{"GET", "/public", "", 200, "public signed-in=false"},
		{"GET", "/public", admin, 200, "public signed-in=true"},
		{"GET", "/me", admin, 200, "user_1"},
		{"GET", "/me", "", 401, ""},
		{"POST", "/invoices", admin, 201, ""},
		{"POST", "/invoices", "", 401, ""},
	}
	for _, tt := range tests {
		req, err := http.NewRequestWithContext(t.Context(), tt.method, srv.URL+tt.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		if tt.token != "" {
			req.Header.Set("Authorization", "Bearer "+tt.token)
		}
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != tt.wantStatus || (tt.wantBody != "" && string(b) != tt.wantBody) {
			t.Errorf("%s %s: %d %q", tt.method, tt.path, res.StatusCode, b)
		}
	}
}

func TestMiddlewareNilVerifierFailsClosed(t *testing.T) {
	t.Parallel()
	var seen Auth
	h := Middleware(nil)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen, _ = AuthFromContext(r.Context())
	}))
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("Authorization", "Bearer a.b.c")
	h.ServeHTTP(httptest.NewRecorder(), r)
	if seen.SignedIn() || seen.Reason != ReasonKeyUnavailable {
		t.Fatalf("auth = %+v, want signed out with %q", seen, ReasonKeyUnavailable)
	}
}

func TestBearer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{"Bearer abc", "abc", true},
		{"BEARER abc", "abc", true},
		{"Bearer\tabc", "abc", true},
		{"Bearer", "", true},
		{"Bearer ", "", true},
		{"Bearerabc", "", false},
		{"Basic abc", "", false},
		{"Bear", "", false},
	}
	for _, tt := range tests {
		got, ok := bearer(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("bearer(%q) = %q, %v", tt.in, got, ok)
		}
	}
}
