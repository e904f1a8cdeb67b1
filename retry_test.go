package clerk_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/users"
	"golang.org/x/time/rate"
)

// The tests below run the whole retry loop end to end: a real httptest
// server scripts each attempt's answer, and the client is the public one.

func TestUsersGetRetries(t *testing.T) {
	t.Parallel()
	ok := step{status: 200, body: userJSON}
	fail := func(code int) step { return step{status: code, body: errBody("e", "trace_e")} }
	tests := []struct {
		name         string
		steps        []step
		wantAttempts int
		wantStatus   int
	}{
		{"503,503,200", []step{fail(503), fail(503), ok}, 3, 0},
		{"500 then 200", []step{fail(500), ok}, 2, 0},
		{"502 then 200", []step{fail(502), ok}, 2, 0},
		{"504 then 200", []step{fail(504), ok}, 2, 0},
		{"reset then 200", []step{{hijack: true}, ok}, 2, 0},
		{"404 is final", []step{fail(404), ok}, 1, 404},
		{"503 three times", []step{fail(503)}, 3, 503},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, tt.steps...)
			c := newClient(t, srv.URL)
			u, err := c.Users.Get(context.Background(), "user_2abc")
			if srv.count() != tt.wantAttempts {
				t.Errorf("server saw %d attempts, want %d", srv.count(), tt.wantAttempts)
			}
			if tt.wantStatus == 0 {
				if err != nil {
					t.Fatalf("Get: %v", err)
				}
				if u.ID != "user_2abc" || u.FirstName == nil || *u.FirstName != "Ada" {
					t.Errorf("decoded user %+v", u)
				}
				return
			}
			var apiErr *clerk.APIError
			if u != nil || !errors.As(err, &apiErr) || apiErr.StatusCode != tt.wantStatus || apiErr.Attempts != tt.wantAttempts {
				t.Errorf("Get = %v, %v; want a %d *APIError after %d attempts", u, err, tt.wantStatus, tt.wantAttempts)
			}
		})
	}
}

// TestUpdateMetadataRetries: a metadata merge is replay-safe, so a 500 is
// retried with the same body.
func TestUpdateMetadataRetries(t *testing.T) {
	t.Parallel()
	srv := newScript(t, step{status: 500, body: errBody("internal", "t")}, step{status: 200, body: userJSON})
	c := newClient(t, srv.URL)
	_, err := c.Users.UpdateMetadata(context.Background(), "user_2abc", &users.MetadataParams{
		PublicMetadata: map[string]any{"role": "admin"},
	})
	if err != nil {
		t.Fatal(err)
	}
	reqs := srv.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d attempts, want 2", len(reqs))
	}
	for i, r := range reqs {
		if r.method != http.MethodPatch || r.escapedPath != "/v1/users/user_2abc/metadata" ||
			string(r.body) != `{"public_metadata":{"role":"admin"}}` {
			t.Errorf("attempt %d: %s %s %s", i, r.method, r.escapedPath, r.body)
		}
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		value  func() string
	}{
		{"429 with seconds", 429, func() string { return "1" }},
		{"503 with seconds", 503, func() string { return "1" }},
		// HTTP-dates have whole seconds: now+2s truncates to a wait in (1s, 2s].
		{"429 with an HTTP-date", 429, func() string { return time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t)
			srv.handler = func(n int, _ seen) step {
				if n == 0 {
					return step{status: tt.status, header: map[string]string{"Retry-After": tt.value()}, body: errBody("too_many_requests", "t")}
				}
				return step{status: 200, body: userJSON}
			}
			c := newClient(t, srv.URL)
			start := time.Now()
			if _, err := c.Users.Get(context.Background(), "user_2abc"); err != nil {
				t.Fatal(err)
			}
			el := time.Since(start)
			if el < 900*time.Millisecond || el > 3*time.Second {
				t.Errorf("call took %v; want about the Retry-After", el)
			}
			reqs := srv.requests()
			if len(reqs) != 2 {
				t.Fatalf("%d attempts, want 2", len(reqs))
			}
			if gap := reqs[1].at.Sub(reqs[0].at); gap < 900*time.Millisecond {
				t.Errorf("retry came %v after the %d", gap, tt.status)
			}
		})
	}
}

