package redislimit_test

import (
	"context"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/redislimit"
)

var (
	_ clerk.Limiter           = (*redislimit.Limiter)(nil)
	_ clerk.RateLimitObserver = (*redislimit.Limiter)(nil)
)

// A 429 seen by one replica's client pauses another replica, which has not
// seen it, until the Retry-After has passed.
func TestClient429PausesOtherReplicas(t *testing.T) {
	t.Parallel()
	rs := startRedis(t)
	srv := clerktest.NewServer(t)
	newReplica := func() (*clerk.Client, *redislimit.Limiter) {
		t.Helper()
		l, err := redislimit.New(rs.Client(), srv.SecretKey, redislimit.Production)
		if err != nil {
			t.Fatal(err)
		}
		c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL), clerk.WithLimiter(l), clerk.WithMaxRetries(0))
		if err != nil {
			t.Fatal(err)
		}
		return c, l
	}
	a, la := newReplica()
	b, _ := newReplica()
	ctx := context.Background()
	if _, err := b.Users.Count(ctx, nil); err != nil {
		t.Fatal(err)
	}
	srv.FailNext(1, 429) // with Retry-After: 1
	if _, err := a.Users.Count(ctx, nil); err == nil {
		t.Fatal("want the injected 429")
	}
	if st := la.Stats(); st.Pauses != 1 {
		t.Fatalf("stats %+v: the client did not tell its limiter about the 429", st)
	}
	start := time.Now()
	if _, err := b.Users.Count(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 900*time.Millisecond || d > 3*time.Second {
		t.Errorf("the other replica's next call took %v, want about the 1s Retry-After", d)
	}
}
