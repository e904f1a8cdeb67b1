package users_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/internal/testkit"
)

// sent is one request as the API saw it.
type sent struct {
	Method string
	// Path is the escaped path below /v1.
	Path        string
	Query       url.Values
	ContentType string
	Body        []byte
}

// JSON decodes the body (nil when there is none).
func (s sent) JSON(t *testing.T) any {
	t.Helper()
	return testkit.JSONValue(t, string(s.Body))
}

// reply is one canned answer.
type reply struct {
	status int
	body   string
	header http.Header
}

// fakeAPI records every request and answers from a queue of replies; once
// the queue is empty it repeats the last reply (or 200 {}).
type fakeAPI struct {
	mock    *testkit.Mock
	mu      sync.Mutex
	replies []reply
	// handler, when set, answers instead of the queue.
	handler func(sent) reply
}

func (f *fakeAPI) answer(_ int, _ *http.Request, c testkit.Call) testkit.Reply {
	s := sentOf(c)
	f.mu.Lock()
	r := reply{status: 200, body: "{}"}
	switch {
	case f.handler != nil:
		f.mu.Unlock()
		r = f.handler(s)
		f.mu.Lock()
	case len(f.replies) > 1:
		r = f.replies[0]
		f.replies = f.replies[1:]
	case len(f.replies) == 1:
		r = f.replies[0]
	}
	f.mu.Unlock()
	return testkit.Reply{Status: r.status, Body: r.body, Header: r.header}
}

func sentOf(c testkit.Call) sent {
	s := sent{Method: c.Method, Path: c.Path, Query: c.Query, ContentType: c.Header.Get("Content-Type")}
	if c.Body != "" {
		s.Body = []byte(c.Body)
	}
	return s
}

func (f *fakeAPI) requests() []sent {
	calls := f.mock.Calls()
	out := make([]sent, len(calls))
	for i, c := range calls {
		out[i] = sentOf(c)
	}
	return out
}

// newClient returns a client whose requests go to a fresh fakeAPI. Retries
// are off unless retries > 0, with a 1 ms backoff.
func newClient(t *testing.T, retries int, replies ...reply) (*clerk.Client, *fakeAPI) {
	t.Helper()
	f := &fakeAPI{replies: replies}
	f.mock = testkit.NewMock(f.answer)
	return testkit.NewClient(t, f.mock, clerk.WithMaxRetries(retries)), f
}

func ok(body string) reply { return reply{status: 200, body: body} }

func status(code int, body string) reply { return reply{status: code, body: body} }

// userJSON is a spec-shaped user with every documented field.
func userJSON(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("testdata/user.json")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// smallUser is a minimal spec-shaped user.
func smallUser(id string) string {
	var b bytes.Buffer
	_ = json.NewEncoder(&b).Encode(map[string]any{
		"id": id, "object": "user", "username": nil, "first_name": nil, "last_name": nil,
		"has_image": false, "primary_email_address_id": nil, "primary_phone_number_id": nil,
		"primary_web3_wallet_id": nil, "password_enabled": false, "two_factor_enabled": false,
		"totp_enabled": false, "backup_code_enabled": false, "email_addresses": []any{},
		"phone_numbers": []any{}, "web3_wallets": []any{}, "passkeys": []any{},
		"external_accounts": []any{}, "saml_accounts": []any{}, "enterprise_accounts": []any{},
		"public_metadata": map[string]any{}, "private_metadata": map[string]any{}, "unsafe_metadata": map[string]any{},
		"external_id": nil, "last_sign_in_at": nil, "banned": false, "locked": false,
		"lockout_expires_in_seconds": nil, "verification_attempts_remaining": nil,
		"created_at": 1700000000000, "updated_at": 1700000000000, "delete_self_enabled": true,
		"create_organization_enabled": true, "last_active_at": nil, "mfa_enabled_at": nil,
		"mfa_disabled_at": nil, "legal_accepted_at": nil,
	})
	return b.String()
}

// userList is a bare JSON array of minimal users.
func userList(ids ...string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strings.TrimSpace(smallUser(id))
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func raw(s string) json.RawMessage { return json.RawMessage(s) }

// jsonEqual compares raw JSON by value, ignoring formatting.
func jsonEqual(a, b json.RawMessage) bool { return testkit.JSONEqual(a, b) }
