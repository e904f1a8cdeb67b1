package waitlist_test

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

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/testkit"
	"github.com/clerkgo/clerk/pagination"
	"github.com/clerkgo/clerk/waitlist"
)

const entryBody = `{"object":"waitlist_entry","id":"wle_1","email_address":"a@example.com","status":"invited","is_locked":false,"created_at":1700000000000,"updated_at":1700000001000,"invitation":{"object":"invitation","id":"inv_1","email_address":"a@example.com","public_metadata":{},"revoked":false,"status":"pending","expires_at":null,"created_at":1700000001000,"updated_at":1700000001000}}`

func TestRequests(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name   string
		reply  string
		call   func(c *clerk.Client) (any, error)
		method string
		path   string
		query  url.Values
		body   string
		check  func(t *testing.T, got any)
	}{
		{
			name: "List", reply: `{"data":[` + entryBody + `],"total_count":7}`,
			call: func(c *clerk.Client) (any, error) {
				return c.WaitlistEntries.List(ctx, &waitlist.ListParams{Query: "a@", Status: waitlist.StatusInvited, OrderBy: "-invited_at", Limit: 5})
			},
			method: "GET", path: "/waitlist_entries", query: url.Values{"query": {"a@"}, "status": {"invited"}, "order_by": {"-invited_at"}, "limit": {"5"}},
			check: func(t *testing.T, got any) {
				p := got.(*pagination.Page[waitlist.Entry])
				if p.TotalCount != 7 || len(p.Data) != 1 || p.Data[0].Invitation.Status != "pending" {
					t.Errorf("got %+v", p)
				}
			},
		},
		{
			name: "Create", reply: entryBody,
			call: func(c *clerk.Client) (any, error) {
				return c.WaitlistEntries.Create(ctx, &waitlist.CreateParams{EmailAddress: "a@example.com", Notify: clerk.Ptr(false)})
			},
			method: "POST", path: "/waitlist_entries", body: `{"email_address":"a@example.com","notify":false}`,
			check: func(t *testing.T, got any) {
				e := got.(*waitlist.Entry)
				if e.ID != "wle_1" || e.Status != waitlist.StatusInvited || e.UpdatedAt.UnixMilli() != 1700000001000 || e.Invitation == nil || e.Invitation.ID != "inv_1" {
					t.Errorf("got %+v", e)
				}
			},
		},
		{
			name: "CreateMany", reply: `[` + entryBody + `]`,
			call: func(c *clerk.Client) (any, error) {
				return c.WaitlistEntries.CreateMany(ctx, []*waitlist.CreateParams{{EmailAddress: "a@example.com"}})
			},
			method: "POST", path: "/waitlist_entries/bulk", body: `[{"email_address":"a@example.com"}]`,
		},
		{
			name: "Delete", reply: `{"object":"waitlist_entry","id":"wle_1","deleted":true}`,
			call:   func(c *clerk.Client) (any, error) { return c.WaitlistEntries.Delete(ctx, "wle_1") },
			method: "DELETE", path: "/waitlist_entries/wle_1",
		},
		{
			name: "Invite", reply: entryBody,
			call: func(c *clerk.Client) (any, error) {
				return c.WaitlistEntries.Invite(ctx, "wle_1", &waitlist.InviteParams{IgnoreExisting: true})
			},
			method: "POST", path: "/waitlist_entries/wle_1/invite", body: `{"ignore_existing":true}`,
		},
		{
			name: "Invite without params", reply: entryBody,
			call:   func(c *clerk.Client) (any, error) { return c.WaitlistEntries.Invite(ctx, "wle_1", nil) },
			method: "POST", path: "/waitlist_entries/wle_1/invite", body: `{}`,
		},
		{
			name: "Reject", reply: entryBody,
			call:   func(c *clerk.Client) (any, error) { return c.WaitlistEntries.Reject(ctx, "wle_1") },
			method: "POST", path: "/waitlist_entries/wle_1/reject",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := testkit.NewFake(t, testkit.Always(http.StatusOK, tt.reply))
			got, err := tt.call(c)
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			calls := f.Calls()
			if len(calls) != 1 {
				t.Fatalf("%d calls, want 1", len(calls))
			}
			testkit.CheckCall(t, calls[0], tt.method, tt.path, tt.query, tt.body)
			if tt.check != nil {
				tt.check(t, got)
			}
		})
	}
}

func TestRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name  string
		field string
		call  func(c *clerk.Client) error
	}{
		{"List bad status", "Status", func(c *clerk.Client) error {
			_, err := c.WaitlistEntries.List(ctx, &waitlist.ListParams{Status: "done"})
			return err
		}},
		{"All bad status", "Status", func(c *clerk.Client) error {
			for _, err := range c.WaitlistEntries.All(ctx, &waitlist.ListParams{Status: "done"}) {
				return err
			}
			return nil
		}},
		{"Create nil", "EmailAddress", func(c *clerk.Client) error { _, err := c.WaitlistEntries.Create(ctx, nil); return err }},
		{"CreateMany empty", "params", func(c *clerk.Client) error { _, err := c.WaitlistEntries.CreateMany(ctx, nil); return err }},
		{"CreateMany blank item", "params[1].EmailAddress", func(c *clerk.Client) error {
			_, err := c.WaitlistEntries.CreateMany(ctx, []*waitlist.CreateParams{{EmailAddress: "a@example.com"}, {}})
			return err
		}},
		{"CreateMany nil item", "params[0].EmailAddress", func(c *clerk.Client) error {
			_, err := c.WaitlistEntries.CreateMany(ctx, []*waitlist.CreateParams{nil})
			return err
		}},
		{"CreateMany nil ctx", "ctx", func(c *clerk.Client) error {
			//lint:ignore SA1012 a nil context must be refused, not panic
			_, err := c.WaitlistEntries.CreateMany(nil, []*waitlist.CreateParams{{EmailAddress: "a@example.com"}})
			return err
		}},
		{"Delete empty id", "waitlist_entry_id", func(c *clerk.Client) error { _, err := c.WaitlistEntries.Delete(ctx, ""); return err }},
		{"Invite empty id", "waitlist_entry_id", func(c *clerk.Client) error { _, err := c.WaitlistEntries.Invite(ctx, "", nil); return err }},
		{"Reject empty id", "waitlist_entry_id", func(c *clerk.Client) error { _, err := c.WaitlistEntries.Reject(ctx, " "); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := testkit.NewFake(t, nil)
			testkit.CheckRefused(t, tt.call(c), tt.field, f)
		})
	}
}

// TestCreateManyChunksAndIsolates: 120 inputs go in calls of 50, 50 and
// 20; a chunk refused with 422 is split until the bad input is alone, and
// the report names exactly that input.
func TestCreateManyChunksAndIsolates(t *testing.T) {
	t.Parallel()
	const bad = "bad-77@example.com"
	c, f := testkit.NewFake(t, func(_ int, call testkit.Call) testkit.Reply {
		var items []waitlist.CreateParams
		if err := json.Unmarshal([]byte(call.Body), &items); err != nil {
			return testkit.Reply{Status: http.StatusBadRequest, Body: testkit.ErrorBody("malformed", err.Error())}
		}
		var out []string
		for i, it := range items {
			if it.EmailAddress == bad {
				return testkit.Reply{Status: http.StatusUnprocessableEntity, Body: testkit.ErrorBody("form_param_format_invalid", "bad address")}
			}
			out = append(out, fmt.Sprintf(`{"object":"waitlist_entry","id":"wle_%d","email_address":%q,"status":"pending","created_at":1,"updated_at":1}`, i, it.EmailAddress))
		}
		return testkit.Reply{Status: http.StatusOK, Body: "[" + strings.Join(out, ",") + "]"}
	})
	in := make([]*waitlist.CreateParams, 120)
	for i := range in {
		in[i] = &waitlist.CreateParams{EmailAddress: fmt.Sprintf("user-%d@example.com", i)}
	}
	in[77].EmailAddress = bad
	got, err := c.WaitlistEntries.CreateMany(context.Background(), in)
	var be *core.BulkError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want a BulkError", err)
	}
	if len(got) != 119 {
		t.Errorf("%d entries created, want 119", len(got))
	}
	failed := be.Failed()
	if len(failed) != 1 || failed[0].Index != 77 || failed[0].Key != bad {
		t.Fatalf("failed = %+v", failed)
	}
	if len(be.Processed()) != 119 || len(be.NotSent()) != 0 {
		t.Errorf("processed %d, not sent %d", len(be.Processed()), len(be.NotSent()))
	}
	// 3 chunks; the refused middle one (50) splits 25+25, 13+12, 7+6,
	// 3+4 ... down to the bad input: every call counted.
	if n := len(f.Calls()); n < 4 || n > 3+2*6 {
		t.Errorf("%d calls", n)
	}
	sizes := map[int]int{}
	for _, call := range f.Calls()[:1] {
		var items []json.RawMessage
		_ = json.Unmarshal([]byte(call.Body), &items)
		sizes[len(items)]++
	}
	if sizes[waitlist.CreateManyLimit] != 1 {
		t.Errorf("first call size: %v", sizes)
	}
}

