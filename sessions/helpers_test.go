package sessions_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/google/go-cmp/cmp"
	"github.com/jarcoal/httpmock"
)

// call is one request the fake API received.
type call struct {
	Method string
	Path   string // escaped, without the /v1 prefix
	Query  url.Values
	Body   string // raw; "" when none was sent
}

// reply is what the fake answers.
type reply struct {
	Status int
	Body   string
}

// fake records requests and answers them with handle (n counts from 0).
type fake struct {
	t      *testing.T
	mu     sync.Mutex
	calls  []call
	handle func(n int, c call) reply
}

func (f *fake) Calls() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]call(nil), f.calls...)
}

// newFake returns a client whose requests go to handle. Retries wait about
// a millisecond so replay tests stay fast.
func newFake(t *testing.T, handle func(n int, c call) reply) (*clerk.Client, *fake) {
	t.Helper()
	f := &fake{t: t, handle: handle}
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		var body []byte
		if req.Body != nil {
			body, _ = io.ReadAll(req.Body)
		}
		c := call{
			Method: req.Method,
			Path:   strings.TrimPrefix(req.URL.EscapedPath(), "/v1"),
			Query:  req.URL.Query(),
			Body:   string(body),
		}
		f.mu.Lock()
		n := len(f.calls)
		f.calls = append(f.calls, c)
		f.mu.Unlock()
		r := reply{Status: http.StatusOK, Body: "{}"}
		if f.handle != nil {
			r = f.handle(n, c)
		}
		resp := httpmock.NewStringResponse(r.Status, r.Body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	c, err := clerk.NewClient("sk_test_x",
		clerk.WithHTTPClient(&http.Client{Transport: mt}),
		clerk.WithBaseURL("https://api.test/v1"),
		clerk.WithRetryPolicy(clerk.RetryPolicy{MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond}),
	)
	if err != nil {
		t.Fatal(err)
	}
	return c, f
}

// always answers every request with the same reply.
func always(status int, body string) func(int, call) reply {
	return func(int, call) reply { return reply{Status: status, Body: body} }
}

// jsonValue decodes s for comparisons that ignore key order and spacing;
// "" stays nil (no body).
func jsonValue(t *testing.T, s string) any {
	t.Helper()
	if s == "" {
		return nil
	}
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("invalid JSON %q: %v", s, err)
	}
	return v
}

// errorBody is a ClerkErrors body.
func errorBody(code, msg string) string {
	b, _ := json.Marshal(map[string]any{
		"errors":         []map[string]any{{"code": code, "message": msg, "long_message": msg}},
		"clerk_trace_id": "trace_1",
	})
	return string(b)
}

// checkCall compares a recorded request with what a test expects.
func checkCall(t *testing.T, got call, method, path string, query url.Values, body string) {
	t.Helper()
	if got.Method != method {
		t.Errorf("method = %s, want %s", got.Method, method)
	}
	if got.Path != path {
		t.Errorf("path = %s, want %s", got.Path, path)
	}
	if query == nil {
		query = url.Values{}
	}
	if got.Query.Encode() != query.Encode() {
		t.Errorf("query = %s, want %s", got.Query.Encode(), query.Encode())
	}
	if body == "" {
		if got.Body != "" {
			t.Errorf("body = %s, want none", got.Body)
		}
		return
	}
	if diff := cmp.Diff(jsonValue(t, body), jsonValue(t, got.Body)); diff != "" {
		t.Errorf("body mismatch (-want +got):\n%s", diff)
	}
}
