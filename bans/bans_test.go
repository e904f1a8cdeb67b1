package bans_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/bans"
	"github.com/clerkgo/clerk/internal/testkit"
	"github.com/clerkgo/clerk/users"
	"github.com/google/go-cmp/cmp"
)

// userJSON is a spec-shaped user.
func userJSON(id string, banned, locked bool) string {
	return fmt.Sprintf(`{
		"id": %[1]q, "object": "user", "external_id": null,
		"primary_email_address_id": "idn_%[1]s", "primary_phone_number_id": null, "primary_web3_wallet_id": null,
		"username": null, "first_name": "Ada", "last_name": "Lovelace",
		"image_url": "https://img.clerk.com/x", "has_image": false,
		"public_metadata": {}, "private_metadata": {}, "unsafe_metadata": {},
		"email_addresses": [{"id": "idn_%[1]s", "object": "email_address", "email_address": "%[1]s@example.com",
			"reserved": false, "verification": {"status": "verified", "strategy": "email_code", "attempts": 1, "expire_at": 1764547800000},
			"linked_to": [], "created_at": 1764547200000, "updated_at": 1764547200000}],
		"phone_numbers": [], "web3_wallets": [], "external_accounts": [],
		"password_enabled": false, "two_factor_enabled": false,
		"banned": %[2]t, "locked": %[3]t, "lockout_expires_in_seconds": null,
		"last_sign_in_at": 1764547300000, "last_active_at": 1764547400000,
		"created_at": 1764547200000, "updated_at": 1764547500000
	}`, id, banned, locked)
}

func usersJSON(ids []string, banned bool) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = userJSON(id, banned, false)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

const allowJSON = `{"object":"allowlist_identifier","id":"alid_1","invitation_id":"inv_1","identifier":"ada@example.com",
	"identifier_type":"email_address","instance_id":"ins_1","created_at":1764547200000,"updated_at":1764547201000}`

const blockJSON = `{"object":"blocklist_identifier","id":"blid_1","identifier":"spam.example.com",
	"identifier_type":"email_address","instance_id":"ins_1","created_at":1764547200000,"updated_at":1764547201000}`

const deletedJSON = `{"object":"allowlist_identifier","id":"alid_1","deleted":true}`

func TestRequestShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		call   func(context.Context, *bans.Service) error
		reply  string
		method string
		path   string
		query  url.Values
		body   string
	}{
		{"ban", func(ctx context.Context, s *bans.Service) error {
			_, err := s.Ban(ctx, "user_1")
			return err
		}, userJSON("user_1", true, false), http.MethodPost, "/users/user_1/ban", nil, ""},
		{"unban", func(ctx context.Context, s *bans.Service) error {
			_, err := s.Unban(ctx, "user_1")
			return err
		}, userJSON("user_1", false, false), http.MethodPost, "/users/user_1/unban", nil, ""},
		{"lock", func(ctx context.Context, s *bans.Service) error {
			_, err := s.Lock(ctx, "user_1")
			return err
		}, userJSON("user_1", false, true), http.MethodPost, "/users/user_1/lock", nil, ""},
		{"unlock escapes the id", func(ctx context.Context, s *bans.Service) error {
			_, err := s.Unlock(ctx, "user/1")
			return err
		}, userJSON("user_1", false, false), http.MethodPost, "/users/user%2F1/unlock", nil, ""},
		{"ban many", func(ctx context.Context, s *bans.Service) error {
			_, err := s.BanMany(ctx, []string{"user_1", "user_2"})
			return err
		}, usersJSON([]string{"user_1", "user_2"}, true), http.MethodPost, "/users/ban", nil, `{"user_ids":["user_1","user_2"]}`},
		{"unban many", func(ctx context.Context, s *bans.Service) error {
			_, err := s.UnbanMany(ctx, []string{"user_1"})
			return err
		}, usersJSON([]string{"user_1"}, false), http.MethodPost, "/users/unban", nil, `{"user_ids":["user_1"]}`},
		{"list allowlist", func(ctx context.Context, s *bans.Service) error {
			_, err := s.ListAllowlistIdentifiers(ctx, nil)
			return err
		}, `{"data":[],"total_count":0}`, http.MethodGet, "/allowlist_identifiers", url.Values{"paginated": {"true"}}, ""},
		{"list allowlist paged", func(ctx context.Context, s *bans.Service) error {
			_, err := s.ListAllowlistIdentifiers(ctx, &bans.ListAllowlistParams{Limit: 25, Offset: 50})
			return err
		}, `{"data":[],"total_count":0}`, http.MethodGet, "/allowlist_identifiers",
			url.Values{"paginated": {"true"}, "limit": {"25"}, "offset": {"50"}}, ""},
		{"create allowlist identifier", func(ctx context.Context, s *bans.Service) error {
			_, err := s.CreateAllowlistIdentifier(ctx, &bans.CreateAllowlistIdentifierParams{Identifier: "ada@example.com"})
			return err
		}, allowJSON, http.MethodPost, "/allowlist_identifiers", nil, `{"identifier":"ada@example.com"}`},
		{"create allowlist identifier with notify", func(ctx context.Context, s *bans.Service) error {
			_, err := s.CreateAllowlistIdentifier(ctx, &bans.CreateAllowlistIdentifierParams{Identifier: "*@example.com", Notify: true})
			return err
		}, allowJSON, http.MethodPost, "/allowlist_identifiers", nil, `{"identifier":"*@example.com","notify":true}`},
		{"delete allowlist identifier", func(ctx context.Context, s *bans.Service) error {
			_, err := s.DeleteAllowlistIdentifier(ctx, "alid_1")
			return err
		}, deletedJSON, http.MethodDelete, "/allowlist_identifiers/alid_1", nil, ""},
		{"list blocklist", func(ctx context.Context, s *bans.Service) error {
			_, err := s.ListBlocklistIdentifiers(ctx)
			return err
		}, `{"data":[],"total_count":0}`, http.MethodGet, "/blocklist_identifiers", nil, ""},
		{"create blocklist identifier", func(ctx context.Context, s *bans.Service) error {
			_, err := s.CreateBlocklistIdentifier(ctx, &bans.CreateBlocklistIdentifierParams{Identifier: "+15555550100"})
			return err
		}, blockJSON, http.MethodPost, "/blocklist_identifiers", nil, `{"identifier":"+15555550100"}`},
		{"delete blocklist identifier", func(ctx context.Context, s *bans.Service) error {
			_, err := s.DeleteBlocklistIdentifier(ctx, "blid 1")
			return err
		}, deletedJSON, http.MethodDelete, "/blocklist_identifiers/blid%201", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newFake(t, always(http.StatusOK, tt.reply))
			if err := tt.call(context.Background(), c.Bans); err != nil {
				t.Fatal(err)
			}
			calls := f.Calls()
			if len(calls) != 1 {
				t.Fatalf("%d requests, want 1", len(calls))
			}
			checkCall(t, calls[0], tt.method, tt.path, tt.query, tt.body)
		})
	}
}

