package transport_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
	"golang.org/x/time/rate"
)

// countingLimiter counts Waits and fails with err when set.
type countingLimiter struct {
	n   atomic.Int32
	err error
}

func (l *countingLimiter) Wait(ctx context.Context) error {
	l.n.Add(1)
	return l.err
}

func TestLimiterOneTokenPerAttempt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		steps []step
		want  int
	}{
		{"success", []step{{status: 200, body: `{}`}}, 1},
		{"503,503,200", []step{{status: 503}, {status: 503}, {status: 200, body: `{}`}}, 3},
		{"404 is one attempt", []step{{status: 404}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, tt.steps...)
			l := &countingLimiter{}
			b := newBackend(t, srv.URL, func(c *transport.Config) { c.Limiter = l })
			_ = b.Get(context.Background(), "/users", nil, nil)
			if int(l.n.Load()) != tt.want || srv.count() != tt.want {
				t.Errorf("limiter waits %d, attempts %d, want %d each", l.n.Load(), srv.count(), tt.want)
			}
		})
	}
}

func TestLimiterErrors(t *testing.T) {
	t.Parallel()
	boom := errors.New("shared limiter unreachable")
	tests := []struct {
		name         string
		limiter      func() transport.Limiter
		deadline     time.Duration
		wantDeadline bool
		wantIs       error
	}{
		{
			name: "x/time/rate refusing to wait past the deadline",
			limiter: func() transport.Limiter {
				l := rate.NewLimiter(rate.Every(time.Hour), 1)
				l.Allow() // spend the burst
				return l
			},
			deadline:     50 * time.Millisecond,
			wantDeadline: true,
		},
		{
			name:     "custom limiter error under a deadline",
			limiter:  func() transport.Limiter { return &countingLimiter{err: boom} },
			deadline: time.Minute, wantDeadline: true, wantIs: boom,
		},
		{
			name:    "custom limiter error without a deadline",
			limiter: func() transport.Limiter { return &countingLimiter{err: boom} },
			wantIs:  boom,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, step{status: 200, body: `{}`})
			b := newBackend(t, srv.URL, func(c *transport.Config) { c.Limiter = tt.limiter() })
			ctx := context.Background()
			if tt.deadline > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.deadline)
				defer cancel()
			}
			start := time.Now()
			err := b.Get(ctx, "/users", nil, nil)
			if el := time.Since(start); el > time.Second {
				t.Errorf("took %v", el)
			}
			if err == nil {
				t.Fatal("want an error")
			}
			if got := errors.Is(err, context.DeadlineExceeded); got != tt.wantDeadline {
				t.Errorf("errors.Is(err, context.DeadlineExceeded) = %v, want %v (%v)", got, tt.wantDeadline, err)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("error %v does not wrap %v", err, tt.wantIs)
			}
			if srv.count() != 0 {
				t.Errorf("%d requests sent without a token", srv.count())
			}
		})
	}
}

// TestLimiterDuringRetry: the retry's token is refused under the deadline.
func TestLimiterDuringRetry(t *testing.T) {
	t.Parallel()
	srv := newScript(t, step{status: 503}, step{status: 200, body: `{}`})
	b := newBackend(t, srv.URL, func(c *transport.Config) { c.Limiter = rate.NewLimiter(rate.Every(time.Hour), 1) })
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	err := b.Get(ctx, "/users", nil, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("want context.DeadlineExceeded, got %v", err)
	}
	if srv.count() != 1 {
		t.Errorf("attempts %d, want 1", srv.count())
	}
}

// TestRateLimitPauseRefusesDeadline: after a 429 paused the client, a call
// whose deadline ends before the pause fails at once, without a request.
func TestRateLimitPauseRefusesDeadline(t *testing.T) {
	t.Parallel()
	srv := newScript(t, step{status: 429, header: map[string]string{"Retry-After": "5"}, body: errBody("too_many_requests", "t")},
		step{status: 200, body: `{}`})
	b := newBackend(t, srv.URL, func(c *transport.Config) { c.MaxRetries = 0 })
	if err := b.Get(context.Background(), "/users", nil, nil); !errors.Is(err, transport.ErrRateLimited) {
		t.Fatalf("first call: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start := time.Now()
	err := b.Get(ctx, "/users", nil, nil)
	if el := time.Since(start); el > 200*time.Millisecond {
		t.Errorf("took %v: it slept into the deadline", el)
	}
	if !errors.Is(err, transport.ErrRateLimited) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("want ErrRateLimited and DeadlineExceeded, got %v", err)
	}
	if srv.count() != 1 {
		t.Errorf("server saw %d requests, want 1", srv.count())
	}
}
