package users_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/pagination"
	"github.com/clerkgo/clerk/users"
	"github.com/google/go-cmp/cmp"
)

// pagedUsers answers GET /users from ids, honouring limit plus either
// starting_after or offset, like the API.
func pagedUsers(ids []string) func(sent) reply {
	return func(s sent) reply {
		limit, _ := strconv.Atoi(s.Query.Get("limit"))
		start := 0
		if after := s.Query.Get("starting_after"); after != "" {
			for i, id := range ids {
				if id == after {
					start = i + 1
				}
			}
		} else if off := s.Query.Get("offset"); off != "" {
			start, _ = strconv.Atoi(off)
		}
		end := min(start+limit, len(ids))
		start = min(start, end)
		return ok(userList(ids[start:end]...))
	}
}

func collect(t *testing.T, c *clerk.Client, p *users.ListParams) ([]string, error) {
	t.Helper()
	var got []string
	for u, err := range c.Users.All(context.Background(), p) {
		if err != nil {
			return got, err
		}
		got = append(got, u.ID)
	}
	return got, nil
}

func TestAllPaging(t *testing.T) {
	t.Parallel()
	ids := []string{"user_1", "user_2", "user_3", "user_4", "user_5"}
	tests := []struct {
		name   string
		params *users.ListParams
		want   []string
		// queries are the paging parts of each request, in order.
		queries []url.Values
	}{
		{
			name:   "default ordering pages by cursor",
			params: &users.ListParams{Limit: 2, Query: "a"},
			want:   ids,
			queries: []url.Values{
				{"limit": {"2"}, "query": {"a"}},
				{"limit": {"2"}, "query": {"a"}, "starting_after": {"user_2"}},
				{"limit": {"2"}, "query": {"a"}, "starting_after": {"user_4"}},
			},
		},
		{
			name:   "created_at ordering pages by cursor",
			params: &users.ListParams{Limit: 3, OrderBy: "+created_at"},
			want:   ids,
			queries: []url.Values{
				{"limit": {"3"}, "order_by": {"+created_at"}},
				{"limit": {"3"}, "order_by": {"+created_at"}, "starting_after": {"user_3"}},
			},
		},
		{
			name:   "caller's cursor is the start",
			params: &users.ListParams{Limit: 2, StartingAfter: "user_2"},
			want:   ids[2:],
			queries: []url.Values{
				{"limit": {"2"}, "starting_after": {"user_2"}},
				{"limit": {"2"}, "starting_after": {"user_4"}},
			},
		},
		{
			name:   "other ordering pages by offset",
			params: &users.ListParams{Limit: 2, OrderBy: "-last_sign_in_at"},
			want:   ids,
			queries: []url.Values{
				{"limit": {"2"}, "order_by": {"-last_sign_in_at"}},
				{"limit": {"2"}, "order_by": {"-last_sign_in_at"}, "offset": {"2"}},
				{"limit": {"2"}, "order_by": {"-last_sign_in_at"}, "offset": {"4"}},
			},
		},
		{
			name:   "a starting offset pages by offset",
			params: &users.ListParams{Limit: 2, Offset: 1},
			want:   ids[1:],
			queries: []url.Values{
				{"limit": {"2"}, "offset": {"1"}},
				{"limit": {"2"}, "offset": {"3"}},
				{"limit": {"2"}, "offset": {"5"}},
			},
		},
		{
			name:    "nil params use the walk page size",
			params:  nil,
			want:    ids,
			queries: []url.Values{{"limit": {"100"}}},
		},
		{
			name:   "exact multiple ends on an empty page",
			params: &users.ListParams{Limit: 5},
			want:   ids,
			queries: []url.Values{
				{"limit": {"5"}},
				{"limit": {"5"}, "starting_after": {"user_5"}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newClient(t, 0)
			f.handler = pagedUsers(ids)
			got, err := collect(t, c, tt.params)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
			var queries []url.Values
			for _, r := range f.requests() {
				if r.Method != "GET" || r.Path != "/users" {
					t.Errorf("request %s %s, want GET /users", r.Method, r.Path)
				}
				queries = append(queries, r.Query)
			}
			if diff := cmp.Diff(tt.queries, queries); diff != "" {
				t.Errorf("queries (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAllDoesNotMutateParams(t *testing.T) {
	t.Parallel()
	c, f := newClient(t, 0)
	f.handler = pagedUsers([]string{"user_1", "user_2", "user_3"})
	p := &users.ListParams{Limit: 1, UserIDs: []string{"user_1"}}
	before := fmt.Sprintf("%v %v %v %v", p.Limit, p.Offset, p.StartingAfter, p.UserIDs)
	if _, err := collect(t, c, p); err != nil {
		t.Fatal(err)
	}
	if after := fmt.Sprintf("%v %v %v %v", p.Limit, p.Offset, p.StartingAfter, p.UserIDs); after != before {
		t.Errorf("params changed: %s -> %s", before, after)
	}
}

func TestAllIsLazyAndStopsOnBreak(t *testing.T) {
	t.Parallel()
	c, f := newClient(t, 0)
	f.handler = pagedUsers([]string{"user_1", "user_2", "user_3", "user_4"})
	seq := c.Users.All(context.Background(), &users.ListParams{Limit: 2})
	if n := len(f.requests()); n != 0 {
		t.Fatalf("All sent %d requests before ranging", n)
	}
	var got []string
	for u, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, u.ID)
		if len(got) == 3 {
			break
		}
	}
	if diff := cmp.Diff([]string{"user_1", "user_2", "user_3"}, got); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if n := len(f.requests()); n != 2 {
		t.Errorf("sent %d requests, want 2 (no request after break)", n)
	}
}

func TestAllYieldsErrorOnce(t *testing.T) {
	t.Parallel()
	c, f := newClient(t, 0)
	calls := 0
	f.handler = func(s sent) reply {
		calls++
		if s.Query.Get("starting_after") == "" {
			return ok(userList("user_1", "user_2"))
		}
		return status(500, `{"errors":[{"code":"internal","message":"boom"}]}`)
	}
	var ids []string
	var errs []error
	for u, err := range c.Users.All(context.Background(), &users.ListParams{Limit: 2}) {
		if err != nil {
			errs = append(errs, err)
			if u != nil {
				t.Error("error yielded with a user")
			}
			continue
		}
		ids = append(ids, u.ID)
	}
	if diff := cmp.Diff([]string{"user_1", "user_2"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if len(errs) != 1 || !errors.Is(errs[0], clerk.ErrServer) {
		t.Fatalf("errors = %v, want one ErrServer", errs)
	}
	if n := len(f.requests()); n != 2 {
		t.Errorf("sent %d requests, want 2", n)
	}
}

func TestCount(t *testing.T) {
	t.Parallel()
	c, f := newClient(t, 0, ok(`{"object":"total_count","total_count":42}`))
	n, err := c.Users.Count(context.Background(), &users.ListParams{
		EmailAddresses: []string{"a@x.io", "b@x.io"}, OrganizationIDs: []string{"-org_1"},
		CreatedAtAfter: time.UnixMilli(1730160000000), Limit: 3,
	})
	if err != nil || n != 42 {
		t.Fatalf("Count = %d, %v; want 42", n, err)
	}
	r := f.requests()[0]
	want := url.Values{"email_address": {"a@x.io", "b@x.io"}, "organization_id": {"-org_1"}, "created_at_after": {"1730160000000"}}
	if diff := cmp.Diff(want, r.Query); diff != "" || r.Path != "/users/count" {
		t.Errorf("path %s, query (-want +got):\n%s", r.Path, diff)
	}
}

func TestAllOrganizationMembershipsAndInvitations(t *testing.T) {
	t.Parallel()
	membership := func(i int) string {
		return fmt.Sprintf(`{"object":"organization_membership","id":"orgmem_%d","role":"org:member","permissions":[],"public_metadata":{},"private_metadata":{},
			"organization":{"object":"organization","id":"org_%d","name":"Org %d","slug":"org-%d","has_image":false,"max_allowed_memberships":0,"admin_delete_enabled":true,"public_metadata":{},"created_at":1,"updated_at":1},
			"public_user_data":{"user_id":"user_1","first_name":null,"last_name":null,"image_url":"","has_image":false,"identifier":"ada@x.io"},
			"created_at":1,"updated_at":1}`, i, i, i, i)
	}
	invitation := func(i int) string {
		return fmt.Sprintf(`{"object":"organization_invitation","id":"orginv_%d","email_address":"ada@x.io","role":"org:member","role_name":"Member","organization_id":"org_%d","status":"pending","public_metadata":{},"url":null,"expires_at":null,"created_at":1,"updated_at":1,
			"public_organization_data":{"id":"org_%d","name":"Org","slug":"org","has_image":false}}`, i, i, i)
	}
	envelope := func(item func(int) string, total int) func(sent) reply {
		return func(s sent) reply {
			limit, _ := strconv.Atoi(s.Query.Get("limit"))
			off, _ := strconv.Atoi(s.Query.Get("offset"))
			var parts []string
			for i := off; i < min(off+limit, total); i++ {
				parts = append(parts, item(i))
			}
			return ok(fmt.Sprintf(`{"data":[%s],"total_count":%d}`, join(parts), total))
		}
	}

	t.Run("memberships", func(t *testing.T) {
		t.Parallel()
		c, f := newClient(t, 0)
		f.handler = envelope(membership, 5)
		var ids []string
		for m, err := range c.Users.AllOrganizationMemberships(context.Background(), "user_1", &users.ListOrganizationMembershipsParams{Limit: 2}) {
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, m.ID+"@"+m.Organization.ID)
		}
		want := []string{"orgmem_0@org_0", "orgmem_1@org_1", "orgmem_2@org_2", "orgmem_3@org_3", "orgmem_4@org_4"}
		if diff := cmp.Diff(want, ids); diff != "" {
			t.Errorf("ids (-want +got):\n%s", diff)
		}
		var offsets []string
		for _, r := range f.requests() {
			if r.Path != "/users/user_1/organization_memberships" {
				t.Errorf("path %s", r.Path)
			}
			offsets = append(offsets, r.Query.Get("offset"))
		}
		// The walk stops at the total: no empty trailing page.
		if diff := cmp.Diff([]string{"", "2", "4"}, offsets); diff != "" {
			t.Errorf("offsets (-want +got):\n%s", diff)
		}
	})

	t.Run("invitations", func(t *testing.T) {
		t.Parallel()
		c, f := newClient(t, 0)
		f.handler = envelope(invitation, 3)
		var ids []string
		p := &users.ListOrganizationInvitationsParams{Status: "pending", Limit: 2}
		for inv, err := range c.Users.AllOrganizationInvitations(context.Background(), "user_1", p) {
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, inv.ID+"@"+inv.PublicOrganizationData.ID)
		}
		if diff := cmp.Diff([]string{"orginv_0@org_0", "orginv_1@org_1", "orginv_2@org_2"}, ids); diff != "" {
			t.Errorf("ids (-want +got):\n%s", diff)
		}
		for _, r := range f.requests() {
			if r.Path != "/users/user_1/organization_invitations" || r.Query.Get("status") != "pending" {
				t.Errorf("request %s ?%s", r.Path, r.Query.Encode())
			}
		}
		if n := len(f.requests()); n != 2 {
			t.Errorf("sent %d requests, want 2", n)
		}
	})

	t.Run("blank user id yields one error and sends nothing", func(t *testing.T) {
		t.Parallel()
		c, f := newClient(t, 0)
		var errs []error
		for _, err := range c.Users.AllOrganizationMemberships(context.Background(), " ", nil) {
			errs = append(errs, err)
		}
		for _, err := range c.Users.AllOrganizationInvitations(context.Background(), "", nil) {
			errs = append(errs, err)
		}
		if len(errs) != 2 || !errors.Is(errs[0], clerk.ErrInvalidInput) || !errors.Is(errs[1], clerk.ErrInvalidInput) {
			t.Errorf("errors = %v", errs)
		}
		if n := len(f.requests()); n != 0 {
			t.Errorf("sent %d requests", n)
		}
	})
}

func join(parts []string) string {
	s := ""
	for i, p := range parts {
		if i > 0 {
			s += ","
		}
		s += p
	}
	return s
}

// TestAllCursorIgnoredByServer: a server that ignores starting_after (and
// answers the first page again) ends Users.All with ErrCursorStuck before
// any user is yielded twice; with WithPrefetch the walk pages by offset
// and never depends on the cursor.
func TestAllCursorIgnoredByServer(t *testing.T) {
	t.Parallel()
	ids := []string{"user_1", "user_2", "user_3", "user_4", "user_5"}
	ignoreCursor := func(s sent) reply {
		// A copy: the recorded request keeps its own query (a prefetch
		// cancelled at the end may still be answered while the test reads
		// the log).
		q := url.Values{}
		for k, v := range s.Query {
			if k != "starting_after" {
				q[k] = v
			}
		}
		s.Query = q
		return pagedUsers(ids)(s)
	}
	tests := []struct {
		name      string
		opts      []clerk.RequestOption
		want      []string
		wantStuck bool
	}{
		{"cursor walk stops before repeating", nil, ids[:2], true},
		{"prefetch walks by offset", []clerk.RequestOption{clerk.WithPrefetch(3)}, ids, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newClient(t, 0)
			f.handler = ignoreCursor
			var got []string
			var errs []error
			for u, err := range c.Users.All(context.Background(), &users.ListParams{Limit: 2}, tt.opts...) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				got = append(got, u.ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
			if tt.wantStuck != (len(errs) == 1 && errors.Is(errs[0], pagination.ErrCursorStuck)) || (!tt.wantStuck && len(errs) > 0) {
				t.Errorf("errors %v, want ErrCursorStuck: %v", errs, tt.wantStuck)
			}
			for _, r := range f.requests() {
				if len(tt.opts) > 0 && r.Query.Has("starting_after") {
					t.Errorf("prefetching walk sent a cursor: %v", r.Query)
				}
			}
		})
	}
}
