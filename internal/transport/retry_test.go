package transport_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/google/go-cmp/cmp"
)

// TestRetryTable runs the retry table of ARCHITECTURE.md end to end: a real
// httptest server scripts each attempt's answer and counts the attempts.
func TestRetryTable(t *testing.T) {
	t.Parallel()
	const (
		get  = http.MethodGet
		post = http.MethodPost
	)
	ok := step{status: 200, body: userJSON}
	st := func(code int, hdr ...string) step {
		s := step{status: code, body: errBody("e", "trace_x")}
		if len(hdr) == 2 {
			s.header = map[string]string{hdr[0]: hdr[1]}
		}
		return s
	}
	retryAfter := func(code int) step { return st(code, "Retry-After", "1") }
	tests := []struct {
		name         string
		method       string
		replay       transport.Replay
		steps        []step
		wantAttempts int
		wantStatus   int // 0: success
	}{
		{"GET 503,503,200 succeeds on the third attempt", get, transport.ReplaySafe, []step{st(503), st(503), ok}, 3, 0},
		{"GET 500 is retried", get, transport.ReplaySafe, []step{st(500), ok}, 2, 0},
		{"GET 502 is retried", get, transport.ReplaySafe, []step{st(502), ok}, 2, 0},
		{"GET 504 is retried", get, transport.ReplaySafe, []step{st(504), ok}, 2, 0},
		{"GET 408 is retried", get, transport.ReplaySafe, []step{st(408), ok}, 2, 0},
		{"GET 429 without Retry-After is retried", get, transport.ReplaySafe, []step{st(429), ok}, 2, 0},
		{"PUT 500 is retried", http.MethodPut, transport.ReplaySafe, []step{st(500), ok}, 2, 0},
		{"DELETE 503 is retried", http.MethodDelete, transport.ReplaySafe, []step{st(503), ok}, 2, 0},
		{"replay-safe PATCH 500 is retried", http.MethodPatch, transport.ReplaySafe, []step{st(500), ok}, 2, 0},
		{"create 500 is not retried", post, transport.NotReplaySafe, []step{st(500), ok}, 1, 500},
		{"create 502 is not retried", post, transport.NotReplaySafe, []step{st(502), ok}, 1, 502},
		{"create 504 is not retried", post, transport.NotReplaySafe, []step{st(504), ok}, 1, 504},
		{"create 503 without Retry-After is not retried", post, transport.NotReplaySafe, []step{st(503), ok}, 1, 503},
		{"create 503 with Retry-After is retried", post, transport.NotReplaySafe, []step{retryAfter(503), ok}, 2, 0},
		{"create 408 is retried", post, transport.NotReplaySafe, []step{st(408), ok}, 2, 0},
		{"create 429 is retried", post, transport.NotReplaySafe, []step{retryAfter(429), ok}, 2, 0},
		{"create 429 without Retry-After is retried", post, transport.NotReplaySafe, []step{st(429), ok}, 2, 0},
		{"non-idempotent PATCH 500 is not retried", http.MethodPatch, transport.NotReplaySafe, []step{st(500), ok}, 1, 500},
		{"GET 400 is not retried", get, transport.ReplaySafe, []step{st(400), ok}, 1, 400},
		{"GET 401 is not retried", get, transport.ReplaySafe, []step{st(401), ok}, 1, 401},
		{"GET 404 is not retried", get, transport.ReplaySafe, []step{st(404), ok}, 1, 404},
		{"GET 409 is not retried", get, transport.ReplaySafe, []step{st(409), ok}, 1, 409},
		{"GET 422 is not retried", get, transport.ReplaySafe, []step{st(422), ok}, 1, 422},
		{"GET 501 is not retried", get, transport.ReplaySafe, []step{st(501), ok}, 1, 501},
		{"GET 503 until retries run out", get, transport.ReplaySafe, []step{st(503)}, 3, 503},
		{"create 429 until retries run out", post, transport.NotReplaySafe, []step{st(429)}, 3, 429},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, tt.steps...)
			b := newBackend(t, srv.URL, func(c *transport.Config) {
				// Retry-After is honoured but capped, to keep the table fast.
				c.RetryPolicy.MaxRetryAfter = 5 * time.Millisecond
			})
			req := &transport.Request{Method: tt.method, Path: "/users", Replay: tt.replay}
			if tt.method != get {
				req.Body = map[string]string{"first_name": "Ada"}
			}
			var out struct {
				ID string `json:"id"`
			}
			err := b.Do(context.Background(), req, &out)
			if got := srv.count(); got != tt.wantAttempts {
				t.Errorf("server saw %d attempts, want %d", got, tt.wantAttempts)
			}
			if tt.wantStatus == 0 {
				if err != nil {
					t.Fatalf("Do: %v", err)
				}
				if out.ID != "user_1" {
					t.Errorf("decoded id %q, want user_1", out.ID)
				}
			} else {
				var apiErr *transport.APIError
				if !errors.As(err, &apiErr) {
					t.Fatalf("error %v (%T) is not an *APIError", err, err)
				}
				if apiErr.StatusCode != tt.wantStatus || apiErr.Attempts != tt.wantAttempts {
					t.Errorf("APIError status %d attempts %d, want %d and %d",
						apiErr.StatusCode, apiErr.Attempts, tt.wantStatus, tt.wantAttempts)
				}
			}
			// Every attempt carries the same body: a replay rewinds it.
			for i, r := range srv.requests() {
				if r.method != tt.method {
					t.Errorf("attempt %d: method %s, want %s", i, r.method, tt.method)
				}
				if tt.method != get && r.body != `{"first_name":"Ada"}` {
					t.Errorf("attempt %d: body %q", i, r.body)
				}
			}
		})
	}
}

