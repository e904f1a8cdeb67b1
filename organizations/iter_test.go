package organizations_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/organizations"
	"github.com/google/go-cmp/cmp"
)

// pager serves total items, named prefix_0, prefix_1, ..., as envelope
// pages of the requested limit and offset.
func pager(total int, prefix string, item func(id string) string) func(int, *http.Request) (int, string) {
	return func(_ int, r *http.Request) (int, string) {
		q := r.URL.Query()
		limit, _ := strconv.Atoi(q.Get("limit"))
		offset, _ := strconv.Atoi(q.Get("offset"))
		var items []string
		for i := offset; i < min(offset+limit, total); i++ {
			items = append(items, item(fmt.Sprintf("%s_%d", prefix, i)))
		}
		return http.StatusOK, envelope(total, items...)
	}
}

func orgItem(id string) string {
	return fmt.Sprintf(`{"object":"organization","id":%q,"name":"n","slug":"s","has_image":false,
		"max_allowed_memberships":0,"admin_delete_enabled":false,"public_metadata":{},"created_at":1,"updated_at":1}`, id)
}

func membershipItem(id string) string {
	return fmt.Sprintf(`{"object":"organization_membership","id":%q,"role":"org:member","permissions":[],
		"public_metadata":{},"created_at":1,"updated_at":1,"organization":%s}`, id, orgItem("org_1"))
}

func invitationItem(id string) string {
	return fmt.Sprintf(`{"object":"organization_invitation","id":%q,"email_address":"x@y.z","role":"org:member",
		"role_name":"Member","public_metadata":{},"url":null,"expires_at":null,"created_at":1,"updated_at":1,
		"inviter_id":null,"public_inviter_data":null}`, id)
}

// collect ranges over seq, gathering IDs until the first error.
func collect[T any](seq func(func(*T, error) bool), id func(*T) string) ([]string, error) {
	var ids []string
	for v, err := range seq {
		if err != nil {
			return ids, err
		}
		ids = append(ids, id(v))
	}
	return ids, nil
}

func ids(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s_%d", prefix, i)
	}
	return out
}

// TestIterators walks every iterator across several pages of the envelope
// shape: the walk asks limit/offset pages and stops once total_count is
// reached, without asking for an empty page.
func TestIterators(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		item     func(string) string
		path     string
		walk     func(s *organizations.Service) ([]string, error)
		wantN    int
		wantReqs int
	}{
		{
			name: "All", item: orgItem, path: "/v1/organizations",
			walk: func(s *organizations.Service) ([]string, error) {
				return collect(s.All(context.Background(), &organizations.ListParams{Limit: 2, Query: "a"}),
					func(o *organizations.Organization) string { return o.ID })
			},
			wantN: 5, wantReqs: 3,
		},
		{
			name: "AllMemberships", item: membershipItem, path: "/v1/organizations/org_1/memberships",
			walk: func(s *organizations.Service) ([]string, error) {
				return collect(s.AllMemberships(context.Background(), "org_1", &organizations.ListMembershipsParams{Limit: 2, Query: "a"}),
					func(m *organizations.Membership) string { return m.ID })
			},
			wantN: 4, wantReqs: 2, // 4 = 2 full pages; total_count ends the walk
		},
		{
			name: "AllInstanceMemberships", item: membershipItem, path: "/v1/organization_memberships",
			walk: func(s *organizations.Service) ([]string, error) {
				return collect(s.AllInstanceMemberships(context.Background(), &organizations.ListInstanceMembershipsParams{Limit: 3, OrderBy: "-created_at"}),
					func(m *organizations.Membership) string { return m.ID })
			},
			wantN: 7, wantReqs: 3,
		},
		{
			name: "AllInvitations", item: invitationItem, path: "/v1/organizations/org_1/invitations",
			walk: func(s *organizations.Service) ([]string, error) {
				return collect(s.AllInvitations(context.Background(), "org_1", &organizations.ListInvitationsParams{Limit: 2, Status: "pending"}),
					func(i *organizations.Invitation) string { return i.ID })
			},
			wantN: 6, wantReqs: 3,
		},
		{
			name: "AllInstanceInvitations", item: invitationItem, path: "/v1/organization_invitations",
			walk: func(s *organizations.Service) ([]string, error) {
				return collect(s.AllInstanceInvitations(context.Background(), &organizations.ListInstanceInvitationsParams{Limit: 4, Query: "a"}),
					func(i *organizations.Invitation) string { return i.ID })
			},
			wantN: 9, wantReqs: 3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, rec, _ := newClient(t, pager(tt.wantN, "x", tt.item))
			got, err := tt.walk(c.Organizations)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(ids("x", tt.wantN), got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			reqs := rec.all()
			if len(reqs) != tt.wantReqs {
				t.Fatalf("got %d requests, want %d", len(reqs), tt.wantReqs)
			}
			for i, r := range reqs {
				if r.Path != tt.path {
					t.Errorf("request %d path = %s, want %s", i, r.Path, tt.path)
				}
				limit := r.Query["limit"][0]
				wantOffset := []string(nil)
				if i > 0 {
					n, _ := strconv.Atoi(limit)
					wantOffset = []string{strconv.Itoa(i * n)}
				}
				if diff := cmp.Diff(wantOffset, r.Query["offset"]); diff != "" {
					t.Errorf("request %d offset (-want +got):\n%s", i, diff)
				}
			}
		})
	}
}

