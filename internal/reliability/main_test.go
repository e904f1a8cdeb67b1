package reliability_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"go.uber.org/goleak"
)

// TestMain fails the package when any test leaves a goroutine behind.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// fastRetries keeps retry waits in milliseconds: the fake API's
// Retry-After is whole seconds, and MaxRetryAfter clamps it.
var fastRetries = clerk.RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, MaxRetryAfter: 5 * time.Millisecond}

// newClient builds a client on its own transport, which the caller closes
// (closeIdle) before checking for goroutine leaks.
func newClient(t testing.TB, baseURL string, opts ...clerk.Option) (*clerk.Client, *http.Transport) {
	t.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 128, IdleConnTimeout: 30 * time.Second}
	hc := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	all := append([]clerk.Option{clerk.WithHTTPClient(hc), clerk.WithBaseURL(baseURL + "/v1"), clerk.WithRetryPolicy(fastRetries)}, opts...)
	c, err := clerk.NewClient(testKey, all...)
	if err != nil {
		t.Fatal(err)
	}
	return c, tr
}
