package clerktest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/clerkgo/clerk/clerktest"
	"github.com/google/go-cmp/cmp"
)

func TestMembershipLifecycle(t *testing.T) {
	t.Parallel()
	a := newAPI(t, clerktest.WithRole("org:billing", "org:invoices:read", "org:invoices:create"))
	user := a.mustUser(map[string]any{"email_address": []string{"m@example.com"}, "first_name": "Mo", "username": "mo"})
	org := a.ok("POST", "/organizations", map[string]any{"name": "Acme"})
	orgID := str(org, "id")
	base := "/organizations/" + orgID + "/memberships"

	m := a.ok("POST", base, map[string]any{"user_id": user, "role": "org:billing", "public_metadata": map[string]any{"team": "a"}})
	if !strings.HasPrefix(str(m, "id"), "orgmem_") || m["object"] != "organization_membership" {
		t.Errorf("id/object %v/%v", m["id"], m["object"])
	}
	if diff := cmp.Diff([]any{"org:invoices:read", "org:invoices:create"}, m["permissions"]); diff != "" {
		t.Errorf("permissions (-want +got):\n%s", diff)
	}
	embedded, ok := m["organization"].(map[string]any)
	if !ok || embedded["id"] != orgID || embedded["object"] != "organization" || embedded["slug"] != "acme" {
		t.Errorf("embedded organization %v", m["organization"])
	}
	pud, ok := m["public_user_data"].(map[string]any)
	if !ok || pud["user_id"] != user || pud["identifier"] != "m@example.com" || pud["first_name"] != "Mo" {
		t.Errorf("public_user_data %v", m["public_user_data"])
	}

	if code := a.fail("POST", base, map[string]any{"user_id": user, "role": "org:member"}, http.StatusBadRequest); code != "already_a_member_in_organization" {
		t.Errorf("second membership: %q", code)
	}
	a.fail("POST", base, map[string]any{"user_id": user, "role": "admin"}, http.StatusUnprocessableEntity) // undeclared role
	a.fail("POST", base, map[string]any{"user_id": user}, http.StatusUnprocessableEntity)
	a.fail("POST", base, map[string]any{"user_id": "user_nope", "role": "org:member"}, http.StatusNotFound)

	upd := a.ok("PATCH", base+"/"+user, map[string]any{"role": "org:admin"})
	if upd["role"] != "org:admin" || upd["role_name"] != "Admin" {
		t.Errorf("role after update %v/%v", upd["role"], upd["role_name"])
	}
	a.fail("PATCH", base+"/"+user, map[string]any{"role": "org:nope"}, http.StatusUnprocessableEntity)

	meta := a.ok("PATCH", base+"/"+user+"/metadata", map[string]any{"public_metadata": map[string]any{"team": nil, "lead": true}})
	if diff := cmp.Diff(map[string]any{"lead": true}, meta["public_metadata"]); diff != "" {
		t.Errorf("membership metadata (-want +got):\n%s", diff)
	}
	a.fail("PUT", base+"/"+user+"/metadata", map[string]any{"public_metadata": map[string]any{}}, http.StatusNotImplemented) // no PUT for memberships

	del := a.ok("DELETE", base+"/"+user, nil)
	if del["object"] != "organization_membership" || del["id"] != m["id"] {
		t.Errorf("DELETE answers the membership: %v", del)
	}
	a.fail("DELETE", base+"/"+user, nil, http.StatusNotFound)
}

func TestMembershipQuota(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	orgID := str(a.ok("POST", "/organizations", map[string]any{"name": "Tiny", "max_allowed_memberships": 1}), "id")
	a.ok("POST", "/organizations/"+orgID+"/memberships", map[string]any{"user_id": a.mustUser(nil), "role": "org:member"})
	code := a.fail("POST", "/organizations/"+orgID+"/memberships", map[string]any{"user_id": a.mustUser(nil), "role": "org:member"}, http.StatusForbidden)
	if code != "organization_membership_quota_exceeded" {
		t.Errorf("code %q", code)
	}
}

func TestMembershipLists(t *testing.T) {
	t.Parallel()
	a := newAPI(t, clerktest.WithClock(newStepClock().now))
	users := seedUsers(t, a, 3) // first names F02, F01, F00
	org1 := str(a.ok("POST", "/organizations", map[string]any{"name": "One"}), "id")
	org2 := str(a.ok("POST", "/organizations", map[string]any{"name": "Two"}), "id")
	var mems []string
	for i, u := range users {
		role := "org:member"
		if i == 0 {
			role = "org:admin"
		}
		mems = append(mems, str(a.ok("POST", "/organizations/"+org1+"/memberships", map[string]any{"user_id": u, "role": role}), "id"))
	}
	other := str(a.ok("POST", "/organizations/"+org2+"/memberships", map[string]any{"user_id": users[0], "role": "org:member"}), "id")

	tests := []struct {
		path  string
		want  []string
		total int
	}{
		{"/organizations/" + org1 + "/memberships", reversed(mems), 3},
		{"/organizations/" + org1 + "/memberships?order_by=first_name", reversed(mems), 3},
		{"/organizations/" + org1 + "/memberships?order_by=-email_address", reversed(mems), 3},
		{"/organizations/" + org1 + "/memberships?order_by=created_at&limit=2", mems[:2], 3},
		{"/organizations/" + org1 + "/memberships?role=org:admin", mems[:1], 1},
		{"/organizations/" + org1 + "/memberships?user_id=" + users[1], mems[1:2], 1},
		{"/organizations/" + org1 + "/memberships?email_address=u02@example.com", mems[2:], 1},
		{"/organizations/" + org1 + "/memberships?query=user01", mems[1:2], 1},
		{"/organization_memberships?order_by=created_at", append(append([]string{}, mems...), other), 4},
		{"/organization_memberships?limit=1", []string{other}, 4},
		{"/users/" + users[0] + "/organization_memberships", []string{other, mems[0]}, 2},
		{"/users/" + users[0] + "/organization_memberships?offset=1", []string{mems[0]}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			items, total := a.envelope("GET", tt.path)
			if diff := cmp.Diff(tt.want, ids(items)); diff != "" || total != tt.total {
				t.Errorf("total %d want %d; (-want +got):\n%s", total, tt.total, diff)
			}
		})
	}
	// The users list filters by organization too.
	if got := ids(a.okList("GET", "/users?organization_id="+org2, nil)); !cmp.Equal(got, []string{users[0]}) {
		t.Errorf("users in org2: %v", got)
	}
	if n := a.ok("GET", "/users/count?organization_id=-"+org2, nil)["total_count"]; n != 2.0 {
		t.Errorf("users outside org2: %v", n)
	}
	// Deleting the organization takes its memberships along.
	a.ok("DELETE", "/organizations/"+org1, nil)
	if _, total := a.envelope("GET", "/organization_memberships"); total != 1 {
		t.Errorf("memberships after org delete: %d", total)
	}
}
