package clerk

import (
	"log/slog"
	"net/http"

	"github.com/clerkgo/clerk/internal/transport"
	"golang.org/x/time/rate"
)

// Option configures a Client; pass them to NewClient.
type Option struct {
	apply func(*transport.Config) error
}

func option(f func(*transport.Config) error) Option { return Option{apply: f} }

// RetryPolicy bounds the waits between attempts: MinBackoff (first wait,
// doubled per retry, default 500ms), MaxBackoff (cap, default 8s) and
// MaxRetryAfter (cap on a server's Retry-After, default 30s). Zero fields
// keep their defaults.
type RetryPolicy = transport.RetryPolicy

// Limiter holds a request until it may go; *rate.Limiter is one, and so is
// any limiter shared between replicas.
type Limiter = transport.Limiter

// WithBaseURL sets the API base URL (default https://api.clerk.com/v1).
func WithBaseURL(u string) Option {
	return option(func(c *transport.Config) error { c.BaseURL = u; return nil })
}

// WithHTTPClient sets the *http.Client. It is used as given (its transport
// is read at request time), so httpmock.ActivateNonDefault(hc) works even
// when called after NewClient.
func WithHTTPClient(hc *http.Client) Option {
	return option(func(c *transport.Config) error {
		if hc == nil {
			return &InvalidInputError{Field: "WithHTTPClient", Reason: "client must not be nil"}
		}
		c.HTTPClient = hc
		return nil
	})
}

// WithMaxRetries sets how many times a failed attempt may be retried
// (default 2). 0 disables retries. Only outcomes the retry table allows are
// retried: creates are never replayed after they may have reached the API.
func WithMaxRetries(n int) Option {
	return option(func(c *transport.Config) error {
		if n < 0 {
			return &InvalidInputError{Field: "WithMaxRetries", Reason: "must be >= 0"}
		}
		c.MaxRetries = n
		return nil
	})
}

// WithRetryPolicy sets the backoff bounds and the Retry-After cap.
func WithRetryPolicy(p RetryPolicy) Option {
	return option(func(c *transport.Config) error { c.RetryPolicy = p; return nil })
}

// WithRateLimit limits the client to r requests per second with bursts of
// burst, one token per attempt (retries included). Clerk allows 100
// requests per 10 s on development instances and 1000 per 10 s in
// production: rate.Limit(10) and rate.Limit(100) respectively.
func WithRateLimit(r rate.Limit, burst int) Option {
	return option(func(c *transport.Config) error {
		if r <= 0 || burst <= 0 {
			return &InvalidInputError{Field: "WithRateLimit", Reason: "rate and burst must be positive"}
		}
		c.Limiter = rate.NewLimiter(r, burst)
		return nil
	})
}

// WithLimiter sets any limiter (for example one shared by several
// processes). Its Wait is called once per attempt.
func WithLimiter(l Limiter) Option {
	return option(func(c *transport.Config) error { c.Limiter = l; return nil })
}

// WithLogger logs each attempt at debug level (method, path, status,
// retry decision). The client is silent by default. Secret keys, headers,
// query strings and bodies are never logged.
func WithLogger(l *slog.Logger) Option {
	return option(func(c *transport.Config) error { c.Logger = l; return nil })
}

// WithUserAgent prefixes the User-Agent header with your application's name.
func WithUserAgent(ua string) Option {
	return option(func(c *transport.Config) error { c.UserAgent = ua; return nil })
}

// WithAPIVersion sets the Clerk-API-Version header (default 2026-05-12).
func WithAPIVersion(v string) Option {
	return option(func(c *transport.Config) error { c.APIVersion = v; return nil })
}

// WithMaxResponseSize caps the bytes read from one response (default
// 32 MiB); a larger body fails with an *APIError matching
// ErrResponseTooLarge instead of exhausting memory.
func WithMaxResponseSize(n int64) Option {
	return option(func(c *transport.Config) error { c.MaxResponseSize = n; return nil })
}
