package webhooks_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/webhooks"
)

func TestServiceRequests(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		call    func(context.Context, *webhooks.Service) (string, error)
		method  string
		path    string
		status  int
		body    string
		want    string
		attempt int32 // attempts when every answer is a 500
	}{
		{"create", func(ctx context.Context, s *webhooks.Service) (string, error) {
			u, err := s.CreateSvixApp(ctx)
			if err != nil {
				return "", err
			}
			return u.URL, nil
		}, http.MethodPost, "/v1/webhooks/svix", 200, `{"svix_url":"https://app.svix.com/a"}`, "https://app.svix.com/a", 1},
		{"delete", func(ctx context.Context, s *webhooks.Service) (string, error) {
			return "", s.DeleteSvixApp(ctx)
		}, http.MethodDelete, "/v1/webhooks/svix", 204, ``, "", 3},
		{"url", func(ctx context.Context, s *webhooks.Service) (string, error) {
			u, err := s.GenerateSvixAuthURL(ctx)
			if err != nil {
				return "", err
			}
			return u.URL, nil
		}, http.MethodPost, "/v1/webhooks/svix_url", 200, `{"svix_url":"https://app.svix.com/b"}`, "https://app.svix.com/b", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var fail atomic.Bool
			var attempts atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				attempts.Add(1)
				if r.Method != tt.method || r.URL.Path != tt.path {
					t.Errorf("request %s %s, want %s %s", r.Method, r.URL.Path, tt.method, tt.path)
				}
				if fail.Load() {
					w.WriteHeader(http.StatusInternalServerError)
					return
				}
				if tt.body != "" {
					w.Header().Set("Content-Type", "application/json")
				}
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			}))
			defer srv.Close()
			c, err := clerk.NewClient("sk_test_x", clerk.WithBaseURL(srv.URL+"/v1"), clerk.WithMaxRetries(2),
				clerk.WithRetryPolicy(clerk.RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond}))
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			got, err := tt.call(ctx, c.Webhooks)
			if err != nil || got != tt.want {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
			// A 500 is retried only where the operation is replay-safe.
			fail.Store(true)
			attempts.Store(0)
			if _, err := tt.call(ctx, c.Webhooks); !errors.Is(err, clerk.ErrServer) {
				t.Fatalf("on 500: %v", err)
			}
			if n := attempts.Load(); n != tt.attempt {
				t.Fatalf("%d attempts on 500, want %d", n, tt.attempt)
			}
		})
	}
}

func TestUnimplemented(t *testing.T) {
	t.Parallel()
	var u webhooks.Unimplemented
	ctx := context.Background()
	_, e1 := u.CreateSvixApp(ctx)
	e2 := u.DeleteSvixApp(ctx)
	_, e3 := u.GenerateSvixAuthURL(ctx)
	for _, err := range []error{e1, e2, e3} {
		var ni *core.NotImplementedError
		if !errors.Is(err, core.ErrNotImplemented) || !errors.As(err, &ni) || ni.Method == "" {
			t.Errorf("%v", err)
		}
	}
}
