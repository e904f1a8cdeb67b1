package transport_test

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
)

// testKey is the secret every test backend uses; no error or log may show it.
const testKey = "sk_test_SECRETxyz0123456789"

// step is one scripted answer of a scriptServer.
type step struct {
	status int
	header map[string]string
	body   string
	// hijack closes the connection after reading the request, without
	// answering: the client sees a reset after the request was written.
	hijack bool
	// delay holds the answer (until the client goes away).
	delay time.Duration
}

// seen is one request as the server saw it.
type seen struct {
	method, escapedPath, rawQuery string
	header                        http.Header
	body                          string
	at                            time.Time
}

// scriptServer answers the n-th request with steps[n] (the last step
// repeats) and records every request.
type scriptServer struct {
	*httptest.Server
	steps []step
	n     atomic.Int32
	mu    sync.Mutex
	reqs  []seen
}

func newScript(t *testing.T, steps ...step) *scriptServer {
	t.Helper()
	s := &scriptServer{steps: steps}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *scriptServer) serve(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	i := int(s.n.Add(1)) - 1
	s.mu.Lock()
	s.reqs = append(s.reqs, seen{
		method: r.Method, escapedPath: r.URL.EscapedPath(), rawQuery: r.URL.RawQuery,
		header: r.Header.Clone(), body: string(b), at: time.Now(),
	})
	s.mu.Unlock()
	if i >= len(s.steps) {
		i = len(s.steps) - 1
	}
	st := s.steps[i]
	if st.delay > 0 {
		select {
		case <-time.After(st.delay):
		case <-r.Context().Done():
			return
		}
	}
	if st.hijack {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
		return
	}
	for k, v := range st.header {
		w.Header().Set(k, v)
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(st.status)
	io.WriteString(w, st.body)
}

func (s *scriptServer) count() int { return int(s.n.Load()) }

func (s *scriptServer) requests() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seen(nil), s.reqs...)
}

// fastPolicy keeps backoffs in the millisecond range.
var fastPolicy = transport.RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond}

func newBackend(t *testing.T, baseURL string, mods ...func(*transport.Config)) *transport.Backend {
	t.Helper()
	cfg := transport.Config{
		SecretKey:   testKey,
		BaseURL:     baseURL + "/v1",
		MaxRetries:  transport.DefaultMaxRetries,
		RetryPolicy: fastPolicy,
	}
	for _, m := range mods {
		m(&cfg)
	}
	b, err := transport.New(cfg)
	if err != nil {
		t.Fatalf("transport.New: %v", err)
	}
	return b
}

// countingRT counts round trips (attempts the client made, whether or not
// they reached a server).
type countingRT struct {
	n  atomic.Int32
	rt http.RoundTripper
}

func (c *countingRT) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.rt.RoundTrip(r)
}

// closedURL returns the URL of a port that refuses connections.
func closedURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}

const userJSON = `{"id":"user_1","object":"user","external_id":null,"primary_email_address_id":null,` +
	`"primary_phone_number_id":null,"primary_web3_wallet_id":null,"username":null,"first_name":"Ada",` +
	`"last_name":null,"has_image":false,"public_metadata":{},"email_addresses":[],"banned":false,` +
	`"locked":false,"created_at":1715000000000,"updated_at":1715000000000,"last_sign_in_at":null,` +
	`"last_active_at":null}`

func errBody(code, trace string) string {
	return `{"errors":[{"code":"` + code + `","message":"m","long_message":"lm"}],"clerk_trace_id":"` + trace + `"}`
}
