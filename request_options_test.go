package clerk_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/users"
)

// listAPI serves GET /users/{id} and a GET /users of total users by offset
// or starting_after, each answer after delay (or when the request ends),
// and records the requests and the most it had in flight.
type listAPI struct {
	*httptest.Server
	total  int
	delay  time.Duration
	status int // answer every request with this status when non-zero

	mu       sync.Mutex
	reqs     []*http.Request
	inFlight atomic.Int32
	peak     atomic.Int32
}

func newListAPI(t *testing.T, total int, delay time.Duration) *listAPI {
	t.Helper()
	a := &listAPI{total: total, delay: delay}
	a.Server = httptest.NewServer(http.HandlerFunc(a.serve))
	t.Cleanup(a.Close)
	return a
}

func (a *listAPI) serve(w http.ResponseWriter, r *http.Request) {
	n := a.inFlight.Add(1)
	defer a.inFlight.Add(-1)
	for {
		p := a.peak.Load()
		if n <= p || a.peak.CompareAndSwap(p, n) {
			break
		}
	}
	a.mu.Lock()
	a.reqs = append(a.reqs, r.Clone(context.Background()))
	a.mu.Unlock()
	select {
	case <-time.After(a.delay):
	case <-r.Context().Done():
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if a.status != 0 {
		w.WriteHeader(a.status)
		fmt.Fprint(w, errBody("boom", "t"))
		return
	}
	if r.URL.Path != "/v1/users" {
		fmt.Fprint(w, userJSON)
		return
	}
	q := r.URL.Query()
	limit, _ := strconv.Atoi(q.Get("limit"))
	start, _ := strconv.Atoi(q.Get("offset"))
	if sa := q.Get("starting_after"); sa != "" {
		i, _ := strconv.Atoi(strings.TrimPrefix(sa, "user_"))
		start = i + 1
	}
	var items []string
	for i := start; i < min(start+limit, a.total); i++ {
		items = append(items, fmt.Sprintf(`{"id":"user_%03d","object":"user","created_at":1715000000000}`, i))
	}
	fmt.Fprint(w, "["+strings.Join(items, ",")+"]")
}

func (a *listAPI) requests() []*http.Request {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]*http.Request(nil), a.reqs...)
}

// TestRequestOptionsAtCallSite: each request option, given where the call
// is made, changes that call.
func TestRequestOptionsAtCallSite(t *testing.T) {
	t.Parallel()
	get := func(c *clerk.Client, opts ...clerk.RequestOption) error {
		_, err := c.Users.Get(context.Background(), "user_2abc", opts...)
		return err
	}
	walk := func(c *clerk.Client, opts ...clerk.RequestOption) error {
		n := 0
		for u, err := range c.Users.All(context.Background(), &users.ListParams{Limit: 10}, opts...) {
			if err != nil {
				return err
			}
			if want := fmt.Sprintf("user_%03d", n); u.ID != want {
				return fmt.Errorf("item %d is %s, want %s", n, u.ID, want)
			}
			n++
		}
		if n != 55 {
			return fmt.Errorf("walked %d users, want 55", n)
		}
		return nil
	}
	tests := []struct {
		name   string
		delay  time.Duration
		status int
		call   func(*clerk.Client, ...clerk.RequestOption) error
		opts   []clerk.RequestOption
		check  func(t *testing.T, a *listAPI, err error, took time.Duration)
	}{
		{
			name: "WithHeader is sent", call: get,
			opts: []clerk.RequestOption{clerk.WithHeader("X-Request-Id", "rid-7")},
			check: func(t *testing.T, a *listAPI, err error, _ time.Duration) {
				if err != nil {
					t.Fatal(err)
				}
				if got := a.requests()[0].Header.Get("X-Request-Id"); got != "rid-7" {
					t.Errorf("X-Request-Id = %q", got)
				}
			},
		},
		{
			name: "WithRetries overrides the client's retries", status: 503, call: get,
			opts: []clerk.RequestOption{clerk.WithRetries(0)},
			check: func(t *testing.T, a *listAPI, err error, _ time.Duration) {
				if !errors.Is(err, clerk.ErrServer) {
					t.Errorf("want ErrServer, got %v", err)
				}
				if n := len(a.requests()); n != 1 {
					t.Errorf("%d attempts, want 1 (the client allows 2 retries)", n)
				}
			},
		},
		{
			name: "WithTimeout bounds the call", delay: 10 * time.Second, call: get,
			opts: []clerk.RequestOption{clerk.WithTimeout(50 * time.Millisecond)},
			check: func(t *testing.T, a *listAPI, err error, took time.Duration) {
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("want context.DeadlineExceeded, got %v", err)
				}
				if took > 5*time.Second {
					t.Errorf("took %v", took)
				}
			},
		},
		{
			name: "WithQuery is added", call: get,
			opts: []clerk.RequestOption{clerk.WithQuery("flag", "yes")},
			check: func(t *testing.T, a *listAPI, err error, _ time.Duration) {
				if err != nil {
					t.Fatal(err)
				}
				if got := a.requests()[0].URL.RawQuery; got != "flag=yes" {
					t.Errorf("query %q", got)
				}
			},
		},
		{
			name: "WithQuery applies to every page of an All", call: walk,
			opts: []clerk.RequestOption{clerk.WithQuery("flag", "yes")},
			check: func(t *testing.T, a *listAPI, err error, _ time.Duration) {
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range a.requests() {
					if r.URL.Query().Get("flag") != "yes" {
						t.Errorf("page %q lacks the flag", r.URL.RawQuery)
					}
				}
			},
		},
		{
			name: "without WithPrefetch All pages by cursor, one at a time", delay: 5 * time.Millisecond, call: walk,
			check: func(t *testing.T, a *listAPI, err error, _ time.Duration) {
				if err != nil {
					t.Fatal(err)
				}
				reqs := a.requests()
				if len(reqs) != 6 || a.peak.Load() != 1 {
					t.Errorf("%d requests, %d in flight at most; want 6, 1", len(reqs), a.peak.Load())
				}
				if reqs[1].URL.Query().Get("starting_after") != "user_009" {
					t.Errorf("second page %q: want a cursor", reqs[1].URL.RawQuery)
				}
			},
		},
		{
			name: "WithPrefetch keeps pages in flight", delay: 20 * time.Millisecond, call: walk,
			opts: []clerk.RequestOption{clerk.WithPrefetch(4)},
			check: func(t *testing.T, a *listAPI, err error, _ time.Duration) {
				if err != nil {
					t.Fatal(err)
				}
				if a.peak.Load() < 2 {
					t.Errorf("at most %d page in flight, want several", a.peak.Load())
				}
				for _, r := range a.requests() {
					if r.URL.Query().Has("starting_after") {
						t.Errorf("prefetching page %q uses a cursor", r.URL.RawQuery)
					}
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := newListAPI(t, 55, tt.delay)
			a.status = tt.status
			c := newClient(t, a.URL)
			start := time.Now()
			err := tt.call(c, tt.opts...)
			tt.check(t, a, err, time.Since(start))
		})
	}
}

