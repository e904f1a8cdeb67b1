package transport_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
)

// observingLimiter records what the client tells it about 429s.
type observingLimiter struct {
	mu   sync.Mutex
	seen []time.Duration
}

func (l *observingLimiter) Wait(context.Context) error { return nil }

func (l *observingLimiter) ObserveRateLimit(_ context.Context, retryAfter time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seen = append(l.seen, retryAfter)
}

var _ core.RateLimitObserver = (*observingLimiter)(nil)

func TestLimiterObservesRateLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		step step
		want []time.Duration
	}{
		{"429 with Retry-After", step{status: 429, header: map[string]string{"Retry-After": "2"}}, []time.Duration{2 * time.Second}},
		{"429 with Retry-After over the policy's cap", step{status: 429, header: map[string]string{"Retry-After": "120"}}, []time.Duration{transport.DefaultRetryPolicy().MaxRetryAfter}},
		{"429 without Retry-After", step{status: 429}, nil},
		{"503 with Retry-After", step{status: 503, header: map[string]string{"Retry-After": "2"}}, nil},
		{"200", step{status: 200, body: `{}`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, tt.step)
			l := &observingLimiter{}
			// No retries: the observation happens on the first answer and
			// the test does not sleep out the Retry-After.
			b := newBackend(t, srv.URL, func(c *transport.Config) { c.Limiter = l; c.MaxRetries = 0 })
			_ = b.Get(context.Background(), "/users", nil, nil)
			l.mu.Lock()
			defer l.mu.Unlock()
			if len(l.seen) != len(tt.want) {
				t.Fatalf("observed %v, want %v", l.seen, tt.want)
			}
			for i := range tt.want {
				if l.seen[i] != tt.want[i] {
					t.Errorf("observed %v, want %v", l.seen, tt.want)
				}
			}
		})
	}
}
