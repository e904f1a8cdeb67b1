package clerktest_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/clerkgo/clerk/clerktest"
)

func TestServerAuth(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	tests := []struct {
		name     string
		auth     string
		path     string
		wantCode int
		wantErr  string
	}{
		{"no header", "", "/users", http.StatusUnauthorized, "authentication_invalid"},
		{"wrong key", "Bearer sk_test_wrong", "/users", http.StatusUnauthorized, "clerk_key_invalid"},
		{"not bearer", "Basic " + a.srv.SecretKey, "/users", http.StatusUnauthorized, "clerk_key_invalid"},
		{"jwks needs the key too", "Bearer sk_test_wrong", "/jwks", http.StatusUnauthorized, "clerk_key_invalid"},
		{"right key", "Bearer " + a.srv.SecretKey, "/users", http.StatusOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := a.doWith("GET", tt.path, nil, tt.auth)
			if r.status != tt.wantCode {
				t.Fatalf("status %d, want %d: %s", r.status, tt.wantCode, r.body)
			}
			if tt.wantErr != "" {
				if code := checkClerkErrors(t, r); code != tt.wantErr {
					t.Errorf("code %q, want %q", code, tt.wantErr)
				}
			}
		})
	}
}

func TestServerShape(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	if !strings.HasSuffix(a.srv.URL, "/v1") {
		t.Errorf("URL %q does not end in /v1", a.srv.URL)
	}
	if !strings.HasPrefix(a.srv.SecretKey, "sk_test_") {
		t.Errorf("SecretKey %q is not a sk_test_ key", a.srv.SecretKey)
	}
	r := a.do("GET", "/users", nil)
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q, want exactly application/json", ct)
	}
	if r.header.Get("Clerk-Trace-Id") == "" {
		t.Error("no Clerk-Trace-Id header")
	}
	if string(r.body) != "[]" {
		t.Errorf("empty user list = %s, want []", r.body)
	}
}

func TestServerUnknownRoutes(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	tests := []struct{ method, path string }{
		{"GET", "/nope"},
		{"DELETE", "/users"},           // known path, other method
		{"PUT", "/users/user_1"},       // known path, other method
		{"GET", "/users/"},             // trailing slash
		{"POST", "/sessions/x/verify"}, // removed in 2025-04-10
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			// 501, never 404: a test of a not-found path cannot pass on
			// a route the fake lacks.
			if code := a.fail(tt.method, tt.path, nil, http.StatusNotImplemented); code != "clerktest_not_implemented" {
				t.Errorf("code %q", code)
			}
		})
	}
	r := a.doWith("GET", "/../../etc", nil, "Bearer "+a.srv.SecretKey)
	if r.status == http.StatusOK {
		t.Errorf("path outside /v1 answered 200")
	}
}

func TestServerAPIVersion(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	tests := []struct {
		name, path, header string
		want               int
	}{
		{"header only", "/users", "2026-05-12", http.StatusOK},
		{"query only", "/users?__clerk_api_version=2025-04-10", "", http.StatusOK},
		{"both", "/users?__clerk_api_version=2025-04-10", "2026-05-12", http.StatusBadRequest},
		{"unknown", "/users", "2099-01-01", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", a.srv.URL+tt.path, nil)
			req.Header.Set("Authorization", "Bearer "+a.srv.SecretKey)
			if tt.header != "" {
				req.Header.Set("Clerk-API-Version", tt.header)
			}
			resp, err := a.srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}
}

func TestServerBodies(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	tests := []struct {
		name     string
		body     any
		status   int
		wantCode string
	}{
		{"malformed", `{"email_address":`, http.StatusBadRequest, "malformed_request"},
		{"unknown field", `{"email_adress":["a@example.com"]}`, http.StatusUnprocessableEntity, "form_param_unknown"},
		{"wrong type", `{"first_name":1}`, http.StatusUnprocessableEntity, "form_param_format_invalid"},
		{"trailing data", `{} {}`, http.StatusBadRequest, "malformed_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code := a.fail("POST", "/users", tt.body, tt.status); code != tt.wantCode {
				t.Errorf("code %q, want %q", code, tt.wantCode)
			}
		})
	}
}

func TestStartAndClose(t *testing.T) {
	t.Parallel()
	srv, err := clerktest.Start(clerktest.WithSecretKey("sk_test_fixed"))
	if err != nil {
		t.Fatal(err)
	}
	if srv.SecretKey != "sk_test_fixed" {
		t.Errorf("SecretKey %q", srv.SecretKey)
	}
	url := srv.URL
	srv.Close()
	srv.Close() // idempotent
	if _, err := http.Get(url + "/users"); err == nil {
		t.Error("server still answers after Close")
	}
}

func TestTwoServersAreIndependent(t *testing.T) {
	t.Parallel()
	a, b := newAPI(t), newAPI(t)
	a.mustUser(map[string]any{"email_address": []string{"ada@example.com"}})
	if n := len(b.okList("GET", "/users", nil)); n != 0 {
		t.Errorf("second server sees %d users", n)
	}
	if a.srv.SecretKey == b.srv.SecretKey || a.srv.KeyID() == b.srv.KeyID() || a.srv.Issuer() == b.srv.Issuer() {
		t.Error("two servers share a key, kid or issuer")
	}
	r := b.doWith("GET", "/users", nil, "Bearer "+a.srv.SecretKey)
	if r.status != http.StatusUnauthorized {
		t.Errorf("other server's key: status %d", r.status)
	}
}

func TestClockDrivesTimestamps(t *testing.T) {
	t.Parallel()
	at := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	a := newAPI(t, clerktest.WithClock(func() time.Time { return at }))
	u := a.ok("POST", "/users", map[string]any{})
	if u["created_at"] != float64(at.UnixMilli()) || u["updated_at"] != float64(at.UnixMilli()) {
		t.Errorf("created_at %v updated_at %v, want %d", u["created_at"], u["updated_at"], at.UnixMilli())
	}
	back := a.ok("POST", "/users", map[string]any{"created_at": "2020-01-01T00:00:00Z"})
	if back["created_at"] != float64(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()) {
		t.Errorf("backdated created_at %v", back["created_at"])
	}
	if got := ids(a.okList("GET", "/users", nil)); got[0] != u["id"] {
		t.Errorf("newest first: %v", got)
	}
}
