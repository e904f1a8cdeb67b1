package organizations_test

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/jarcoal/httpmock"
)

// Spec-shaped fixtures: every required field, Unix-ms timestamps, object
// fields.
const (
	orgJSON = `{
  "object": "organization", "id": "org_1", "name": "Acme", "slug": "acme",
  "image_url": "https://img.clerk.com/org_1", "has_image": true,
  "members_count": 3, "missing_member_with_elevated_permissions": false,
  "pending_invitations_count": 1, "max_allowed_memberships": 5,
  "admin_delete_enabled": true,
  "public_metadata": {"plan": "pro"}, "private_metadata": {"stripe_id": "cus_1"},
  "created_by": "user_1", "created_at": 1700000000000, "updated_at": 1700000001000,
  "last_active_at": 1700000002000, "role_set_key": null
}`

	membershipJSON = `{
  "object": "organization_membership", "id": "orgmem_1", "role": "org:member",
  "role_name": "Member", "permissions": ["org:sys_profile:read"],
  "public_metadata": {"team": "core"}, "private_metadata": {},
  "organization": ` + orgJSON + `,
  "public_user_data": {
    "user_id": "user_2", "first_name": "Ada", "last_name": null,
    "profile_image_url": null, "image_url": "https://img.clerk.com/user_2",
    "has_image": false, "identifier": "ada@example.com", "username": "ada",
    "banned": false, "deprovisioned": false
  },
  "created_at": 1700000003000, "updated_at": 1700000004000
}`

	invitationJSON = `{
  "object": "organization_invitation", "id": "orginv_1",
  "email_address": "bob@example.com", "role": "org:member", "role_name": "Member",
  "organization_id": "org_1", "inviter_id": "user_1",
  "public_inviter_data": {
    "user_id": "user_1", "first_name": "Ann", "last_name": "Lee",
    "image_url": "https://img.clerk.com/user_1", "has_image": true,
    "identifier": "ann@example.com"
  },
  "status": "pending", "public_metadata": {"source": "import"}, "private_metadata": {},
  "url": "https://accounts.example.com/invite?t=x", "expires_at": 1702592000000,
  "created_at": 1700000005000, "updated_at": 1700000006000
}`

	deletedJSON = `{"object": "organization", "id": "org_1", "deleted": true}`
)

// envelope wraps items in the {data, total_count} list shape.
func envelope(total int, items ...string) string {
	return `{"data":[` + strings.Join(items, ",") + `],"total_count":` + strconv.Itoa(total) + `}`
}

// seen is one request as it reached the server.
type seen struct {
	Method      string
	Path        string // escaped
	Query       map[string][]string
	ContentType string
	Body        []byte
}

// recorder answers every request with reply and remembers it.
type recorder struct {
	mu    sync.Mutex
	reqs  []seen
	reply func(n int, r *http.Request) (int, string)
}

func (rec *recorder) all() []seen {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]seen(nil), rec.reqs...)
}

// newClient returns a client on an httpmock transport whose every request
// is answered by reply (n counts requests from 0).
func newClient(t *testing.T, reply func(n int, r *http.Request) (int, string)) (*clerk.Client, *recorder, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	rec := &recorder{reply: reply}
	mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		var body []byte
		if r.Body != nil {
			body, _ = io.ReadAll(r.Body)
			// Let reply read the body too.
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		rec.mu.Lock()
		n := len(rec.reqs)
		rec.reqs = append(rec.reqs, seen{
			Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.Query(),
			ContentType: r.Header.Get("Content-Type"), Body: body,
		})
		rec.mu.Unlock()
		status, text := rec.reply(n, r)
		resp := httpmock.NewStringResponse(status, text)
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
	return c, rec, mt
}

// always answers every request with the same status and body.
func always(status int, body string) func(int, *http.Request) (int, string) {
	return func(int, *http.Request) (int, string) { return status, body }
}