// TestLastAttemptWins checks that when retries run out the caller gets the
// last answer: its status, trace id and body, not the first one's.
func TestLastAttemptWins(t *testing.T) {
	t.Parallel()
	srv := newScript(t,
		step{status: 500, body: errBody("first", "trace_1")},
		step{status: 502, body: errBody("second", "trace_2")},
		step{status: 503, header: map[string]string{"Clerk-Trace-Id": "trace_hdr"},
			body: `{"errors":[{"code":"last","message":"down","long_message":"the API is down","meta":{"k":1}}]}`},
	)
	b := newBackend(t, srv.URL)
	err := b.Get(context.Background(), "/users/user_1", nil, nil)
	var apiErr *transport.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("want *APIError, got %v", err)
	}
	want := &transport.APIError{
		StatusCode: 503,
		TraceID:    "trace_hdr",
		Errors: []transport.ErrorDetail{{
			Code: "last", Message: "down", LongMessage: "the API is down", Meta: json.RawMessage(`{"k":1}`),
		}},
		Body:     []byte(`{"errors":[{"code":"last","message":"down","long_message":"the API is down","meta":{"k":1}}]}`),
		Method:   "GET",
		Path:     "/users/user_1",
		Attempts: 3,
	}
	if diff := cmp.Diff(want, apiErr, cmp.AllowUnexported(transport.APIError{})); diff != "" {
		t.Errorf("APIError (-want +got):\n%s", diff)
	}
	if !apiErr.HasCode("last") || apiErr.HasCode("first") {
		t.Errorf("HasCode: got the wrong attempt's codes %+v", apiErr.Errors)
	}
}

func TestMaxRetries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		configMax int
		callMax   *int
		want      int
	}{
		{"zero disables retries", 0, nil, 1},
		{"one retry", 1, nil, 2},
		{"per-call override up", 0, ptr(3), 4},
		{"per-call override down", 2, ptr(0), 1},
		{"negative per-call override means none", 2, ptr(-1), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, step{status: 503, body: errBody("down", "t")})
			b := newBackend(t, srv.URL, func(c *transport.Config) { c.MaxRetries = tt.configMax })
			req := transport.Request{Method: "GET", Path: "/users"}
			if tt.callMax != nil {
				req.Options = []core.RequestOption{core.WithMaxRetries(*tt.callMax)}
			}
			err := b.Do(context.Background(), &req, nil)
			var apiErr *transport.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
				t.Fatalf("want a 503 *APIError, got %v", err)
			}
			if srv.count() != tt.want || apiErr.Attempts != tt.want {
				t.Errorf("attempts: server %d, error %d, want %d", srv.count(), apiErr.Attempts, tt.want)
			}
		})
	}
}

