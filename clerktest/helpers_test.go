package clerktest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clerkgo/clerk/clerktest"
)

// api calls the fake with plain net/http, so these tests do not depend on
// the SDK's services.
type api struct {
	t   *testing.T
	srv *clerktest.Server
}

func newAPI(t *testing.T, opts ...clerktest.Option) *api {
	t.Helper()
	return &api{t: t, srv: clerktest.NewServer(t, opts...)}
}

// response is one answer of the fake.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends body (marshalled to JSON unless it is a string or nil) with the
// server's key and the headers real clients send.
func (a *api) do(method, path string, body any) response {
	a.t.Helper()
	return a.doWith(method, path, body, "Bearer "+a.srv.SecretKey)
}

func (a *api) doWith(method, path string, body any, auth string) response {
	a.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			a.t.Fatalf("marshal: %v", err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, a.srv.URL+path, rd)
	if err != nil {
		a.t.Fatalf("request: %v", err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Clerk-API-Version", "2026-05-12")
	resp, err := a.srv.Client().Do(req)
	if err != nil {
		a.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		a.t.Fatalf("read: %v", err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: b}
}

// ok sends a request that must answer 200 and decodes the body into an
// object (or nil for arrays; use okList).
func (a *api) ok(method, path string, body any) map[string]any {
	a.t.Helper()
	r := a.do(method, path, body)
	if r.status != http.StatusOK {
		a.t.Fatalf("%s %s: status %d, body %s", method, path, r.status, r.body)
	}
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		a.t.Fatalf("%s %s: decode %s: %v", method, path, r.body, err)
	}
	return m
}

// okList sends a request that must answer 200 with a bare JSON array.
func (a *api) okList(method, path string, body any) []map[string]any {
	a.t.Helper()
	r := a.do(method, path, body)
	if r.status != http.StatusOK {
		a.t.Fatalf("%s %s: status %d, body %s", method, path, r.status, r.body)
	}
	var l []map[string]any
	if err := json.Unmarshal(r.body, &l); err != nil {
		a.t.Fatalf("%s %s: want a bare array, got %s: %v", method, path, r.body, err)
	}
	return l
}

// fail sends a request that must answer status with a ClerkErrors body
// and returns the first error's code.
func (a *api) fail(method, path string, body any, status int) string {
	a.t.Helper()
	r := a.do(method, path, body)
	if r.status != status {
		a.t.Fatalf("%s %s: status %d, want %d; body %s", method, path, r.status, status, r.body)
	}
	return checkClerkErrors(a.t, r)
}

// checkClerkErrors asserts the ClerkErrors shape and returns the code.
func checkClerkErrors(t *testing.T, r response) string {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	var body struct {
		Errors []struct {
			Code        *string `json:"code"`
			Message     *string `json:"message"`
			LongMessage *string `json:"long_message"`
		} `json:"errors"`
		Meta    map[string]any `json:"meta"`
		TraceID string         `json:"clerk_trace_id"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatalf("error body %s: %v", r.body, err)
	}
	if len(body.Errors) == 0 || body.Errors[0].Code == nil || body.Errors[0].Message == nil || body.Errors[0].LongMessage == nil {
		t.Fatalf("error body lacks code/message/long_message: %s", r.body)
	}
	if body.TraceID == "" || body.TraceID != r.header.Get("Clerk-Trace-Id") {
		t.Errorf("clerk_trace_id %q, header %q: want the same non-empty id", body.TraceID, r.header.Get("Clerk-Trace-Id"))
	}
	if body.Meta == nil {
		t.Errorf("error body has no meta object: %s", r.body)
	}
	return *body.Errors[0].Code
}

// list decodes a {data,total_count} envelope.
func (a *api) envelope(method, path string) ([]map[string]any, int) {
	a.t.Helper()
	m := a.ok(method, path, nil)
	raw, ok := m["data"].([]any)
	if !ok {
		a.t.Fatalf("%s %s: no data array in %v", method, path, m)
	}
	total, ok := m["total_count"].(float64)
	if !ok {
		a.t.Fatalf("%s %s: no total_count in %v", method, path, m)
	}
	out := make([]map[string]any, len(raw))
	for i, x := range raw {
		out[i] = x.(map[string]any)
	}
	return out, int(total)
}

func ids(items []map[string]any) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i], _ = it["id"].(string)
	}
	return out
}

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

// stepClock advances 1 ms on every reading, so every record gets its own
// timestamp and orderings are deterministic.
type stepClock struct {
	mu sync.Mutex
	t  time.Time
}

func newStepClock() *stepClock {
	return &stepClock{t: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}
}

func (c *stepClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond)
	return c.t
}

// mustUser creates a user through the API and returns its id.
func (a *api) mustUser(body map[string]any) string {
	a.t.Helper()
	return str(a.ok("POST", "/users", body), "id")
}