func TestDecode(t *testing.T) {
	t.Parallel()
	t.Run("user", func(t *testing.T) {
		t.Parallel()
		c, _ := newFake(t, always(http.StatusOK, userJSON("user_1", true, false)))
		u, err := c.Bans.Ban(context.Background(), "user_1")
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != "user_1" || u.Object != "user" || !u.Banned || u.Locked || len(u.EmailAddresses) != 1 {
			t.Errorf("user = %+v", u)
		}
	})
	t.Run("allowlist identifier", func(t *testing.T) {
		t.Parallel()
		c, _ := newFake(t, always(http.StatusOK, allowJSON))
		got, err := c.Bans.CreateAllowlistIdentifier(context.Background(), &bans.CreateAllowlistIdentifierParams{Identifier: "ada@example.com"})
		if err != nil {
			t.Fatal(err)
		}
		want := &bans.AllowlistIdentifier{
			Object: "allowlist_identifier", ID: "alid_1", InvitationID: "inv_1", Identifier: "ada@example.com",
			IdentifierType: bans.IdentifierEmailAddress, InstanceID: "ins_1", CreatedAt: time.UnixMilli(1764547200000).UTC(), UpdatedAt: time.UnixMilli(1764547201000).UTC(),
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("blocklist envelope", func(t *testing.T) {
		t.Parallel()
		c, _ := newFake(t, always(http.StatusOK, `{"data":[`+blockJSON+`],"total_count":1}`))
		page, err := c.Bans.ListBlocklistIdentifiers(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		want := &bans.BlocklistIdentifier{
			Object: "blocklist_identifier", ID: "blid_1", Identifier: "spam.example.com",
			IdentifierType: bans.IdentifierEmailAddress, InstanceID: "ins_1", CreatedAt: time.UnixMilli(1764547200000).UTC(), UpdatedAt: time.UnixMilli(1764547201000).UTC(),
		}
		if !page.HasTotal || page.TotalCount != 1 || len(page.Data) != 1 {
			t.Fatalf("page = %+v", page)
		}
		if diff := cmp.Diff(want, page.Data[0]); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("deleted object", func(t *testing.T) {
		t.Parallel()
		c, _ := newFake(t, always(http.StatusOK, deletedJSON))
		got, err := c.Bans.DeleteAllowlistIdentifier(context.Background(), "alid_1")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(&clerk.DeletedObject{Object: "allowlist_identifier", ID: "alid_1", Deleted: true}, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

func ids(n int) []string {
	s := make([]string, n)
	for i := range s {
		s[i] = fmt.Sprintf("user_%03d", i)
	}
	return s
}

// bulkEcho answers a bulk ban or unban with the users it names; the call
// numbered failOn is refused.
func bulkEcho(failOn int) func(int, call) reply {
	return func(n int, c call) reply {
		if n == failOn {
			return reply{Status: http.StatusBadRequest, Body: errorBody("form_param_value_invalid", "user not found")}
		}
		var in struct {
			UserIDs []string `json:"user_ids"`
		}
		if err := json.Unmarshal([]byte(c.Body), &in); err != nil {
			return reply{Status: http.StatusBadRequest, Body: errorBody("bad_body", err.Error())}
		}
		return reply{Status: http.StatusOK, Body: usersJSON(in.UserIDs, c.Path == "/users/ban")}
	}
}

func bodyIDs(t *testing.T, c call) []string {
	t.Helper()
	var in struct {
		UserIDs []string `json:"user_ids"`
	}
	if err := json.Unmarshal([]byte(c.Body), &in); err != nil {
		t.Fatal(err)
	}
	return in.UserIDs
}

func TestBulkChunks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n     int
		sizes []int
	}{
		{1, []int{1}},
		{50, []int{50}},
		{51, []int{50, 1}},
		{120, []int{50, 50, 20}},
	}
	for _, tt := range tests {
		for _, op := range []string{"ban", "unban"} {
			t.Run(fmt.Sprintf("%s %d", op, tt.n), func(t *testing.T) {
				t.Parallel()
				c, f := newFake(t, bulkEcho(-1))
				in := ids(tt.n)
				var got []*users.User
				var err error
				if op == "ban" {
					got, err = c.Bans.BanMany(context.Background(), in)
				} else {
					got, err = c.Bans.UnbanMany(context.Background(), in)
				}
				if err != nil {
					t.Fatal(err)
				}
				var sizes []int
				var sent []string
				for _, call := range f.Calls() {
					if call.Method != http.MethodPost || call.Path != "/users/"+op {
						t.Errorf("request %s %s", call.Method, call.Path)
					}
					b := bodyIDs(t, call)
					sizes = append(sizes, len(b))
					sent = append(sent, b...)
				}
				if diff := cmp.Diff(tt.sizes, sizes); diff != "" {
					t.Errorf("chunk sizes (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(in, sent); diff != "" {
					t.Errorf("IDs sent (-want +got):\n%s", diff)
				}
				var gotIDs []string
				for _, u := range got {
					gotIDs = append(gotIDs, u.ID)
					if u.Banned != (op == "ban") {
						t.Errorf("%s: banned = %t", u.ID, u.Banned)
					}
				}
				if diff := cmp.Diff(in, gotIDs); diff != "" {
					t.Errorf("users returned (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// refuseIDs answers a bulk ban or unban like the API: a call naming any
// of the bad IDs is refused as a whole with 404, any other is echoed.
func refuseIDs(bad ...string) func(int, call) reply {
	return func(n int, c call) reply {
		var in struct {
			UserIDs []string `json:"user_ids"`
		}
		if err := json.Unmarshal([]byte(c.Body), &in); err != nil {
			return reply{Status: http.StatusBadRequest, Body: errorBody("bad_body", err.Error())}
		}
		for _, id := range in.UserIDs {
			if slices.Contains(bad, id) {
				return reply{Status: http.StatusNotFound, Body: errorBody("resource_not_found", "No user was found with id "+id)}
			}
		}
		return bulkEcho(-1)(n, c)
	}
}

func TestBulkPartialFailure(t *testing.T) {
	t.Parallel()
	in := ids(120)
	c, f := newFake(t, refuseIDs(in[60]))
	got, err := c.Bans.BanMany(context.Background(), in)
	var be *clerk.BulkError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want *BulkError", err)
	}
	var apiErr *clerk.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound || !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("err does not unwrap to the API error: %v", err)
	}
	failed := be.Failed()
	if len(failed) != 1 || failed[0].Index != 60 || failed[0].Key != in[60] || !errors.Is(failed[0].Err, clerk.ErrNotFound) {
		t.Errorf("Failed = %+v", failed)
	}
	if n := len(be.Processed()); n != 119 {
		t.Errorf("%d processed, want 119", n)
	}
	if diff := cmp.Diff([]int{60}, be.Unprocessed()); diff != "" {
		t.Errorf("Unprocessed (-want +got):\n%s", diff)
	}
	if len(got) != 119 {
		t.Errorf("returned %d users, want 119", len(got))
	}
	// Each good ID is in exactly one accepted call.
	accepted := map[string]int{}
	for i, call := range f.Calls() {
		if i < len(f.Calls()) && !strings.Contains(call.Body, in[60]) {
			for _, id := range bodyIDs(t, call) {
				accepted[id]++
			}
		}
	}
	for _, id := range in {
		if want := map[bool]int{true: 0, false: 1}[id == in[60]]; accepted[id] != want {
			t.Errorf("%s in %d accepted calls, want %d", id, accepted[id], want)
		}
	}
	if be.Op != "Bans.BanMany" || !strings.Contains(err.Error(), "119 processed, 1 failed, 0 not sent") {
		t.Errorf("message = %q", err.Error())
	}
}

func TestBulkStopOnError(t *testing.T) {
	t.Parallel()
	in := ids(120)
	c, f := newFake(t, refuseIDs(in[60]))
	got, err := c.Bans.BanMany(context.Background(), in, clerk.WithStopOnError())
	var be *clerk.BulkError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want *BulkError", err)
	}
	if n, f, ns := len(be.Processed()), len(be.Failed()), len(be.NotSent()); n != 99 || f != 1 || ns != 20 {
		t.Errorf("report %d/%d/%d, want 99/1/20", n, f, ns)
	}
	if len(got) != 99 {
		t.Errorf("returned %d users, want 99", len(got))
	}
	for _, call := range f.Calls() {
		if strings.Contains(call.Body, in[100]) {
			t.Errorf("an ID after the refused chunk was sent: %s", call.Body)
		}
	}
}

func TestBadInputSendsNothing(t *testing.T) {
	t.Parallel()
	blankLater := ids(60)
	blankLater[55] = " "
	tests := []struct {
		name  string
		field string
		call  func(context.Context, *bans.Service) error
	}{
		{"ban empty", "user_id", func(ctx context.Context, s *bans.Service) error { _, err := s.Ban(ctx, ""); return err }},
		{"ban many nil ctx", "ctx", func(_ context.Context, s *bans.Service) error {
			var nilCtx context.Context
			_, err := s.BanMany(nilCtx, []string{"user_1"})
			return err
		}},
		{"unban blank", "user_id", func(ctx context.Context, s *bans.Service) error { _, err := s.Unban(ctx, "  "); return err }},
		{"lock empty", "user_id", func(ctx context.Context, s *bans.Service) error { _, err := s.Lock(ctx, ""); return err }},
		{"unlock empty", "user_id", func(ctx context.Context, s *bans.Service) error { _, err := s.Unlock(ctx, ""); return err }},
		{"ban many nil", "userIDs", func(ctx context.Context, s *bans.Service) error { _, err := s.BanMany(ctx, nil); return err }},
		{"unban many empty", "userIDs", func(ctx context.Context, s *bans.Service) error {
			_, err := s.UnbanMany(ctx, []string{})
			return err
		}},
		{"ban many, blank ID in second chunk", "userIDs[55]", func(ctx context.Context, s *bans.Service) error {
			_, err := s.BanMany(ctx, blankLater)
			return err
		}},
		{"create allowlist nil", "params", func(ctx context.Context, s *bans.Service) error {
			_, err := s.CreateAllowlistIdentifier(ctx, nil)
			return err
		}},
		{"create allowlist empty identifier", "identifier", func(ctx context.Context, s *bans.Service) error {
			_, err := s.CreateAllowlistIdentifier(ctx, &bans.CreateAllowlistIdentifierParams{})
			return err
		}},
		{"delete allowlist empty id", "identifier_id", func(ctx context.Context, s *bans.Service) error {
			_, err := s.DeleteAllowlistIdentifier(ctx, "")
			return err
		}},
		{"create blocklist nil", "params", func(ctx context.Context, s *bans.Service) error {
			_, err := s.CreateBlocklistIdentifier(ctx, nil)
			return err
		}},
		{"create blocklist blank identifier", "identifier", func(ctx context.Context, s *bans.Service) error {
			_, err := s.CreateBlocklistIdentifier(ctx, &bans.CreateBlocklistIdentifierParams{Identifier: "\t"})
			return err
		}},
		{"delete blocklist empty id", "identifier_id", func(ctx context.Context, s *bans.Service) error {
			_, err := s.DeleteBlocklistIdentifier(ctx, "")
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newFake(t, nil)
			testkit.CheckRefused(t, tt.call(context.Background(), c.Bans), tt.field, f)
		})
	}
}
