package transport_test

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"strings"
	"testing"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
)

func TestNewValidatesConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  transport.Config
	}{
		{"empty key", transport.Config{}},
		{"blank key", transport.Config{SecretKey: " \t\n"}},
		{"key with a trailing newline", transport.Config{SecretKey: testKey + "\n"}},
		{"key with a space", transport.Config{SecretKey: "sk_test_ab cd"}},
		{"key with a control character", transport.Config{SecretKey: "sk_test_ab\x00cd"}},
		{"relative base URL", transport.Config{SecretKey: testKey, BaseURL: "/v1"}},
		{"base URL without host", transport.Config{SecretKey: testKey, BaseURL: "https:///v1"}},
		{"other scheme", transport.Config{SecretKey: testKey, BaseURL: "ftp://api.clerk.com/v1"}},
		{"unparsable base URL", transport.Config{SecretKey: testKey, BaseURL: "http://[::1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := transport.New(tt.cfg)
			if b != nil || !errors.Is(err, transport.ErrInvalidInput) {
				t.Fatalf("New = %v, %v; want an ErrInvalidInput error", b, err)
			}
			if strings.Contains(err.Error(), testKey) {
				t.Errorf("error leaks the key: %q", err)
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	t.Parallel()
	b, err := transport.New(transport.Config{SecretKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	if b.BaseURL() != transport.DefaultBaseURL {
		t.Errorf("BaseURL = %q", b.BaseURL())
	}
	b, err = transport.New(transport.Config{SecretKey: testKey, BaseURL: "http://localhost:1/v1///"})
	if err != nil {
		t.Fatal(err)
	}
	if b.BaseURL() != "http://localhost:1/v1" {
		t.Errorf("trailing slashes kept: %q", b.BaseURL())
	}
}

func TestRequestShape(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		cfg      func(*transport.Config)
		ctx      func(context.Context) context.Context
		req      transport.Request
		wantPath string
		wantQ    string
		wantBody string
		wantHdr  map[string]string
	}{
		{
			name:     "GET with repeated query keys",
			req:      transport.Request{Method: "GET", Path: "/users", Query: url.Values{"user_id": {"a", "b"}, "limit": {"10"}}},
			wantPath: "/v1/users",
			wantQ:    "limit=10&user_id=a&user_id=b",
			wantHdr: map[string]string{
				"Authorization":     "Bearer " + testKey,
				"Clerk-Api-Version": "2026-05-12",
				"User-Agent":        "clerkgo/0.1",
				"Content-Type":      "application/json",
				"Accept":            "application/json",
			},
		},
		{
			name: "configured version and user agent",
			cfg: func(c *transport.Config) {
				c.APIVersion = "2025-11-10"
				c.UserAgent = "myapp/2.0"
			},
			req:      transport.Request{Method: "GET", Path: "/users/u"},
			wantPath: "/v1/users/u",
			wantHdr:  map[string]string{"Clerk-Api-Version": "2025-11-10", "User-Agent": "myapp/2.0 clerkgo/0.1"},
		},
		{
			name:     "JSON body",
			req:      transport.Request{Method: "POST", Path: "/users", Body: map[string]any{"first_name": "Ada"}, Replay: transport.NotReplaySafe},
			wantPath: "/v1/users",
			wantBody: `{"first_name":"Ada"}`,
			wantHdr:  map[string]string{"Content-Type": "application/json"},
		},
		{
			name: "raw body keeps its content type",
			req: transport.Request{Method: "POST", Path: "/users/u/profile_image", RawBody: []byte("--b\r\n"),
				ContentType: "multipart/form-data; boundary=b", Replay: transport.NotReplaySafe},
			wantPath: "/v1/users/u/profile_image",
			wantBody: "--b\r\n",
			wantHdr:  map[string]string{"Content-Type": "multipart/form-data; boundary=b"},
		},
		{
			name: "per-call headers, but never over the SDK's own",
			req: transport.Request{Method: "DELETE", Path: "/users/u", Options: []core.RequestOption{
				core.WithHeader("X-Correlation-Id", "corr-1"),
				core.WithHeader("Authorization", "Bearer other"),
				core.WithHeader("Clerk-Api-Version", "2021-02-05"),
			}},
			wantPath: "/v1/users/u",
			wantHdr: map[string]string{
				"X-Correlation-Id":  "corr-1",
				"Authorization":     "Bearer " + testKey,
				"Clerk-Api-Version": "2026-05-12",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, step{status: 200, body: `{}`})
			var mods []func(*transport.Config)
			if tt.cfg != nil {
				mods = append(mods, tt.cfg)
			}
			b := newBackend(t, srv.URL, mods...)
			ctx := context.Background()
			if tt.ctx != nil {
				ctx = tt.ctx(ctx)
			}
			req := tt.req
			if err := b.Do(ctx, &req, nil); err != nil {
				t.Fatal(err)
			}
			reqs := srv.requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests", len(reqs))
			}
			r := reqs[0]
			if r.method != tt.req.Method || r.escapedPath != tt.wantPath || r.rawQuery != tt.wantQ || r.body != tt.wantBody {
				t.Errorf("got %s %s ?%s body %q; want %s %s ?%s body %q",
					r.method, r.escapedPath, r.rawQuery, r.body, tt.req.Method, tt.wantPath, tt.wantQ, tt.wantBody)
			}
			for k, v := range tt.wantHdr {
				if got := r.header.Values(k); len(got) != 1 || got[0] != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
			if r.header.Get("__clerk_api_version") != "" || strings.Contains(r.rawQuery, "__clerk_api_version") {
				t.Error("the API version must only travel in the header")
			}
		})
	}
}

func TestDoRefusesBadInput(t *testing.T) {
	t.Parallel()
	srv := newScript(t, step{status: 200, body: `{}`})
	b := newBackend(t, srv.URL)
	tests := []struct {
		name string
		ctx  context.Context
		req  transport.Request
	}{
		{"nil context", nil, transport.Request{Method: "GET", Path: "/users"}},
		{"unmarshalable body", context.Background(), transport.Request{Method: "POST", Path: "/users", Body: map[string]any{"c": make(chan int)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := b.Do(tt.ctx, &tt.req, nil)
			if !errors.Is(err, transport.ErrInvalidInput) {
				t.Errorf("want ErrInvalidInput, got %v", err)
			}
		})
	}
	if srv.count() != 0 {
		t.Errorf("%d requests sent for refused input", srv.count())
	}
}

// TestRequestOptions: per-call options reach the wire (query merged with
// the request's own, later options win) and never alter the Request.
func TestRequestOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		query   url.Values
		opts    []core.RequestOption
		wantQ   string
		wantHdr map[string]string
	}{
		{"nil option is skipped", nil, []core.RequestOption{nil}, "", nil},
		{"query added", url.Values{"limit": {"5"}}, []core.RequestOption{core.WithQuery("flag", "true")}, "flag=true&limit=5", nil},
		{"query repeated", nil, []core.RequestOption{core.WithQuery("k", "a"), core.WithQuery("k", "b")}, "k=a&k=b", nil},
		{"later header wins", nil, []core.RequestOption{core.WithHeader("X-A", "1"), core.WithHeader("x-a", "2")}, "", map[string]string{"X-A": "2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, step{status: 200, body: `{}`})
			b := newBackend(t, srv.URL)
			req := transport.Request{Method: "GET", Path: "/users", Query: tt.query, Options: tt.opts}
			if err := b.Do(context.Background(), &req, nil); err != nil {
				t.Fatal(err)
			}
			r := srv.requests()[0]
			if r.rawQuery != tt.wantQ {
				t.Errorf("query %q, want %q", r.rawQuery, tt.wantQ)
			}
			for k, v := range tt.wantHdr {
				if got := r.header.Values(k); len(got) != 1 || got[0] != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
			if len(tt.query) > 0 && len(req.Query) != len(tt.query) {
				t.Errorf("the request's own query was modified: %v", req.Query)
			}
		})
	}
}

// TestLogging: one debug line per attempt with the decision; never the key,
// headers, query strings or bodies.
func TestLogging(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		base      func(t *testing.T) string
		wantLines int
		wantIn    []string
	}{
		{"503 then 200", func(t *testing.T) string {
			return newScript(t, step{status: 503, body: errBody("down", "t")}, step{status: 200, body: `{"secret_body":1}`}).URL
		}, 2, []string{`"status":503`, `"retry":true`, `"status":200`, `"retry":false`, `"path":"/users"`, `"method":"GET"`}},
		{"connection refused", closedURL, 3, []string{"connection refused", `"attempt":3`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf lockedBuffer
			logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
			b := newBackend(t, tt.base(t), func(c *transport.Config) { c.Logger = logger })
			_ = b.Do(context.Background(), &transport.Request{Method: "GET", Path: "/users",
				Query:   url.Values{"email_address": {"ada@example.com"}},
				Options: []core.RequestOption{core.WithHeader("X-Private", "hdr-value")}}, nil)
			out := buf.String()
			if n := strings.Count(out, "\n"); n != tt.wantLines {
				t.Errorf("%d log lines, want %d:\n%s", n, tt.wantLines, out)
			}
			for _, s := range tt.wantIn {
				if !strings.Contains(out, s) {
					t.Errorf("log lacks %s:\n%s", s, out)
				}
			}
			for _, s := range []string{testKey, "Bearer", "ada@example.com", "email_address", "hdr-value", "secret_body"} {
				if strings.Contains(out, s) {
					t.Errorf("log contains %q:\n%s", s, out)
				}
			}
		})
	}
}
