package clerk_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/internal/testkit"
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
	*testkit.ScriptServer
	handler func(n int, r seen) step
}

func newScript(t testing.TB, steps ...step) *scriptServer {
	t.Helper()
	s := &scriptServer{}
	s.ScriptServer = testkit.NewScriptServer(t, func(n int, r testkit.Seen) testkit.Step {
		var st step
		if s.handler != nil {
			st = s.handler(n, seenOf(r))
		} else {
			st = steps[min(n, len(steps)-1)]
		}
		return testkit.Step{Status: st.status, Header: st.header, Body: st.body, Hijack: st.hijack}
	})
	return s
}

func seenOf(r testkit.Seen) seen {
	return seen{
		method: r.Method, escapedPath: r.EscapedPath, rawPath: r.RawPath, rawQuery: r.RawQuery,
		header: r.Header, body: r.Body, at: r.At,
	}
}

func (s *scriptServer) count() int { return s.Count() }

func (s *scriptServer) requests() []seen {
	reqs := s.Requests()
	out := make([]seen, len(reqs))
	for i, r := range reqs {
		out[i] = seenOf(r)
	}
	return out
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
	return testkit.ClosedURL(t)
}

// lockedBuffer is a bytes.Buffer safe for a logger and a reader.
type lockedBuffer = testkit.LockedBuffer