func TestAllMembershipsNilParamsDefaults(t *testing.T) {
	t.Parallel()
	c, rec, _ := newClient(t, pager(3, "m", membershipItem))
	got, err := collect(c.Organizations.AllMemberships(context.Background(), "org_1", nil),
		func(m *organizations.Membership) string { return m.ID })
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ids("m", 3), got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	reqs := rec.all()
	if len(reqs) != 1 {
		t.Fatalf("got %d requests, want 1", len(reqs))
	}
	// The walk's page size (100) is used when the caller sets none.
	if diff := cmp.Diff(map[string][]string{"limit": {"100"}}, reqs[0].Query); diff != "" {
		t.Errorf("query (-want +got):\n%s", diff)
	}
}

// TestIteratorShortPage: a page shorter than the limit ends the walk even
// when total_count claims more (a wrong total must not make it loop).
func TestIteratorShortPage(t *testing.T) {
	t.Parallel()
	c, rec, _ := newClient(t, func(n int, r *http.Request) (int, string) {
		if n == 0 {
			return http.StatusOK, envelope(100, orgItem("o_0"), orgItem("o_1"))
		}
		return http.StatusOK, envelope(100, orgItem("o_2"))
	})
	got, err := collect(c.Organizations.All(context.Background(), &organizations.ListParams{Limit: 2}),
		func(o *organizations.Organization) string { return o.ID })
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ids("o", 3), got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	if n := len(rec.all()); n != 2 {
		t.Errorf("got %d requests, want 2", n)
	}
}

// TestIteratorBreak: breaking out of the loop makes no further request,
// and nothing is requested before the loop starts.
func TestIteratorBreak(t *testing.T) {
	t.Parallel()
	c, rec, _ := newClient(t, pager(10, "m", membershipItem))
	seq := c.Organizations.AllMemberships(context.Background(), "org_1", &organizations.ListMembershipsParams{Limit: 2})
	if n := len(rec.all()); n != 0 {
		t.Fatalf("%d requests before ranging, want 0", n)
	}
	var got []string
	for m, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, m.ID)
		if len(got) == 3 {
			break
		}
	}
	if diff := cmp.Diff(ids("m", 3), got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	if n := len(rec.all()); n != 2 {
		t.Errorf("got %d requests, want 2 (no request after break)", n)
	}
}

// TestIteratorError: an API error is yielded once and ends the walk.
func TestIteratorError(t *testing.T) {
	t.Parallel()
	c, rec, _ := newClient(t, func(n int, r *http.Request) (int, string) {
		if n == 0 {
			return http.StatusOK, envelope(4, invitationItem("i_0"), invitationItem("i_1"))
		}
		return http.StatusNotFound, `{"errors":[{"code":"resource_not_found","message":"not found"}]}`
	})
	var got []string
	var errs []error
	for inv, err := range c.Organizations.AllInvitations(context.Background(), "org_1", &organizations.ListInvitationsParams{Limit: 2}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, inv.ID)
	}
	if diff := cmp.Diff(ids("i", 2), got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	if len(errs) != 1 || !errors.Is(errs[0], clerk.ErrNotFound) {
		t.Errorf("errors = %v, want one ErrNotFound", errs)
	}
	if n := len(rec.all()); n != 2 {
		t.Errorf("got %d requests, want 2", n)
	}
}

// TestIteratorCopiesParams: changing the caller's params after All
// returns does not change the walk.
func TestIteratorCopiesParams(t *testing.T) {
	t.Parallel()
	c, rec, _ := newClient(t, pager(1, "o", orgItem))
	p := &organizations.ListParams{Query: "acme"}
	seq := c.Organizations.All(context.Background(), p)
	p.Query = "changed"
	for _, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
	}
	reqs := rec.all()
	if len(reqs) != 1 || reqs[0].Query["query"][0] != "acme" {
		t.Errorf("requests = %+v, want one with query=acme", reqs)
	}
	if p.Limit != 0 || p.Offset != 0 {
		t.Error("All wrote paging fields into the caller's params")
	}
}