// TestRateLimitPauseVsDeadline: a 429 whose Retry-After would outlast the
// call's deadline ends the call at once with the 429, its RetryAfter, and
// the deadline as the cause.
func TestRateLimitPauseVsDeadline(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		opts []clerk.RequestOption
	}{
		{"context deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 300*time.Millisecond)
		}, nil},
		{"WithTimeout", func() (context.Context, context.CancelFunc) {
			return context.WithCancel(context.Background())
		}, []clerk.RequestOption{clerk.WithTimeout(300 * time.Millisecond)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, step{status: 429, header: map[string]string{"Retry-After": "10"}, body: errBody("too_many_requests", "t")})
			c := newClient(t, srv.URL)
			ctx, cancel := tt.ctx()
			defer cancel()
			start := time.Now()
			_, err := c.Users.Get(ctx, "user_2abc", tt.opts...)
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("took %v: the pause should not be waited out", took)
			}
			var apiErr *clerk.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("want an *APIError, got %T %v", err, err)
			}
			if apiErr.StatusCode != 429 || apiErr.RetryAfter <= 0 {
				t.Errorf("status %d, RetryAfter %v", apiErr.StatusCode, apiErr.RetryAfter)
			}
			if !errors.Is(err, clerk.ErrRateLimited) || !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("want ErrRateLimited and DeadlineExceeded, got %v", err)
			}
			if srv.count() != 1 {
				t.Errorf("%d attempts, want 1", srv.count())
			}
		})
	}
}

// recordingRT answers every request with a user and records its URL.
type recordingRT struct {
	mu   sync.Mutex
	urls []string
}

func (rt *recordingRT) RoundTrip(r *http.Request) (*http.Response, error) {
	rt.mu.Lock()
	rt.urls = append(rt.urls, r.URL.String())
	rt.mu.Unlock()
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(userJSON)), Request: r}, nil
}

// TestNewClientBaseURLVersion: a base URL without a path means the API's
// /v1; one with a path is used as given.
func TestNewClientBaseURLVersion(t *testing.T) {
	t.Parallel()
	tests := []struct{ base, want string }{
		{"https://x.test", "https://x.test/v1/users/user_2abc"},
		{"https://x.test/", "https://x.test/v1/users/user_2abc"},
		{"https://x.test/v1", "https://x.test/v1/users/user_2abc"},
		{"https://x.test/proxy/v1/", "https://x.test/proxy/v1/users/user_2abc"},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			t.Parallel()
			rt := &recordingRT{}
			c, err := clerk.NewClient(testKey, clerk.WithBaseURL(tt.base), clerk.WithHTTPClient(&http.Client{Transport: rt}))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Users.Get(context.Background(), "user_2abc"); err != nil {
				t.Fatal(err)
			}
			if len(rt.urls) != 1 || rt.urls[0] != tt.want {
				t.Errorf("requested %q, want %q", rt.urls, tt.want)
			}
		})
	}
}

// TestNewClientRefusesPublishableKey: a pk_ key is refused with a message
// that points at the sk_ keys and never repeats the key.
func TestNewClientRefusesPublishableKey(t *testing.T) {
	t.Parallel()
	for _, key := range []string{"pk_test_Y2xlcmsuZXhhbXBsZS5jb20k", "pk_live_Y2xlcmsuZXhhbXBsZS5jb20k"} {
		c, err := clerk.NewClient(key)
		if c != nil || !errors.Is(err, clerk.ErrInvalidInput) {
			t.Fatalf("NewClient(%.8s...) = %v, %v; want ErrInvalidInput", key, c, err)
		}
		msg := err.Error()
		if !strings.Contains(msg, "sk_") {
			t.Errorf("message %q does not name the sk_ keys", msg)
		}
		if strings.Contains(msg, key) || strings.Contains(msg, "Y2xlcmsuZXhhbXBsZS5jb20k") {
			t.Errorf("message %q echoes the key", msg)
		}
	}
}