func onFake(t *testing.T) *clerk.Client {
	t.Helper()
	srv := clerktest.NewServer(t)
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL), clerk.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestFakeLifecycle: entries are created one by one and in bulk, listed
// and filtered; an invited entry becomes an application invitation that
// GET /invitations shows; a rejection revokes it.
func TestFakeLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := onFake(t)

	e, err := c.WaitlistEntries.Create(ctx, &waitlist.CreateParams{EmailAddress: "ada@example.com"})
	if err != nil || e.Status != waitlist.StatusPending || !strings.HasPrefix(e.ID, "wle_") || e.Invitation != nil || e.CreatedAt.IsZero() {
		t.Fatalf("Create = %+v, %v", e, err)
	}
	again, err := c.WaitlistEntries.Create(ctx, &waitlist.CreateParams{EmailAddress: "ADA@example.com"})
	if err != nil || again.ID != e.ID {
		t.Fatalf("Create of an address on the waitlist = %+v, %v; want the existing entry", again, err)
	}
	var ae *clerk.APIError

	var many []*waitlist.CreateParams
	for i := range 60 {
		many = append(many, &waitlist.CreateParams{EmailAddress: fmt.Sprintf("w%02d@example.com", i)})
	}
	many[10].EmailAddress = "not-an-address"
	many[20].EmailAddress = "ada@example.com" // already on the waitlist
	created, err := c.WaitlistEntries.CreateMany(ctx, many)
	var be *core.BulkError
	if !errors.As(err, &be) || len(created) != 59 || len(be.Failed()) != 1 || be.Failed()[0].Index != 10 {
		t.Fatalf("CreateMany = %d created, %v", len(created), err)
	}
	if !slices.ContainsFunc(created, func(x *waitlist.Entry) bool { return x.ID == e.ID }) {
		t.Fatal("CreateMany did not answer the existing entry of ada@example.com")
	}

	p, err := c.WaitlistEntries.List(ctx, &waitlist.ListParams{OrderBy: "+email_address", Limit: 3})
	if err != nil || p.TotalCount != 59 || len(p.Data) != 3 || p.Data[0].EmailAddress != "ada@example.com" {
		t.Fatalf("List = %+v, %v", p, err)
	}
	n := 0
	for _, err := range c.WaitlistEntries.All(ctx, &waitlist.ListParams{Limit: 25}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 59 {
		t.Fatalf("All walked %d entries", n)
	}

	inv, err := c.WaitlistEntries.Invite(ctx, e.ID, nil)
	if err != nil || inv.Status != waitlist.StatusInvited || inv.Invitation == nil || inv.Invitation.EmailAddress != "ada@example.com" {
		t.Fatalf("Invite = %+v, %v", inv, err)
	}
	invs, err := c.Invitations.List(ctx, nil)
	if err != nil || len(invs.Data) != 1 || invs.Data[0].ID != inv.Invitation.ID || invs.Data[0].Status != "pending" {
		t.Fatalf("invitations after Invite = %+v, %v", invs, err)
	}
	_, err = c.WaitlistEntries.Invite(ctx, e.ID, nil)
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("second Invite with a pending invitation: %v", err)
	}

	invited, err := c.WaitlistEntries.List(ctx, &waitlist.ListParams{Status: waitlist.StatusInvited})
	if err != nil || invited.TotalCount != 1 || invited.Data[0].ID != e.ID {
		t.Fatalf("List invited = %+v, %v", invited, err)
	}
	byQuery, err := c.WaitlistEntries.List(ctx, &waitlist.ListParams{Query: "w05@example"})
	if err != nil || byQuery.TotalCount != 1 {
		t.Fatalf("List query = %d, %v", byQuery.TotalCount, err)
	}

	rej, err := c.WaitlistEntries.Reject(ctx, e.ID)
	if err != nil || rej.Status != waitlist.StatusRejected || rej.Invitation == nil || rej.Invitation.Status != "revoked" {
		t.Fatalf("Reject = %+v, %v", rej, err)
	}

	del, err := c.WaitlistEntries.Delete(ctx, e.ID)
	if err != nil || !del.Deleted || del.Object != "waitlist_entry" {
		t.Fatalf("Delete = %+v, %v", del, err)
	}
	_, err = c.WaitlistEntries.Reject(ctx, e.ID)
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusNotFound {
		t.Fatalf("Reject of a deleted entry: %v", err)
	}
	left := 0
	for x, err := range c.WaitlistEntries.All(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if x.ID == e.ID {
			t.Fatal("deleted entry still listed")
		}
		left++
	}
	if left != 58 {
		t.Fatalf("%d entries left", left)
	}
}

func TestUnimplemented(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var u waitlist.API = waitlist.Unimplemented{}
	errs := map[string]error{}
	_, errs["List"] = u.List(ctx, nil)
	for _, err := range u.All(ctx, nil) {
		errs["All"] = err
	}
	_, errs["Create"] = u.Create(ctx, nil)
	_, errs["CreateMany"] = u.CreateMany(ctx, nil)
	_, errs["Delete"] = u.Delete(ctx, "")
	_, errs["Invite"] = u.Invite(ctx, "", nil)
	_, errs["Reject"] = u.Reject(ctx, "")
	for m, err := range errs {
		var ni *core.NotImplementedError
		if !errors.As(err, &ni) || ni.Method != "WaitlistEntries."+m {
			t.Errorf("%s: %v", m, err)
		}
	}
	if len(errs) != 7 {
		t.Errorf("%d methods checked", len(errs))
	}
}
