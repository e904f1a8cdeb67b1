package clerktest_test

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/clerkgo/clerk/clerktest"
)

func TestFailNext(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status     int
		retryAfter string
		code       string
	}{
		{http.StatusInternalServerError, "", "internal_clerk_error"},
		{http.StatusServiceUnavailable, "", "internal_clerk_error"},
		{http.StatusTooManyRequests, "1", "too_many_requests"},
		{http.StatusConflict, "", "conflict"},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.status), func(t *testing.T) {
			t.Parallel()
			a := newAPI(t)
			a.srv.FailNext(2, tt.status)
			for i := range 2 {
				r := a.do("GET", "/users", nil)
				if r.status != tt.status {
					t.Fatalf("request %d: status %d", i, r.status)
				}
				if got := r.header.Get("Retry-After"); got != tt.retryAfter {
					t.Errorf("Retry-After %q, want %q", got, tt.retryAfter)
				}
				if code := checkClerkErrors(t, r); code != tt.code {
					t.Errorf("code %q, want %q", code, tt.code)
				}
			}
			a.okList("GET", "/users", nil)
		})
	}
}

func TestInjectFault(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	a.srv.InjectFault(clerktest.Fault{Method: "POST", PathPrefix: "/v1/users", Status: 502, Body: []byte("<html>bad gateway</html>")})
	a.srv.InjectFault(clerktest.Fault{Status: 503, RetryAfter: 1500 * time.Millisecond})

	// The first fault waits for a matching request; the second takes the
	// first request of any kind.
	r := a.do("GET", "/users", nil)
	if r.status != 503 || r.header.Get("Retry-After") != "2" {
		t.Errorf("status %d Retry-After %q, want 503 and 2 (rounded up)", r.status, r.header.Get("Retry-After"))
	}
	a.okList("GET", "/users", nil)
	r = a.do("POST", "/users", map[string]any{})
	if r.status != 502 || r.header.Get("Content-Type") != "text/html" || string(r.body) != "<html>bad gateway</html>" {
		t.Errorf("proxy fault: %d %q %s", r.status, r.header.Get("Content-Type"), r.body)
	}
	if n := len(a.okList("GET", "/users", nil)); n != 0 {
		t.Errorf("a faulted create stored %d users", n)
	}

	a.srv.FailNext(5, 500)
	a.srv.ClearFaults()
	a.okList("GET", "/users", nil)
}

func TestInjectFaultCloseConn(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	a.srv.InjectFault(clerktest.Fault{CloseConn: true})
	req, _ := http.NewRequest("GET", a.srv.URL+"/users", nil)
	req.Header.Set("Authorization", "Bearer "+a.srv.SecretKey)
	if resp, err := a.srv.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("dropped connection answered %d", resp.StatusCode)
	}
	reqs := a.srv.Requests()
	if len(reqs) != 1 || reqs[0].Status != 0 {
		t.Errorf("log of a dropped request: %+v", reqs)
	}
}

// manualClock moves only when told, so time-window tests cannot flake.
type manualClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *manualClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *manualClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestSetRateLimit(t *testing.T) {
	t.Parallel()
	clock := &manualClock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	a := newAPI(t, clerktest.WithClock(clock.now))
	a.srv.SetRateLimit(3, 10*time.Second)
	for range 2 {
		a.okList("GET", "/users", nil)
	}
	clock.advance(4 * time.Second)
	a.okList("GET", "/users", nil)
	clock.advance(2*time.Second + 500*time.Millisecond) // 6.5 s after the first
	r := a.do("GET", "/users", nil)
	if r.status != http.StatusTooManyRequests {
		t.Fatalf("4th request in the window: %d", r.status)
	}
	if code := checkClerkErrors(t, r); code != "too_many_requests" {
		t.Errorf("code %q", code)
	}
	if got := r.header.Get("Retry-After"); got != "4" { // 3.5 s until the first leaves, rounded up
		t.Errorf("Retry-After %q, want 4", got)
	}
	a.ok("GET", "/jwks", nil) // never limited
	clock.advance(3500 * time.Millisecond)
	for range 2 { // the first two left the window
		a.okList("GET", "/users", nil)
	}
	a.fail("GET", "/users", nil, http.StatusTooManyRequests)
	a.srv.SetRateLimit(0, 0)
	for range 5 {
		a.okList("GET", "/users", nil)
	}
}

func TestSetLatency(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	const delay = time.Second
	a.srv.SetLatency(delay)
	start := time.Now()
	a.okList("GET", "/users", nil)
	if d := time.Since(start); d < delay {
		t.Errorf("answered after %v, want >= %v", d, delay)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", a.srv.URL+"/users", nil)
	req.Header.Set("Authorization", "Bearer "+a.srv.SecretKey)
	_, err := a.srv.Client().Do(req)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("client timeout: %v", err)
	}
	a.srv.SetLatency(0)
	start = time.Now()
	a.okList("GET", "/users", nil)
	if d := time.Since(start); d >= delay {
		t.Errorf("latency still applied: %v", d)
	}
}

func TestCloseCutsLatency(t *testing.T) {
	t.Parallel()
	srv, err := clerktest.Start()
	if err != nil {
		t.Fatal(err)
	}
	srv.SetLatency(time.Minute)
	done := make(chan struct{})
	go func() {
		defer close(done)
		req, _ := http.NewRequest("GET", srv.URL+"/users", nil)
		if resp, err := srv.Client().Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	srv.Close()
	<-done
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Close took %v with a request in injected latency", d)
	}
}

func TestRequestLog(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	a.fail("GET", "/users/user%2Fodd?x=1", nil, http.StatusNotFound)
	a.okList("GET", "/users?user_id=a&user_id=b", nil)
	a.ok("POST", "/users", map[string]any{"first_name": "Ada"})
	reqs := a.srv.Requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests logged", len(reqs))
	}
	if reqs[0].Path != "/v1/users/user%2Fodd" || reqs[0].Status != 404 || reqs[0].Query.Get("x") != "1" || reqs[0].TraceID == "" {
		t.Errorf("first: %+v", reqs[0])
	}
	if got := reqs[1].Query["user_id"]; len(got) != 2 || got[0] != "a" || got[1] != "b" {
		t.Errorf("repeated keys: %v", got)
	}
	if reqs[2].Method != "POST" || string(reqs[2].Body) != `{"first_name":"Ada"}` || reqs[2].Status != 200 ||
		reqs[2].Header.Get("Authorization") != "Bearer "+a.srv.SecretKey {
		t.Errorf("third: %+v", reqs[2])
	}
	reqs[2].Body[0] = 'X'
	if a.srv.Requests()[2].Body[0] != '{' {
		t.Error("Requests returns the log's own buffers")
	}
	a.srv.ResetRequests()
	if n := len(a.srv.Requests()); n != 0 {
		t.Errorf("%d requests after reset", n)
	}
}

func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	const n = 40
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", a.srv.URL+"/users", nil)
			req.Header.Set("Authorization", "Bearer "+a.srv.SecretKey)
			resp, err := a.srv.Client().Do(req)
			if err != nil {
				errs <- err
				return
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				errs <- errors.New(resp.Status)
			}
			_ = a.srv.Requests()
			if i%10 == 0 {
				a.srv.SetLatency(0)
				_, _ = a.srv.TryAddUser(clerktest.User{})
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := a.ok("GET", "/users/count", nil)["total_count"]; got != float64(n+n/10) {
		t.Errorf("count %v, want %d", got, n+n/10)
	}
	if got := len(a.srv.Requests()); got != n+1 {
		t.Errorf("%d requests logged, want %d", got, n+1)
	}
}
