package clerk_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/jarcoal/httpmock"
	"golang.org/x/time/rate"
)

func TestNewClientRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		key  string
		opts []clerk.Option
	}{
		{"empty key", "", nil},
		{"blank key", "  \n", nil},
		{"key with a trailing newline", testKey + "\n", nil},
		{"nil http client", testKey, []clerk.Option{clerk.WithHTTPClient(nil)}},
		{"negative retries", testKey, []clerk.Option{clerk.WithMaxRetries(-1)}},
		{"zero rate", testKey, []clerk.Option{clerk.WithRateLimit(0, 1)}},
		{"zero burst", testKey, []clerk.Option{clerk.WithRateLimit(rate.Limit(10), 0)}},
		{"relative base URL", testKey, []clerk.Option{clerk.WithBaseURL("api.clerk.com/v1")}},
		{"non-http base URL", testKey, []clerk.Option{clerk.WithBaseURL("ftp://api.clerk.com/v1")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := clerk.NewClient(tt.key, tt.opts...)
			if c != nil || !errors.Is(err, clerk.ErrInvalidInput) {
				t.Fatalf("NewClient = %v, %v; want an ErrInvalidInput error", c, err)
			}
			var inv *clerk.InvalidInputError
			if !errors.As(err, &inv) || inv.Field == "" {
				t.Errorf("error %v names no field", err)
			}
			if strings.Contains(err.Error(), testKey) {
				t.Errorf("error leaks the key: %q", err)
			}
		})
	}
}

func TestNewClientServices(t *testing.T) {
	t.Parallel()
	c, err := clerk.NewClient(testKey, clerk.Option{}) // a zero Option is skipped
	if err != nil {
		t.Fatal(err)
	}
	if c.Users == nil || c.Organizations == nil || c.Invitations == nil || c.Sessions == nil || c.Bans == nil {
		t.Errorf("missing services: %+v", c)
	}
}

// The NewClientFromEnv tests use t.Setenv, so they cannot run in parallel.

func TestNewClientFromEnv(t *testing.T) {
	srv := newScript(t, step{status: 200, body: userJSON})
	t.Setenv(clerk.EnvSecretKey, testKey)
	t.Setenv(clerk.EnvAPIURL, srv.URL+"/v1")
	c, err := clerk.NewClientFromEnv(fastRetries)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Users.Get(context.Background(), "user_2abc"); err != nil {
		t.Fatal(err)
	}
	r := srv.requests()[0]
	if got := r.header.Get("Authorization"); got != "Bearer "+testKey {
		t.Errorf("Authorization = %q", got)
	}
	if r.escapedPath != "/v1/users/user_2abc" {
		t.Errorf("path %s", r.escapedPath)
	}
}

