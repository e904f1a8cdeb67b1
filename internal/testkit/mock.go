package testkit

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/jarcoal/httpmock"
)

// BaseURL is the base URL of the clients NewClient and NewFake build.
const BaseURL = "https://api.test/v1"

// Call is one request as the mock API received it.
type Call struct {
	Method string
	// Path is escaped, without the /v1 base path.
	Path   string
	Query  url.Values
	Header http.Header
	// Body is the raw body; "" when none was sent.
	Body string
}

// Reply is what the mock API answers. The Content-Type is
// application/json unless Header sets another.
type Reply struct {
	Status int
	Body   string
	Header http.Header
}

// Mock is an httpmock transport that records every request, in order, and
// answers it with a handler. It is safe for concurrent requests.
type Mock struct {
	*httpmock.MockTransport
	mu    sync.Mutex
	calls []Call
}

// NewMock returns a Mock whose n-th request (counting from 0) is answered
// by answer(n, r, c). The request's body is rewound, so answer may read r
// as well as c. answer runs outside the Mock's lock.
func NewMock(answer func(n int, r *http.Request, c Call) Reply) *Mock {
	m := &Mock{MockTransport: httpmock.NewMockTransport()}
	m.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		var body []byte
		if r.Body != nil {
			body, _ = io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		c := Call{
			Method: r.Method,
			Path:   strings.TrimPrefix(r.URL.EscapedPath(), "/v1"),
			Query:  r.URL.Query(),
			Header: r.Header.Clone(),
			Body:   string(body),
		}
		m.mu.Lock()
		n := len(m.calls)
		m.calls = append(m.calls, c)
		m.mu.Unlock()
		rep := answer(n, r, c)
		resp := httpmock.NewStringResponse(rep.Status, rep.Body)
		resp.Header.Set("Content-Type", "application/json")
		for k, vs := range rep.Header {
			resp.Header[k] = vs
		}
		resp.Request = r
		return resp, nil
	})
	return m
}

// Calls returns the requests received so far, in order.
func (m *Mock) Calls() []Call {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Call(nil), m.calls...)
}

// NewClient returns a client on rt with base URL BaseURL and retry
// backoffs of about a millisecond, so replay tests stay fast; opts are
// applied after those.
func NewClient(t testing.TB, rt http.RoundTripper, opts ...clerk.Option) *clerk.Client {
	t.Helper()
	c, err := clerk.NewClient("sk_test_x", append([]clerk.Option{
		clerk.WithHTTPClient(&http.Client{Transport: rt}),
		clerk.WithBaseURL(BaseURL),
		clerk.WithRetryPolicy(clerk.RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond}),
	}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
