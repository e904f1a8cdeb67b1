package transport_test

import (
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clerkgo/clerk/internal/testkit"
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
	*testkit.ScriptServer
}

func newScript(t *testing.T, steps ...step) *scriptServer {
	t.Helper()
	return &scriptServer{testkit.NewScriptServer(t, func(n int, _ testkit.Seen) testkit.Step {
		st := steps[min(n, len(steps)-1)]
		return testkit.Step{Status: st.status, Header: st.header, Body: st.body, Hijack: st.hijack, Delay: st.delay}
	})}
}

func (s *scriptServer) count() int { return s.Count() }

func (s *scriptServer) requests() []seen {
	reqs := s.Requests()
	out := make([]seen, len(reqs))
	for i, r := range reqs {
		out[i] = seen{
			method: r.Method, escapedPath: r.EscapedPath, rawQuery: r.RawQuery,
			header: r.Header, body: string(r.Body), at: r.At,
		}
	}
	return out
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
	return testkit.ClosedURL(t)
}

// lockedBuffer is a bytes.Buffer safe for a logger and a reader.
type lockedBuffer = testkit.LockedBuffer

const userJSON = `{"id":"user_1","object":"user","external_id":null,"primary_email_address_id":null,` +
	`"primary_phone_number_id":null,"primary_web3_wallet_id":null,"username":null,"first_name":"Ada",` +
	`"last_name":null,"has_image":false,"public_metadata":{},"email_addresses":[],"banned":false,` +
	`"locked":false,"created_at":1715000000000,"updated_at":1715000000000,"last_sign_in_at":null,` +
	`"last_active_at":null}`

func errBody(code, trace string) string {
	return `{"errors":[{"code":"` + code + `","message":"m","long_message":"lm"}],"clerk_trace_id":"` + trace + `"}`
}
