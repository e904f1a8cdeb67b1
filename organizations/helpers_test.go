package organizations_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/internal/testkit"
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

// recorder remembers every request of a client built by newClient.
type recorder struct {
	mock *testkit.Mock
}

func (rec *recorder) all() []seen {
	calls := rec.mock.Calls()
	out := make([]seen, len(calls))
	for i, c := range calls {
		out[i] = seen{
			Method: c.Method, Path: "/v1" + c.Path, Query: c.Query,
			ContentType: c.Header.Get("Content-Type"), Body: []byte(c.Body),
		}
	}
	return out
}

// newClient returns a client on an httpmock transport whose every request
// is answered by reply (n counts requests from 0).
func newClient(t *testing.T, reply func(n int, r *http.Request) (int, string)) (*clerk.Client, *recorder, *httpmock.MockTransport) {
	t.Helper()
	m := testkit.NewMock(func(n int, r *http.Request, _ testkit.Call) testkit.Reply {
		status, text := reply(n, r)
		return testkit.Reply{Status: status, Body: text}
	})
	return testkit.NewClient(t, m), &recorder{mock: m}, m.MockTransport
}

// always answers every request with the same status and body.
func always(status int, body string) func(int, *http.Request) (int, string) {
	return func(int, *http.Request) (int, string) { return status, body }
}

// assertJSONBody compares a request body with the JSON in want ("" means
// the request must have no body).
func assertJSONBody(t *testing.T, want string, got []byte) {
	t.Helper()
	testkit.CheckJSONBody(t, want, got)
}

// jsonEqual compares raw JSON by meaning, not by spacing.
func jsonEqual(a, b json.RawMessage) bool { return testkit.JSONEqual(a, b) }

// ms is the instant of a Unix-millisecond wire value, as the SDK decodes it.
func ms(n int64) time.Time { return time.UnixMilli(n).UTC() }

// msp is ms for the nullable instants.
func msp(n int64) *time.Time { t := ms(n); return &t }
