package clerk_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/users"
	"golang.org/x/time/rate"
)

// TestSecretNeverShown provokes every kind of error the client returns and
// scans each error's text, and every debug log line, for the secret key.
func TestSecretNeverShown(t *testing.T) {
	t.Parallel()
	var logs lockedBuffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	html := step{status: 502, header: map[string]string{"Content-Type": "text/html"}, body: "<html>bad gateway</html>"}

	type scenario struct {
		name string
		run  func(t *testing.T) error
	}
	get := func(base string, opts ...clerk.Option) func(t *testing.T) error {
		return func(t *testing.T) error {
			c := newClient(t, base, append([]clerk.Option{clerk.WithLogger(logger)}, opts...)...)
			_, err := c.Users.Get(context.Background(), "user_2abc")
			return err
		}
	}
	server := func(steps ...step) string { return newScript(t, steps...).URL }
	scenarios := []scenario{
		{"bad base URL", func(*testing.T) error {
			_, err := clerk.NewClient(testKey, clerk.WithBaseURL("::not a url"))
			return err
		}},
		{"key with a newline", func(*testing.T) error {
			_, err := clerk.NewClient(testKey + "\n")
			return err
		}},
		{"negative retries", func(*testing.T) error {
			_, err := clerk.NewClient(testKey, clerk.WithMaxRetries(-1))
			return err
		}},
		{"empty id", func(t *testing.T) error {
			_, err := newClient(t, server(step{status: 200})).Users.Get(context.Background(), "")
			return err
		}},
		{"bad metadata", func(t *testing.T) error {
			_, err := newClient(t, server(step{status: 200})).Users.UpdateMetadata(context.Background(), "u",
				&users.MetadataParams{PublicMetadata: []int{1}})
			return err
		}},
		{"401", get(server(step{status: 401, body: errBody("authentication_invalid", "t")}))},
		{"404", get(server(step{status: 404, body: errBody("resource_not_found", "t")}))},
		{"429 retried out", get(server(step{status: 429, body: errBody("too_many_requests", "t")}))},
		{"500 retried out", get(server(step{status: 500, body: errBody("internal", "t")}))},
		{"HTML 502", get(server(html))},
		{"HTML 200", get(server(step{status: 200, body: "<html>ok</html>"}))},
		{"too large", get(server(step{status: 200, body: userJSON}), clerk.WithMaxResponseSize(10))},
		{"connection refused", get(closedURL(t))},
		{"connection reset", get(server(step{hijack: true}))},
		{"attempt timeout", func(t *testing.T) error {
			srv := newScript(t)
			srv.handler = func(int, seen) step { time.Sleep(300 * time.Millisecond); return step{status: 200, body: userJSON} }
			return get(srv.URL, clerk.WithHTTPClient(&http.Client{Timeout: 50 * time.Millisecond}), clerk.WithMaxRetries(0))(t)
		}},
		{"deadline before Retry-After", func(t *testing.T) error {
			c := newClient(t, server(step{status: 429, header: map[string]string{"Retry-After": "30"}}), clerk.WithLogger(logger))
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			_, err := c.Users.Get(ctx, "user_2abc")
			return err
		}},
		{"limiter deadline", func(t *testing.T) error {
			l := rate.NewLimiter(rate.Every(time.Hour), 1)
			l.Allow()
			c := newClient(t, server(step{status: 200}), clerk.WithLimiter(l), clerk.WithLogger(logger))
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
			defer cancel()
			_, err := c.Users.Get(ctx, "user_2abc")
			return err
		}},
		{"canceled", func(t *testing.T) error {
			c := newClient(t, server(step{status: 200}), clerk.WithLogger(logger))
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			_, err := c.Users.Get(ctx, "user_2abc")
			return err
		}},
	}
	for _, sc := range scenarios {
		err := sc.run(t)
		if err == nil {
			t.Errorf("%s: no error", sc.name)
			continue
		}
		for _, verb := range []string{"%v", "%+v", "%q"} {
			if s := fmt.Sprintf(verb, err); strings.Contains(s, testKey) || strings.Contains(s, "SECRET") {
				t.Errorf("%s: error (%s) shows the key: %s", sc.name, verb, s)
			}
		}
	}
	out := logs.String()
	if !strings.Contains(out, `"status":401`) || !strings.Contains(out, "connection refused") {
		t.Errorf("the log misses attempts:\n%s", out)
	}
	if strings.Contains(out, "SECRET") || strings.Contains(out, "Bearer") || strings.Contains(out, "Authorization") {
		t.Errorf("the log shows the key or auth header:\n%s", out)
	}
}