// TestDeadlineShorterThanRetryAfter: the client does not sleep into the
// deadline; it returns the answer it has, with its RetryAfter.
func TestDeadlineShorterThanRetryAfter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		want   error
	}{
		{"429", 429, clerk.ErrRateLimited},
		{"503", 503, clerk.ErrServer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, step{status: tt.status, header: map[string]string{"Retry-After": "10"}, body: errBody("e", "trace_ra")},
				step{status: 200, body: userJSON})
			c := newClient(t, srv.URL)
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			start := time.Now()
			_, err := c.Users.Get(ctx, "user_2abc")
			if el := time.Since(start); el > 500*time.Millisecond {
				t.Errorf("returned after %v; want promptly", el)
			}
			var apiErr *clerk.APIError
			if !errors.As(err, &apiErr) || !errors.Is(err, tt.want) {
				t.Fatalf("want an *APIError matching %v, got %v", tt.want, err)
			}
			if apiErr.RetryAfter != 10*time.Second || apiErr.StatusCode != tt.status || apiErr.TraceID != "trace_ra" {
				t.Errorf("APIError %+v", apiErr)
			}
			if srv.count() != 1 {
				t.Errorf("%d attempts, want 1", srv.count())
			}
		})
	}
}

func TestMaxRetriesOption(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts []clerk.Option
		call []clerk.RequestOption
		want int
	}{
		{"default two retries", nil, nil, 3},
		{"WithMaxRetries(0)", []clerk.Option{clerk.WithMaxRetries(0)}, nil, 1},
		{"WithMaxRetries(1)", []clerk.Option{clerk.WithMaxRetries(1)}, nil, 2},
		{"WithRetries overrides", []clerk.Option{clerk.WithMaxRetries(0)}, []clerk.RequestOption{clerk.WithRetries(3)}, 4},
		{"WithRetries(0)", nil, []clerk.RequestOption{clerk.WithRetries(0)}, 1},
		{"later WithRetries wins", nil, []clerk.RequestOption{clerk.WithRetries(3), clerk.WithRetries(1)}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, step{status: 503, body: errBody("down", "t")})
			c := newClient(t, srv.URL, tt.opts...)
			_, err := c.Users.Get(context.Background(), "user_2abc", tt.call...)
			if !errors.Is(err, clerk.ErrServer) {
				t.Errorf("want ErrServer, got %v", err)
			}
			if srv.count() != tt.want {
				t.Errorf("%d attempts, want %d", srv.count(), tt.want)
			}
		})
	}
}

// TestLastAnswerWins: after the retries run out the caller sees the last
// attempt's status, trace id (body or header) and body.
func TestLastAnswerWins(t *testing.T) {
	t.Parallel()
	last503 := `{"errors":[{"code":"service_unavailable","message":"down","long_message":"Try later.","meta":{"retry":true}}],"clerk_trace_id":"trace_3"}`
	tests := []struct {
		name      string
		last      step
		wantTrace string
	}{
		{"trace id in the body", step{status: 503, body: last503}, "trace_3"},
		{"trace id in the header", step{status: 504, header: map[string]string{"Clerk-Trace-Id": "trace_hdr"}, body: "<html>gateway timeout</html>"}, "trace_hdr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, step{status: 500, body: errBody("first", "trace_1")},
				step{status: 502, header: map[string]string{"Clerk-Trace-Id": "trace_2"}, body: errBody("second", "trace_2")}, tt.last)
			c := newClient(t, srv.URL)
			_, err := c.Users.Get(context.Background(), "user_2abc")
			var apiErr *clerk.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("want *APIError, got %v", err)
			}
			if apiErr.StatusCode != tt.last.status || apiErr.TraceID != tt.wantTrace || string(apiErr.Body) != tt.last.body || apiErr.Attempts != 3 {
				t.Errorf("got status %d trace %q attempts %d body %q", apiErr.StatusCode, apiErr.TraceID, apiErr.Attempts, apiErr.Body)
			}
			if apiErr.HasCode("first") || apiErr.HasCode("second") {
				t.Error("error details come from an earlier attempt")
			}
		})
	}
}

