package clerk_test

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
)

// testKey is the secret every test client uses; no error or log may show it.
const testKey = "sk_test_SECRETabc0123456789"

// userJSON is a GET /users/{user_id} answer shaped like the spec's User.
const userJSON = `{"id":"user_2abc","object":"user","external_id":null,"primary_email_address_id":"idn_1",` +
	`"primary_phone_number_id":null,"primary_web3_wallet_id":null,"username":"ada","first_name":"Ada",` +
	`"last_name":"Lovelace","image_url":"https://img.clerk.com/x","has_image":false,` +
	`"public_metadata":{"role":"admin"},"private_metadata":{},"unsafe_metadata":{},` +
	`"email_addresses":[{"id":"idn_1","object":"email_address","email_address":"ada@example.com",` +
	`"reserved":false,"verification":{"status":"verified","strategy":"email_code","attempts":1,` +
	`"expire_at":1715000000000},"linked_to":[],"created_at":1715000000000,"updated_at":1715000000000}],` +
	`"banned":false,"locked":false,"created_at":1715000000000,"updated_at":1715000000000,` +
	`"last_sign_in_at":null,"last_active_at":1715000000000}`

func errBody(code, trace string) string {
	return `{"errors":[{"code":"` + code + `","message":"m","long_message":"lm"}],"meta":{},"clerk_trace_id":"` + trace + `"}`
}

// step is one scripted answer.
type step struct {
	status int
	header map[string]string
	body   string
	// hijack closes the connection after reading the request, unanswered.
	hijack bool
}

// seen is one request as the server saw it.
type seen struct {
	method      string
	escapedPath string
	rawPath     string
	rawQuery    string
	header      http.Header
	body        []byte
	at          time.Time
}

// scriptServer answers the n-th request with steps[n] (the last repeats),
// or with handler when set, and records every request.
type scriptServer struct {
	*httptest.Server
	steps   []step
	handler func(n int, r seen) step
	n       atomic.Int32
	mu      sync.Mutex
	reqs    []seen
}

func newScript(t testing.TB, steps ...step) *scriptServer {
	t.Helper()
	s := &scriptServer{steps: steps}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *scriptServer) serve(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	i := int(s.n.Add(1)) - 1
	rec := seen{
		method: r.Method, escapedPath: r.URL.EscapedPath(), rawPath: r.URL.RawPath, rawQuery: r.URL.RawQuery,
		header: r.Header.Clone(), body: b, at: time.Now(),
	}
	s.mu.Lock()
	s.reqs = append(s.reqs, rec)
	s.mu.Unlock()
	var st step
	if s.handler != nil {
		st = s.handler(i, rec)
	} else {
		st = s.steps[min(i, len(s.steps)-1)]
	}
	if st.hijack {
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
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

// fastRetries keeps backoffs in the millisecond range.
var fastRetries = clerk.WithRetryPolicy(clerk.RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond})

// newClient builds a client on srv with fast backoffs, then opts.
func newClient(t testing.TB, baseURL string, opts ...clerk.Option) *clerk.Client {
	t.Helper()
	c, err := clerk.NewClient(testKey, append([]clerk.Option{clerk.WithBaseURL(baseURL + "/v1"), fastRetries}, opts...)...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c
}

// closedURL returns the URL of a port that refuses connections.
func closedURL(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}

// lockedBuffer is a bytes.Buffer safe for a logger and a reader.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
