// Package clerktestclient gives a test a ready SDK client on a clerktest
// fake in one line:
//
//	srv := clerktest.NewServer(t)
//	c := clerktestclient.New(t, srv)
//
// It lives apart from clerktest because clerktest imports nothing of the
// SDK on purpose (its wire shapes are an independent check of the SDK's
// decoders).
package clerktestclient

import (
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
)

// FastRetryPolicy is the retry policy New sets: the SDK's retry table
// unchanged, with waits of milliseconds instead of seconds (backoff 1 ms
// to 5 ms; a Retry-After is honoured up to 10 ms), so a test of retries
// through injected faults stays fast.
func FastRetryPolicy() clerk.RetryPolicy {
	return clerk.RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, MaxRetryAfter: 10 * time.Millisecond}
}

// New returns a client of srv: its base URL and secret key, and
// FastRetryPolicy. opts are applied after those, so they can override
// them. A client that cannot be built fails the test.
func New(t testing.TB, srv *clerktest.Server, opts ...clerk.Option) *clerk.Client {
	t.Helper()
	all := append([]clerk.Option{
		clerk.WithBaseURL(srv.URL),
		clerk.WithRetryPolicy(FastRetryPolicy()),
	}, opts...)
	c, err := clerk.NewClient(srv.SecretKey, all...)
	if err != nil {
		t.Fatalf("clerktestclient: %v", err)
		return nil
	}
	return c
}

// Start runs a fake outside a test (an Example, a demo, a local dev loop)
// and returns it with a ready client (FastRetryPolicy, then opts). The
// caller closes the server.
//
//	srv, c, err := clerktestclient.Start()
//	if err != nil { ... }
//	defer srv.Close()
func Start(opts ...clerk.Option) (*clerktest.Server, *clerk.Client, error) {
	srv, err := clerktest.Start()
	if err != nil {
		return nil, nil, err
	}
	all := append([]clerk.Option{
		clerk.WithBaseURL(srv.URL),
		clerk.WithRetryPolicy(FastRetryPolicy()),
	}, opts...)
	c, err := clerk.NewClient(srv.SecretKey, all...)
	if err != nil {
		srv.Close()
		return nil, nil, err
	}
	return srv, c, nil
}