// signalHandler is a slog.Handler that reports each attempt's status.
type signalHandler struct{ status chan<- int }

func (h signalHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h signalHandler) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h signalHandler) WithGroup(string) slog.Handler            { return h }
func (h signalHandler) Handle(_ context.Context, r slog.Record) error {
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "status" {
			select {
			case h.status <- int(a.Value.Int64()):
			default:
			}
		}
		return true
	})
	return nil
}

// TestRateLimitSlowsWholeClient: a 429 pauses every request of the client,
// not only the one that saw it.
func TestRateLimitSlowsWholeClient(t *testing.T) {
	t.Parallel()
	var limited atomic.Int64 // unix nanos of the 429
	srv := newScript(t)
	srv.handler = func(n int, _ seen) step {
		if n == 0 {
			limited.Store(time.Now().UnixNano())
			return step{status: 429, header: map[string]string{"Retry-After": "1"}, body: errBody("too_many_requests", "t")}
		}
		return step{status: 200, body: userJSON}
	}
	statuses := make(chan int, 8)
	c := newClient(t, srv.URL, clerk.WithLogger(slog.New(signalHandler{statuses})))
	var wg sync.WaitGroup
	errs := make([]error, 2)
	wg.Add(1)
	go func() {
		defer wg.Done()
		_, errs[0] = c.Users.Get(context.Background(), "user_A")
	}()
	// The client logs an attempt after it has recorded the pause.
	if st := <-statuses; st != 429 {
		t.Fatalf("first logged status %d", st)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		_, errs[1] = c.Users.Get(context.Background(), "user_B")
	}()
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("call %d: %v", i, err)
		}
	}
	reqs := srv.requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3 (429, retry, B)", len(reqs))
	}
	pause := time.Unix(0, limited.Load())
	for _, r := range reqs[1:] {
		if gap := r.at.Sub(pause); gap < 900*time.Millisecond {
			t.Errorf("%s arrived %v after the 429; want the 1s pause", r.escapedPath, gap)
		}
	}
}

// countingLimiter counts Waits.
type countingLimiter struct{ n atomic.Int32 }

func (l *countingLimiter) Wait(context.Context) error { l.n.Add(1); return nil }

func TestLimiterTokenPerAttempt(t *testing.T) {
	t.Parallel()
	srv := newScript(t, step{status: 503}, step{status: 503}, step{status: 200, body: userJSON})
	l := &countingLimiter{}
	c := newClient(t, srv.URL, clerk.WithLimiter(l))
	if _, err := c.Users.Get(context.Background(), "user_2abc"); err != nil {
		t.Fatal(err)
	}
	if l.n.Load() != 3 || srv.count() != 3 {
		t.Errorf("limiter waits %d, attempts %d; want 3 each", l.n.Load(), srv.count())
	}
}

func TestLimiterDeadline(t *testing.T) {
	t.Parallel()
	srv := newScript(t, step{status: 200, body: userJSON})
	l := rate.NewLimiter(rate.Every(time.Hour), 1)
	l.Allow() // spend the only token
	c := newClient(t, srv.URL, clerk.WithLimiter(l))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Users.Get(ctx, "user_2abc")
	if ctx.Err() != nil {
		t.Error("the call slept into its deadline: a wait that cannot succeed should fail at once")
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("want context.DeadlineExceeded, got %v", err)
	}
	if srv.count() != 0 {
		t.Errorf("%d requests without a token", srv.count())
	}
}

func TestWithRateLimit(t *testing.T) {
	t.Parallel()
	srv := newScript(t, step{status: 200, body: userJSON})
	c := newClient(t, srv.URL, clerk.WithRateLimit(rate.Every(100*time.Millisecond), 1))
	start := time.Now()
	for range 3 {
		if _, err := c.Users.Get(context.Background(), "user_2abc"); err != nil {
			t.Fatal(err)
		}
	}
	if el := time.Since(start); el < 180*time.Millisecond {
		t.Errorf("3 calls at 10/s with burst 1 took only %v", el)
	}
}
