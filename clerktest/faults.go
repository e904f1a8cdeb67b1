package clerktest

import (
	"net/http"
	"strings"
	"sync"
	"time"
)

// Fault is an injected failure, answered instead of the real operation
// (before the key is checked, as a proxy or an overloaded edge would).
type Fault struct {
	// Count is how many matching requests fail; values below 1 mean 1.
	Count int
	// Status is the HTTP status to answer (e.g. 500, 502, 503, 429).
	Status int
	// RetryAfter, when positive, is sent as Retry-After (whole seconds,
	// rounded up).
	RetryAfter time.Duration
	// Method and PathPrefix restrict the fault to matching requests; empty
	// matches any. PathPrefix is compared with the request path, which
	// includes "/v1" (e.g. "/v1/users").
	Method, PathPrefix string
	// Body, when set, is sent as is with ContentType (default text/html),
	// the way a proxy answers; otherwise the body is a ClerkErrors JSON.
	Body        []byte
	ContentType string
	// CloseConn drops the connection without any answer after the request
	// was read: the client cannot know whether it was processed. (Go's
	// http.Transport may itself resend an idempotent request once when
	// this happens on a reused keep-alive connection.)
	CloseConn bool
}

// FailNext makes the next n requests (of any route) answer status with a
// ClerkErrors body. A 429 carries "Retry-After: 1", as the real API sends
// one with every 429. Faults queue up: a later call applies after the
// earlier ones are used.
func (s *Server) FailNext(n, status int) {
	f := Fault{Count: n, Status: status}
	if status == http.StatusTooManyRequests {
		f.RetryAfter = time.Second
	}
	s.InjectFault(f)
}

// InjectFault queues f. Requests take the oldest fault that matches them.
func (s *Server) InjectFault(f Fault) {
	if f.Count < 1 {
		f.Count = 1
	}
	if f.Status == 0 {
		f.Status = http.StatusInternalServerError
	}
	s.ctl.mu.Lock()
	defer s.ctl.mu.Unlock()
	s.ctl.faults = append(s.ctl.faults, f)
}

// ClearFaults drops the faults not used yet.
func (s *Server) ClearFaults() {
	s.ctl.mu.Lock()
	defer s.ctl.mu.Unlock()
	s.ctl.faults = nil
}

// SetLatency delays every request by d before it is handled (0 turns it
// off). A client whose context ends first sees its own timeout.
func (s *Server) SetLatency(d time.Duration) {
	s.ctl.mu.Lock()
	defer s.ctl.mu.Unlock()
	s.ctl.delay = d
}

// SetRateLimit lets at most n requests through in any window of length
// per (a sliding window, like Clerk's per-instance limit of 100 per 10 s
// on development instances); the others answer 429 with a Retry-After of
// the whole seconds until a slot frees. GET /jwks is never limited, as on
// the real API. n <= 0 or per <= 0 turns the limit off.
func (s *Server) SetRateLimit(n int, per time.Duration) {
	s.ctl.mu.Lock()
	defer s.ctl.mu.Unlock()
	if n <= 0 || per <= 0 {
		s.ctl.limitN, s.ctl.limitPer, s.ctl.hits = 0, 0, nil
		return
	}
	s.ctl.limitN, s.ctl.limitPer = n, per
	s.ctl.hits = nil
}

// control holds the knobs tests turn while the server runs.
type control struct {
	mu     sync.Mutex
	faults []Fault
	delay  time.Duration

	limitN   int
	limitPer time.Duration
	hits     []time.Time // accepted requests inside the window, oldest first
}

func (c *control) latency() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.delay
}

func (c *control) takeFault(method, path string) (Fault, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := range c.faults {
		f := &c.faults[i]
		if f.Method != "" && !strings.EqualFold(f.Method, method) {
			continue
		}
		if f.PathPrefix != "" && !strings.HasPrefix(path, f.PathPrefix) {
			continue
		}
		out := *f
		f.Count--
		if f.Count <= 0 {
			c.faults = append(c.faults[:i], c.faults[i+1:]...)
		}
		return out, true
	}
	return Fault{}, false
}

// allow records a request against the rate limit; when over, it returns
// how long until a slot frees.
func (c *control) allow(now time.Time) (time.Duration, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.limitN <= 0 {
		return 0, false
	}
	cut := 0
	for cut < len(c.hits) && now.Sub(c.hits[cut]) >= c.limitPer {
		cut++
	}
	c.hits = c.hits[cut:]
	if len(c.hits) >= c.limitN {
		wait := c.hits[0].Add(c.limitPer).Sub(now)
		if wait < time.Second {
			wait = time.Second
		}
		return wait, true
	}
	c.hits = append(c.hits, now)
	return 0, false
}

// serveFault answers an injected fault.
func (s *Server) serveFault(w http.ResponseWriter, traceID string, f Fault) {
	if f.CloseConn {
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			_ = conn.Close()
			return
		}
		// Hijacking is not possible (HTTP/2): fall back to a status.
	}
	if f.Body != nil {
		ct := f.ContentType
		if ct == "" {
			ct = "text/html"
		}
		if f.RetryAfter > 0 {
			writeRetryAfter(w, f.RetryAfter)
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(f.Status)
		_, _ = w.Write(f.Body)
		return
	}
	e := newError(f.Status, faultCode(f.Status), strings.ToLower(http.StatusText(f.Status)),
		"Injected fault: "+http.StatusText(f.Status)+".")
	e.retryAfter = f.RetryAfter
	writeError(w, traceID, e)
}

func faultCode(status int) string {
	switch {
	case status == http.StatusTooManyRequests:
		return "too_many_requests"
	case status >= 500:
		return "internal_clerk_error"
	default:
		return strings.ReplaceAll(strings.ToLower(http.StatusText(status)), " ", "_")
	}
}
