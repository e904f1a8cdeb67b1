package main

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/jwt"
)

// frontend is the origin the test verifier accepts in "azp".
const frontend = "http://localhost:3000"

// testEnv is one fake Backend API seeded like the demo, a client on it,
// and this API served in front of it.
type testEnv struct {
	t    *testing.T
	fake *clerktest.Server
	// client is for the test's own reads and writes of the fake's state.
	client *clerk.Client
	url    string
	logs   *syncBuffer
	*demo
}

// newEnv starts a fake and the API; edit adjusts the Deps before the
// server is built (to swap a service or shorten the timeout).
func newEnv(t *testing.T, edit ...func(*Deps)) *testEnv {
	t.Helper()
	fake := clerktest.NewServer(t)
	// Two clients: the server's, and the test's own for checking the
	// fake's state, so that a 429 slowing the server's client down (as it
	// should) does not slow the checks. No retries: each injected fault is
	// seen once, as the handler sees it.
	c, err := clerk.NewClient(fake.SecretKey, clerk.WithBaseURL(fake.URL), clerk.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	check, err := clerk.NewClient(fake.SecretKey, clerk.WithBaseURL(fake.URL), clerk.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	d, err := seedDemo(fake, frontend)
	if err != nil {
		t.Fatal(err)
	}
	v, err := newVerifier(jwt.WithPEM(fake.PublicKeyPEM()), []string{frontend})
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	deps := Deps{
		Verifier:      v,
		Users:         c.Users,
		Organizations: c.Organizations,
		Bans:          c.Bans,
		Logger:        slog.New(slog.NewTextHandler(logs, nil)),
	}
	for _, f := range edit {
		f(&deps)
	}
	api := httptest.NewServer(NewServer(deps))
	t.Cleanup(api.Close)
	fake.ResetRequests()
	return &testEnv{t: t, fake: fake, client: check, url: api.URL, logs: logs, demo: d}
}

// token mints a session token for userID, issued for the frontend.
func (e *testEnv) token(userID string, opts ...clerktest.TokenOption) string {
	e.t.Helper()
	return e.fake.NewSessionToken(userID, append([]clerktest.TokenOption{clerktest.WithAuthorizedParty(frontend)}, opts...)...)
}

// adminToken is Ada's token: org:admin of Acme with org:members:manage.
func (e *testEnv) adminToken() string {
	return e.token(e.ada.id, clerktest.WithOrg(e.acme, roleAdmin, permManageMembers))
}

// response is an answer of the API under test.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request to the API; a non-empty body is sent as JSON.
func (e *testEnv) do(t *testing.T, method, path, token, body string) response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.url+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" || (method != http.MethodGet && method != http.MethodHead) {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return send(t, req)
}

// send runs req and reads the whole answer, checking that it is JSON.
// Redirects are answers like any other here, not followed.
func send(t *testing.T, req *http.Request) response {
	t.Helper()
	client := &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", req.Method, req.URL.Path, err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("%s %s: Content-Type %q, want application/json", req.Method, req.URL.Path, ct)
	}
	if !json.Valid(b) {
		t.Errorf("%s %s: body is not JSON: %q", req.Method, req.URL.Path, b)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: b}
}

// decode decodes the body into v.
func (r response) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decoding %q: %v", r.body, err)
	}
}

// problem decodes an error body.
func (r response) problem(t *testing.T) problem {
	t.Helper()
	var p problem
	r.decode(t, &p)
	return p
}

// expect fails t unless the answer has status and, for errors, reason.
func (r response) expect(t *testing.T, status int, reason string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body %s", r.status, status, r.body)
	}
	if reason != "" {
		if got := r.problem(t).Reason; got != reason {
			t.Fatalf("reason %q, want %q; body %s", got, reason, r.body)
		}
	}
}

// calls lists the Backend API requests the fake received, as "METHOD path".
func (e *testEnv) calls() []string {
	var out []string
	for _, r := range e.fake.Requests() {
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}

// publicMetadata reads a user's public metadata through the SDK.
func (e *testEnv) publicMetadata(t *testing.T, userID string) map[string]any {
	t.Helper()
	u, err := e.client.Users.Get(t.Context(), userID)
	if err != nil {
		t.Fatal(err)
	}
	md, err := clerk.DecodeMetadata[map[string]any](u.PublicMetadata)
	if err != nil {
		t.Fatal(err)
	}
	return md
}

// banned reads a user's banned flag through the SDK.
func (e *testEnv) banned(t *testing.T, userID string) bool {
	t.Helper()
	u, err := e.client.Users.Get(t.Context(), userID)
	if err != nil {
		t.Fatal(err)
	}
	return u.Banned
}

// memberRoles reads an organization's members through the SDK, as user id
// to role.
func (e *testEnv) memberRoles(t *testing.T, orgID string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for m, err := range e.client.Organizations.AllMemberships(t.Context(), orgID, nil) {
		if err != nil {
			t.Fatal(err)
		}
		out[m.PublicUserData.UserID] = m.Role
	}
	return out
}

// syncBuffer is a bytes.Buffer safe for concurrent writers (a logger, a
// server goroutine) and readers (the test).
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns what was written so far.
func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
