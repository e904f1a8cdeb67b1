package clerktest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/clerkgo/clerk/clerktest"
	"github.com/google/go-cmp/cmp"
)

func TestCreateOrganization(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	creator := a.mustUser(map[string]any{"email_address": []string{"boss@example.com"}})
	org := a.ok("POST", "/organizations", map[string]any{"name": "Acme Inc.", "created_by": creator, "public_metadata": map[string]any{"plan": "pro"}})
	if !strings.HasPrefix(str(org, "id"), "org_") || org["object"] != "organization" {
		t.Errorf("id/object %v/%v", org["id"], org["object"])
	}
	if org["slug"] != "acme-inc" {
		t.Errorf("derived slug %v, want acme-inc", org["slug"])
	}
	for _, k := range []string{"has_image", "max_allowed_memberships", "admin_delete_enabled", "public_metadata", "created_at", "updated_at"} {
		if _, ok := org[k]; !ok {
			t.Errorf("required field %s missing", k)
		}
	}
	if org["created_by"] != creator {
		t.Errorf("created_by %v", org["created_by"])
	}
	members, total := a.envelope("GET", "/organizations/"+str(org, "id")+"/memberships")
	if total != 1 || members[0]["role"] != "org:admin" {
		t.Errorf("creator membership: total %d, %v", total, members)
	}
	// Same name again: a free slug is derived.
	if again := a.ok("POST", "/organizations", map[string]any{"name": "Acme Inc."}); again["slug"] != "acme-inc-2" {
		t.Errorf("second slug %v", again["slug"])
	}
	tests := []struct {
		name string
		body map[string]any
		code string
	}{
		{"no name", map[string]any{}, "form_param_missing"},
		{"empty name", map[string]any{"name": ""}, "form_param_missing"},
		{"upper-case slug", map[string]any{"name": "X", "slug": "Acme"}, "form_param_format_invalid"},
		{"slug with space", map[string]any{"name": "X", "slug": "a b"}, "form_param_format_invalid"},
		{"slug taken", map[string]any{"name": "X", "slug": "acme-inc"}, "form_identifier_exists"},
		{"unknown creator", map[string]any{"name": "X", "created_by": "user_nope"}, "form_param_value_invalid"},
		{"negative max", map[string]any{"name": "X", "max_allowed_memberships": -1}, "form_param_value_invalid"},
		{"unknown field", map[string]any{"name": "X", "members": 1}, "form_param_unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code := a.fail("POST", "/organizations", tt.body, http.StatusUnprocessableEntity); code != tt.code {
				t.Errorf("code %q, want %q", code, tt.code)
			}
		})
	}
}

func TestGetUpdateDeleteOrganization(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	org := a.ok("POST", "/organizations", map[string]any{"name": "Acme", "slug": "acme"})
	id := str(org, "id")
	if got := a.ok("GET", "/organizations/acme", nil); got["id"] != id {
		t.Errorf("get by slug: %v", got["id"])
	}
	if got := a.ok("GET", "/organizations/"+id+"?include_members_count=true", nil); got["members_count"] != 0.0 {
		t.Errorf("members_count %v", got["members_count"])
	}
	if _, ok := a.ok("GET", "/organizations/"+id, nil)["members_count"]; ok {
		t.Error("members_count present without include_members_count")
	}
	a.ok("POST", "/organizations", map[string]any{"name": "Other", "slug": "other"})
	upd := a.ok("PATCH", "/organizations/"+id, map[string]any{"name": "Acme 2", "slug": "acme-2", "max_allowed_memberships": 3, "admin_delete_enabled": false})
	if upd["name"] != "Acme 2" || upd["slug"] != "acme-2" || upd["max_allowed_memberships"] != 3.0 || upd["admin_delete_enabled"] != false {
		t.Errorf("after update: %v", upd)
	}
	a.fail("PATCH", "/organizations/"+id, map[string]any{"slug": "other"}, http.StatusUnprocessableEntity)
	a.fail("PATCH", "/organizations/"+id, map[string]any{"public_metadata": map[string]any{}}, http.StatusUnprocessableEntity)

	got := a.ok("DELETE", "/organizations/"+id, nil)
	if diff := cmp.Diff(map[string]any{"object": "organization", "id": id, "slug": "acme-2", "deleted": true}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	a.fail("GET", "/organizations/"+id, nil, http.StatusNotFound)
}

func TestOrganizationMetadata(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	id := str(a.ok("POST", "/organizations", map[string]any{"name": "Acme", "public_metadata": map[string]any{"a": 1, "n": map[string]any{"x": 1, "y": 2}}}), "id")
	got := a.ok("PATCH", "/organizations/"+id+"/metadata", map[string]any{"public_metadata": map[string]any{"a": nil, "n": map[string]any{"y": nil}}, "private_metadata": map[string]any{"p": true}})
	if diff := cmp.Diff(map[string]any{"n": map[string]any{"x": 1.0}}, got["public_metadata"]); diff != "" {
		t.Errorf("merge (-want +got):\n%s", diff)
	}
	got = a.ok("PUT", "/organizations/"+id+"/metadata", map[string]any{"public_metadata": map[string]any{}})
	if diff := cmp.Diff(map[string]any{}, got["public_metadata"]); diff != "" {
		t.Errorf("replace (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{"p": true}, got["private_metadata"]); diff != "" {
		t.Errorf("untouched private (-want +got):\n%s", diff)
	}
	a.fail("PATCH", "/organizations/"+id+"/metadata", map[string]any{"unsafe_metadata": map[string]any{}}, http.StatusUnprocessableEntity)
}

func TestListOrganizations(t *testing.T) {
	t.Parallel()
	a := newAPI(t, clerktest.WithClock(newStepClock().now))
	u := a.mustUser(nil)
	var orgs []string
	for _, name := range []string{"Charlie", "alpha", "Bravo"} {
		orgs = append(orgs, str(a.ok("POST", "/organizations", map[string]any{"name": name}), "id"))
	}
	a.ok("POST", "/organizations/"+orgs[1]+"/memberships", map[string]any{"user_id": u, "role": "org:member"})
	tests := []struct {
		query string
		want  []string
		total int
	}{
		{"", reversed(orgs), 3},
		{"?order_by=name", []string{orgs[1], orgs[2], orgs[0]}, 3},
		{"?order_by=-name", []string{orgs[0], orgs[2], orgs[1]}, 3},
		{"?limit=1&offset=1", []string{orgs[1]}, 3},
		{"?query=rav", []string{orgs[2]}, 1},
		{"?query=" + orgs[0], []string{orgs[0]}, 1},
		{"?user_id=" + u, []string{orgs[1]}, 1},
		{"?organization_id=-" + orgs[0], []string{orgs[2], orgs[1]}, 2},
		{"?order_by=-members_count&limit=1", []string{orgs[1]}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			items, total := a.envelope("GET", "/organizations"+tt.query)
			if diff := cmp.Diff(tt.want, ids(items)); diff != "" || total != tt.total {
				t.Errorf("total %d want %d; (-want +got):\n%s", total, tt.total, diff)
			}
		})
	}
	a.fail("GET", "/organizations?order_by=slug", nil, http.StatusUnprocessableEntity)
}
