package clerktest

import (
	"bytes"
	"io"
	"net/http"
	"time"
)

// maxRequestBody caps what the fake reads from one request; the real API
// refuses far smaller bodies.
const maxRequestBody = 4 << 20

// ServeHTTP runs every request through the same steps as the real edge:
// record it, wait the injected latency, apply an injected fault, check the
// key, apply the rate limit, then route.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	traceID := randomHex(16)
	body, readErr := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
	_ = r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(body))

	rec := &statusRecorder{ResponseWriter: w}
	entry := Request{
		Method:  r.Method,
		Path:    r.URL.EscapedPath(),
		Query:   r.URL.Query(),
		Header:  r.Header.Clone(),
		Body:    body,
		TraceID: traceID,
		At:      s.now(),
	}
	logged := false
	defer func() {
		if !logged {
			entry.Status = rec.status
			s.log.add(entry)
		}
	}()
	rec.Header().Set("Clerk-Trace-Id", traceID)

	if !s.sleep(r, s.ctl.latency()) {
		return
	}
	if f, ok := s.ctl.takeFault(r.Method, r.URL.Path); ok {
		if f.CloseConn {
			// Log before the connection drops: the client sees the
			// drop at once and may read the log before this returns.
			s.log.add(entry)
			logged = true
		}
		s.serveFault(rec, traceID, f)
		return
	}
	if readErr != nil || len(body) > maxRequestBody {
		writeError(rec, traceID, errBodyTooLarge())
		return
	}
	if err := s.authenticate(r); err != nil {
		writeError(rec, traceID, err)
		return
	}
	if r.URL.Path != "/v1/jwks" {
		if wait, limited := s.ctl.allow(s.now()); limited {
			writeError(rec, traceID, errRateLimited(wait))
			return
		}
	}
	s.route(rec, r, traceID)
}

// sleep waits d, cut short by the client going away or Close; it reports
// whether to go on.
func (s *Server) sleep(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	case <-s.closed:
		return false
	}
}

// statusRecorder remembers the status for the request log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (CloseConn
// faults hijack it).
func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }
