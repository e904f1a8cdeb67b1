package clerktest

import (
	"net/http"
	"net/url"
	"sync"
	"time"
)

// Request is one request the server received, for assertions. Each
// Requests call returns fresh copies: changing them changes nothing.
type Request struct {
	Method string
	// Path is the escaped path as sent, "/v1" included
	// (e.g. "/v1/users/user_123/metadata").
	Path string
	// Query holds the decoded query; repeated keys keep every value.
	Query  url.Values
	Header http.Header
	Body   []byte
	// Status is the status answered; 0 when the connection was dropped by
	// a CloseConn fault or the client went away.
	Status int
	// TraceID is the Clerk-Trace-Id of the answer (and the clerk_trace_id
	// of an error body).
	TraceID string
	At      time.Time
}

// Requests returns every request received so far, oldest first.
func (s *Server) Requests() []Request {
	return s.log.snapshot()
}

// ResetRequests forgets the requests received so far.
func (s *Server) ResetRequests() {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	s.log.entries = nil
}

type requestLog struct {
	mu      sync.Mutex
	entries []Request
}

func (l *requestLog) add(r Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, r)
}

func (l *requestLog) snapshot() []Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Request, len(l.entries))
	for i, e := range l.entries {
		e.Query = cloneValues(e.Query)
		e.Header = e.Header.Clone()
		e.Body = append([]byte(nil), e.Body...)
		out[i] = e
	}
	return out
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
