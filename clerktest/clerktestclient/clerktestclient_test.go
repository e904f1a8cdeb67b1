package clerktestclient_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/clerktest/clerktestclient"
)

func TestInjectedFaultsAreRetriedFast(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fault clerktest.Fault
	}{
		{"503", clerktest.Fault{Status: http.StatusServiceUnavailable}},
		{"503 with Retry-After", clerktest.Fault{Status: http.StatusServiceUnavailable, RetryAfter: time.Second}},
		{"429", clerktest.Fault{Status: http.StatusTooManyRequests, RetryAfter: time.Second}},
		{"two 502s", clerktest.Fault{Status: http.StatusBadGateway, Count: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := clerktest.NewServer(t)
			c := clerktestclient.New(t, srv)
			uid := srv.AddUser(clerktest.User{Email: "ada@example.com"})
			srv.InjectFault(tt.fault)
			start := time.Now()
			u, err := c.Users.Get(context.Background(), uid)
			elapsed := time.Since(start)
			if err != nil {
				t.Fatal(err)
			}
			if u.ID != uid {
				t.Errorf("got user %q", u.ID)
			}
			if n := len(srv.Requests()); n != 1+max(tt.fault.Count, 1) {
				t.Errorf("%d requests, want %d", n, 1+max(tt.fault.Count, 1))
			}
			t.Logf("%s: retried call took %v", tt.name, elapsed)
			if elapsed >= 350*time.Millisecond {
				t.Errorf("the retried call took %v, want well under 0.35s", elapsed)
			}
		})
	}
}

func TestOptionsOverrideTheDefaults(t *testing.T) {
	t.Parallel()
	srv := clerktest.NewServer(t)
	c := clerktestclient.New(t, srv, clerk.WithMaxRetries(0))
	srv.FailNext(1, http.StatusServiceUnavailable)
	_, err := c.Users.Get(context.Background(), "user_1")
	if !errors.Is(err, clerk.ErrServer) {
		t.Errorf("err = %v, want the 503 unretried", err)
	}
}

// An operation the fake does not model answers 501
// clerktest_not_implemented, never 404: a test expecting ErrNotFound
// cannot pass because the fake lacks a route.
func TestOperationTheFakeLacksIsNotImplemented(t *testing.T) {
	t.Parallel()
	srv := clerktest.NewServer(t)
	// Every path below this base URL is unknown to the fake.
	c := clerktestclient.New(t, srv, clerk.WithBaseURL(srv.URL+"/not_modelled"))
	_, err := c.Users.Get(context.Background(), "user_1")
	if errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("err = %v matches ErrNotFound", err)
	}
	if !errors.Is(err, clerk.ErrNotImplemented) {
		t.Errorf("err = %v, want ErrNotImplemented", err)
	}
	var apiErr *clerk.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotImplemented || !apiErr.HasCode("clerktest_not_implemented") {
		t.Errorf("err = %#v", err)
	}
}