// TestConnectionFailures covers transport errors: a reset after the request
// was written may have been processed, a refused connection was not.
func TestConnectionFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		method      string
		replay      transport.Replay
		steps       []step // nil: connection refused
		wantTries   int
		wantOK      bool
		wantUnknown bool
	}{
		{"reset on create is not replayed", http.MethodPost, transport.NotReplaySafe,
			[]step{{hijack: true}, {status: 200, body: userJSON}}, 1, false, true},
		{"reset on GET is retried", http.MethodGet, transport.ReplaySafe,
			[]step{{hijack: true}, {status: 200, body: userJSON}}, 2, true, false},
		{"reset on replay-safe POST is retried", http.MethodPost, transport.ReplaySafe,
			[]step{{hijack: true}, {status: 200, body: userJSON}}, 2, true, false},
		{"reset on every GET attempt", http.MethodGet, transport.ReplaySafe,
			[]step{{hijack: true}}, 3, false, false},
		{"refused create is retried (nothing was sent)", http.MethodPost, transport.NotReplaySafe,
			nil, 3, false, false},
		{"refused GET is retried", http.MethodGet, transport.ReplaySafe, nil, 3, false, false},
		// The zero Replay decides by method.
		{"ReplayByMethod: reset on POST is not replayed", http.MethodPost, transport.ReplayByMethod,
			[]step{{hijack: true}, {status: 200, body: userJSON}}, 1, false, true},
		{"ReplayByMethod: reset on PATCH is not replayed", http.MethodPatch, transport.ReplayByMethod,
			[]step{{hijack: true}, {status: 200, body: userJSON}}, 1, false, true},
		{"ReplayByMethod: reset on DELETE is replayed", http.MethodDelete, transport.ReplayByMethod,
			[]step{{hijack: true}, {status: 200, body: userJSON}}, 2, true, false},
		{"ReplayByMethod: reset on PUT is replayed", http.MethodPut, transport.ReplayByMethod,
			[]step{{hijack: true}, {status: 200, body: userJSON}}, 2, true, false},
		{"ReplayByMethod: reset on GET is replayed", http.MethodGet, transport.ReplayByMethod,
			[]step{{hijack: true}, {status: 200, body: userJSON}}, 2, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var base string
			var srv *scriptServer
			if tt.steps == nil {
				base = closedURL(t)
			} else {
				srv = newScript(t, tt.steps...)
				base = srv.URL
			}
			rt := &countingRT{rt: http.DefaultTransport.(*http.Transport).Clone()}
			b := newBackend(t, base, func(c *transport.Config) { c.HTTPClient = &http.Client{Transport: rt} })
			req := &transport.Request{Method: tt.method, Path: "/users", Replay: tt.replay}
			if tt.method == http.MethodPost || tt.method == http.MethodPatch || tt.method == http.MethodPut {
				req.Body = map[string]string{"first_name": "Ada"}
			}
			err := b.Do(context.Background(), req, nil)
			if got := int(rt.n.Load()); got != tt.wantTries {
				t.Errorf("client made %d attempts, want %d", got, tt.wantTries)
			}
			if srv != nil && srv.count() != tt.wantTries {
				t.Errorf("server saw %d attempts, want %d", srv.count(), tt.wantTries)
			}
			if tt.wantOK != (err == nil) {
				t.Fatalf("err = %v, want success %v", err, tt.wantOK)
			}
			if got := errors.Is(err, transport.ErrOutcomeUnknown); got != tt.wantUnknown {
				t.Errorf("errors.Is(err, ErrOutcomeUnknown) = %v, want %v (err %v)", got, tt.wantUnknown, err)
			}
			if err != nil {
				var apiErr *transport.APIError
				if errors.As(err, &apiErr) {
					t.Errorf("a transport failure must not be an *APIError: %v", err)
				}
				if !strings.Contains(err.Error(), tt.method+" /users") {
					t.Errorf("error %q does not name the operation", err)
				}
				if strings.Contains(err.Error(), testKey) {
					t.Errorf("error leaks the secret key: %q", err)
				}
			}
		})
	}
}