func TestNewClientFromEnvOptionsWin(t *testing.T) {
	srv := newScript(t, step{status: 200, body: userJSON})
	t.Setenv(clerk.EnvSecretKey, testKey)
	t.Setenv(clerk.EnvAPIURL, "http://127.0.0.1:1/v1")
	c, err := clerk.NewClientFromEnv(clerk.WithBaseURL(srv.URL + "/v1"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Users.Get(context.Background(), "user_2abc"); err != nil {
		t.Fatal(err)
	}
	if srv.count() != 1 {
		t.Errorf("option did not override %s", clerk.EnvAPIURL)
	}
}

func TestNewClientFromEnvMissingKey(t *testing.T) {
	t.Setenv(clerk.EnvSecretKey, "")
	t.Setenv(clerk.EnvAPIURL, "")
	c, err := clerk.NewClientFromEnv()
	var inv *clerk.InvalidInputError
	if c != nil || !errors.As(err, &inv) || inv.Field != clerk.EnvSecretKey {
		t.Fatalf("NewClientFromEnv = %v, %v; want an InvalidInputError on %s", c, err, clerk.EnvSecretKey)
	}
}

func TestNewClientFromEnvBadURL(t *testing.T) {
	t.Setenv(clerk.EnvSecretKey, testKey)
	t.Setenv(clerk.EnvAPIURL, "not a url")
	if _, err := clerk.NewClientFromEnv(); !errors.Is(err, clerk.ErrInvalidInput) {
		t.Fatalf("want ErrInvalidInput, got %v", err)
	}
}

func TestHeaders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		opts    []clerk.Option
		call    []clerk.RequestOption
		want    map[string]string
		wantNot []string
	}{
		{
			name: "defaults",
			want: map[string]string{
				"Authorization":     "Bearer " + testKey,
				"Clerk-Api-Version": "2026-05-12",
				"Content-Type":      "application/json",
				"Accept":            "application/json",
				"User-Agent":        "clerkgo/0.1",
			},
		},
		{
			name: "WithAPIVersion and WithUserAgent",
			opts: []clerk.Option{clerk.WithAPIVersion("2025-11-10"), clerk.WithUserAgent("acme-billing/3.1")},
			want: map[string]string{"Clerk-Api-Version": "2025-11-10", "User-Agent": "acme-billing/3.1 clerkgo/0.1"},
		},
		{
			name: "WithHeader adds headers, and layers",
			call: []clerk.RequestOption{clerk.WithHeader("X-Correlation-Id", "corr-1"), clerk.WithHeader("x-tenant", "t-9")},
			want: map[string]string{"X-Correlation-Id": "corr-1", "X-Tenant": "t-9", "Authorization": "Bearer " + testKey},
		},
		{
			name: "WithHeader cannot replace credentials or version",
			call: []clerk.RequestOption{clerk.WithHeader("Authorization", "Bearer sk_test_other"), clerk.WithHeader("clerk-api-version", "2021-02-05")},
			want: map[string]string{"Authorization": "Bearer " + testKey, "Clerk-Api-Version": "2026-05-12"},
		},
		{
			name: "request options compose with retries",
			call: []clerk.RequestOption{clerk.WithRetries(1), clerk.WithHeader("X-Correlation-Id", "corr-2")},
			want: map[string]string{"X-Correlation-Id": "corr-2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, step{status: 200, body: userJSON})
			c := newClient(t, srv.URL, tt.opts...)
			if _, err := c.Users.Get(context.Background(), "user_2abc", tt.call...); err != nil {
				t.Fatal(err)
			}
			r := srv.requests()[0]
			for k, v := range tt.want {
				if got := r.header.Values(k); len(got) != 1 || got[0] != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if strings.Contains(r.rawQuery, "__clerk_api_version") {
				t.Errorf("query %q carries the API version", r.rawQuery)
			}
			if r.rawQuery != "" {
				t.Errorf("GET /users/{id} sent a query %q", r.rawQuery)
			}
		})
	}
}

// TestRequestOptionsDoNotLeak: request options apply to the call they are
// given to only; a later call on the same client sends none of them.
func TestRequestOptionsDoNotLeak(t *testing.T) {
	t.Parallel()
	srv := newScript(t, step{status: 200, body: userJSON})
	c := newClient(t, srv.URL)
	opts := []clerk.RequestOption{clerk.WithHeader("X-A", "1"), clerk.WithQuery("q", "v")}
	if _, err := c.Users.Get(context.Background(), "user_2abc", opts...); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Users.Get(context.Background(), "user_2abc"); err != nil {
		t.Fatal(err)
	}
	reqs := srv.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	if reqs[0].header.Get("X-A") != "1" || reqs[0].rawQuery != "q=v" {
		t.Errorf("first call: X-A %q, query %q", reqs[0].header.Get("X-A"), reqs[0].rawQuery)
	}
	if reqs[1].header.Get("X-A") != "" || reqs[1].rawQuery != "" {
		t.Errorf("second call: X-A %q, query %q", reqs[1].header.Get("X-A"), reqs[1].rawQuery)
	}
}

// TestHTTPMockActivateNonDefault: the SDK uses the *http.Client as given,
// so httpmock can take it over even after NewClient. This uses httpmock's
// global state on hc only.
func TestHTTPMockActivateNonDefault(t *testing.T) {
	hc := &http.Client{}
	c, err := clerk.NewClient(testKey, clerk.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	httpmock.ActivateNonDefault(hc)
	defer httpmock.DeactivateAndReset()
	httpmock.RegisterResponder(http.MethodGet, "https://api.clerk.com/v1/users/user_2abc",
		httpmock.NewStringResponder(200, userJSON))
	u, err := c.Users.Get(context.Background(), "user_2abc")
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != "user_2abc" || httpmock.GetTotalCallCount() != 1 {
		t.Errorf("user %q, %d calls", u.ID, httpmock.GetTotalCallCount())
	}
}

// TestHTTPMockTransport is the parallel-safe recipe: a MockTransport per
// test, no global state.
func TestHTTPMockTransport(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
		wantIs error
	}{
		{"found", 200, userJSON, nil},
		{"not found", 404, errBody("resource_not_found", "trace_nf"), clerk.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			mt := httpmock.NewMockTransport()
			mt.RegisterResponder(http.MethodGet, "https://api.test/v1/users/user_2abc",
				func(r *http.Request) (*http.Response, error) {
					if r.Header.Get("Authorization") != "Bearer "+testKey {
						return httpmock.NewStringResponse(401, errBody("unauthorized", "")), nil
					}
					return httpmock.NewStringResponse(tt.status, tt.body), nil
				})
			c, err := clerk.NewClient(testKey, clerk.WithHTTPClient(&http.Client{Transport: mt}),
				clerk.WithBaseURL("https://api.test/v1"))
			if err != nil {
				t.Fatal(err)
			}
			u, err := c.Users.Get(context.Background(), "user_2abc")
			if tt.wantIs == nil {
				if err != nil || u.ID != "user_2abc" {
					t.Fatalf("Get = %v, %v", u, err)
				}
			} else if !errors.Is(err, tt.wantIs) {
				t.Fatalf("want %v, got %v", tt.wantIs, err)
			}
			if mt.GetTotalCallCount() != 1 {
				t.Errorf("%d calls", mt.GetTotalCallCount())
			}
		})
	}
}
