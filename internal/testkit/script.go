package testkit

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Step is one scripted answer of a ScriptServer.
type Step struct {
	Status int
	Header map[string]string
	Body   string
	// Hijack closes the connection after reading the request, without
	// answering: the client sees a reset after the request was written.
	Hijack bool
	// Delay holds the answer (until the client goes away).
	Delay time.Duration
}

// Seen is one request as a ScriptServer saw it.
type Seen struct {
	Method, EscapedPath, RawPath, RawQuery string
	Header                                 http.Header
	Body                                   []byte
	At                                     time.Time
}

// ScriptServer is a real HTTP server (httptest) that answers each request
// from a script and records it: for tests of what goes over the wire,
// connection failures included. It is closed when the test ends.
type ScriptServer struct {
	*httptest.Server
	answer func(n int, r Seen) Step
	n      atomic.Int32
	mu     sync.Mutex
	reqs   []Seen
}

// NewScriptServer starts a server that answers its n-th request (counting
// from 0) with answer(n, request).
func NewScriptServer(t testing.TB, answer func(n int, r Seen) Step) *ScriptServer {
	t.Helper()
	s := &ScriptServer{answer: answer}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// Steps answers the n-th request with steps[n]; the last step repeats.
func Steps(steps ...Step) func(n int, r Seen) Step {
	return func(n int, _ Seen) Step {
		if len(steps) == 0 {
			return Step{Status: http.StatusOK, Body: "{}"}
		}
		return steps[min(n, len(steps)-1)]
	}
}

func (s *ScriptServer) serve(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	i := int(s.n.Add(1)) - 1
	rec := Seen{
		Method: r.Method, EscapedPath: r.URL.EscapedPath(), RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery,
		Header: r.Header.Clone(), Body: b, At: time.Now(),
	}
	s.mu.Lock()
	s.reqs = append(s.reqs, rec)
	s.mu.Unlock()
	st := s.answer(i, rec)
	if st.Delay > 0 {
		select {
		case <-time.After(st.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if st.Hijack {
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close()
		}
		return
	}
	for k, v := range st.Header {
		w.Header().Set(k, v)
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(st.Status)
	io.WriteString(w, st.Body)
}

// Count returns how many requests reached the server.
func (s *ScriptServer) Count() int { return int(s.n.Load()) }

// Requests returns the requests received so far, in order.
func (s *ScriptServer) Requests() []Seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Seen(nil), s.reqs...)
}