// TestAttemptTimeout: http.Client.Timeout ends one attempt, not the call; a
// read is retried, a create's outcome is unknown.
func TestAttemptTimeout(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		method      string
		replay      transport.Replay
		wantTries   int
		wantUnknown bool
	}{
		{"GET is retried", http.MethodGet, transport.ReplaySafe, 2, false},
		{"create is not replayed", http.MethodPost, transport.NotReplaySafe, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, step{delay: 5 * time.Second}, step{status: 200, body: userJSON})
			b := newBackend(t, srv.URL, func(c *transport.Config) {
				c.HTTPClient = &http.Client{Timeout: 150 * time.Millisecond}
			})
			req := &transport.Request{Method: tt.method, Path: "/users", Replay: tt.replay}
			if tt.method == http.MethodPost || tt.method == http.MethodPatch || tt.method == http.MethodPut {
				req.Body = map[string]string{"first_name": "Ada"}
			}
			start := time.Now()
			err := b.Do(context.Background(), req, nil)
			if el := time.Since(start); el > 3*time.Second {
				t.Errorf("call took %v", el)
			}
			if srv.count() != tt.wantTries {
				t.Errorf("server saw %d attempts, want %d", srv.count(), tt.wantTries)
			}
			if tt.wantUnknown {
				if !errors.Is(err, transport.ErrOutcomeUnknown) {
					t.Errorf("want ErrOutcomeUnknown, got %v", err)
				}
			} else if err != nil {
				t.Errorf("want success after retry, got %v", err)
			}
		})
	}
}

// TestCallerDeadline: once the caller's context ends there is no further
// attempt, and a create cut off in flight says its outcome is unknown.
func TestCallerDeadline(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		method      string
		replay      transport.Replay
		wantUnknown bool
	}{
		{"GET", http.MethodGet, transport.ReplaySafe, false},
		{"create", http.MethodPost, transport.NotReplaySafe, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, step{delay: 5 * time.Second})
			b := newBackend(t, srv.URL)
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			req := &transport.Request{Method: tt.method, Path: "/users", Replay: tt.replay}
			if tt.method == http.MethodPost || tt.method == http.MethodPatch || tt.method == http.MethodPut {
				req.Body = map[string]string{"first_name": "Ada"}
			}
			start := time.Now()
			err := b.Do(ctx, req, nil)
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("want context.DeadlineExceeded, got %v", err)
			}
			if got := errors.Is(err, transport.ErrOutcomeUnknown); got != tt.wantUnknown {
				t.Errorf("errors.Is(err, ErrOutcomeUnknown) = %v, want %v", got, tt.wantUnknown)
			}
			if el := time.Since(start); el > 2*time.Second {
				t.Errorf("call took %v after its deadline", el)
			}
			if srv.count() != 1 {
				t.Errorf("server saw %d attempts, want 1", srv.count())
			}
		})
	}
}

// TestEndedContextSendsNothing: a call on a context that has already ended
// sends nothing, so even a create's outcome is known.
func TestEndedContextSendsNothing(t *testing.T) {
	t.Parallel()
	srv := newScript(t, step{status: 200, body: userJSON})
	b := newBackend(t, srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := b.Do(ctx, &transport.Request{Method: http.MethodPost, Path: "/users", Body: map[string]string{}, Replay: transport.NotReplaySafe}, nil)
	if !errors.Is(err, context.Canceled) || errors.Is(err, transport.ErrOutcomeUnknown) {
		t.Errorf("want context.Canceled without ErrOutcomeUnknown, got %v", err)
	}
	if srv.count() != 0 {
		t.Errorf("%d requests on an ended context", srv.count())
	}
}

func ptr[T any](v T) *T { return &v }
