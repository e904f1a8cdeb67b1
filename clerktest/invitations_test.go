package clerktest_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/clerkgo/clerk/clerktest"
	"github.com/google/go-cmp/cmp"
)

func TestOrganizationInvitations(t *testing.T) {
	t.Parallel()
	a := newAPI(t, clerktest.WithClock(newStepClock().now))
	admin := a.mustUser(map[string]any{"email_address": []string{"admin@example.com"}, "first_name": "Ad"})
	invitee := a.mustUser(map[string]any{"email_address": []string{"carol@example.com"}})
	org := a.ok("POST", "/organizations", map[string]any{"name": "Acme", "created_by": admin})
	orgID := str(org, "id")
	base := "/organizations/" + orgID + "/invitations"

	inv := a.ok("POST", base, map[string]any{"email_address": "carol@example.com", "role": "org:member", "inviter_user_id": admin, "public_metadata": map[string]any{"src": "test"}})
	if !strings.HasPrefix(str(inv, "id"), "orginv_") || inv["object"] != "organization_invitation" || inv["status"] != "pending" {
		t.Errorf("id/object/status %v/%v/%v", inv["id"], inv["object"], inv["status"])
	}
	if pid, _ := inv["public_inviter_data"].(map[string]any); pid["user_id"] != admin || pid["identifier"] != "admin@example.com" {
		t.Errorf("public_inviter_data %v", inv["public_inviter_data"])
	}
	if _, ok := inv["public_organization_data"]; ok {
		t.Error("per-organization answer carries public_organization_data (its schema forbids extra fields)")
	}
	if exp, created := inv["expires_at"].(float64), inv["created_at"].(float64); exp-created != float64(30*24*time.Hour/time.Millisecond) {
		t.Errorf("expires_at - created_at = %v, want 30 days", exp-created)
	}
	plain := a.ok("POST", base, map[string]any{"email_address": "dan@example.com", "role": "org:admin"})
	if v, ok := plain["public_inviter_data"]; !ok || v != nil {
		t.Errorf("no inviter: public_inviter_data %v (present %v), want null", v, ok)
	}

	tests := []struct {
		name   string
		body   map[string]any
		status int
		code   string
	}{
		{"pending already", map[string]any{"email_address": "CAROL@example.com", "role": "org:member"}, 422, "duplicate_record"},
		{"already a member", map[string]any{"email_address": "admin@example.com", "role": "org:member"}, 400, "already_a_member_in_organization"},
		{"undeclared role", map[string]any{"email_address": "x@example.com", "role": "member"}, 422, "form_param_value_invalid"},
		{"no role", map[string]any{"email_address": "x@example.com"}, 422, "form_param_missing"},
		{"bad email", map[string]any{"email_address": "x", "role": "org:member"}, 422, "form_param_format_invalid"},
		{"unknown inviter", map[string]any{"email_address": "x@example.com", "role": "org:member", "inviter_user_id": "user_nope"}, 404, "resource_not_found"},
		{"expiry too long", map[string]any{"email_address": "x@example.com", "role": "org:member", "expires_in_days": 366}, 422, "form_param_value_invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code := a.fail("POST", base, tt.body, tt.status); code != tt.code {
				t.Errorf("code %q, want %q", code, tt.code)
			}
		})
	}

	bulk := a.ok("POST", base+"/bulk", []map[string]any{
		{"email_address": "e1@example.com", "role": "org:member"},
		{"email_address": "e2@example.com", "role": "org:member", "inviter_user_id": admin},
	})
	if data, _ := bulk["data"].([]any); len(data) != 2 || bulk["total_count"] != 2.0 {
		t.Errorf("bulk answer %v", bulk)
	}
	eleven := make([]map[string]any, 11)
	for i := range eleven {
		eleven[i] = map[string]any{"email_address": fmt.Sprintf("b%d@example.com", i), "role": "org:member"}
	}
	a.fail("POST", base+"/bulk", eleven, http.StatusUnprocessableEntity)
	a.fail("POST", base+"/bulk", []map[string]any{}, http.StatusUnprocessableEntity)
	a.fail("POST", base+"/bulk", []map[string]any{{"email_address": "ok@example.com", "role": "org:member"}, {"email_address": "ok@example.com", "role": "org:member"}}, http.StatusUnprocessableEntity)
	if _, total := a.envelope("GET", base); total != 4 {
		t.Errorf("%d invitations after refused bulks, want 4", total)
	}

	got := a.ok("GET", base+"/"+str(inv, "id"), nil)
	if got["id"] != inv["id"] {
		t.Errorf("get: %v", got)
	}
	a.fail("GET", "/organizations/"+str(a.ok("POST", "/organizations", map[string]any{"name": "Other"}), "id")+"/invitations/"+str(inv, "id"), nil, http.StatusNotFound)

	revoked := a.ok("POST", base+"/"+str(inv, "id")+"/revoke", nil)
	if revoked["status"] != "revoked" {
		t.Errorf("status after revoke %v", revoked["status"])
	}
	a.fail("POST", base+"/"+str(inv, "id")+"/revoke", nil, http.StatusBadRequest)

	lists := []struct {
		path  string
		total int
	}{
		{base, 4},
		{base + "?status=pending", 3},
		{base + "?status=revoked", 1},
		{base + "?status=pending&status=revoked", 4},
		{base + "?email_address=e1@example.com", 1},
		{base + "/pending", 3},
		{base + "/pending?limit=1", 3},
		{"/organization_invitations", 4},
		{"/organization_invitations?query=e2", 1},
		{"/users/" + invitee + "/organization_invitations", 1},
		{"/users/" + invitee + "/organization_invitations?status=pending", 0},
	}
	for _, l := range lists {
		t.Run(l.path, func(t *testing.T) {
			if _, total := a.envelope("GET", l.path); total != l.total {
				t.Errorf("total %d, want %d", total, l.total)
			}
		})
	}
	items, _ := a.envelope("GET", "/organization_invitations?order_by=email_address&limit=1")
	pod, _ := items[0]["public_organization_data"].(map[string]any)
	if items[0]["email_address"] != "carol@example.com" || pod["id"] != orgID || pod["slug"] != "acme" {
		t.Errorf("instance list with organization data: %v", items[0])
	}
	a.fail("GET", base+"?status=maybe", nil, http.StatusUnprocessableEntity)
}

func TestInvitations(t *testing.T) {
	t.Parallel()
	a := newAPI(t, clerktest.WithClock(newStepClock().now))
	a.mustUser(map[string]any{"email_address": []string{"member@example.com"}})
	first := a.ok("POST", "/invitations", map[string]any{"email_address": "zed@example.com", "public_metadata": map[string]any{"plan": "pro"}})
	if !strings.HasPrefix(str(first, "id"), "inv_") || first["object"] != "invitation" || first["status"] != "pending" || first["revoked"] != false {
		t.Errorf("invitation %v", first)
	}
	bulk := a.okList("POST", "/invitations/bulk", []map[string]any{{"email_address": "amy@example.com"}, {"email_address": "bea@example.com"}})
	if len(bulk) != 2 || bulk[0]["object"] != "invitation" {
		t.Errorf("bulk answer %v", bulk)
	}
	tests := []struct {
		name string
		body any
		code string
	}{
		{"pending already", map[string]any{"email_address": "zed@example.com"}, "duplicate_record"},
		{"address of a user", map[string]any{"email_address": "member@example.com"}, "form_identifier_exists"},
		{"bad address", map[string]any{"email_address": "zed"}, "form_param_format_invalid"},
		{"missing address", map[string]any{}, "form_param_missing"},
		{"bad template", map[string]any{"email_address": "q@example.com", "template_slug": "x"}, "form_param_value_invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code := a.fail("POST", "/invitations", tt.body, http.StatusUnprocessableEntity); code != tt.code {
				t.Errorf("code %q, want %q", code, tt.code)
			}
		})
	}
	a.ok("POST", "/invitations", map[string]any{"email_address": "zed@example.com", "ignore_existing": true})
	eleven := make([]map[string]any, 11)
	for i := range eleven {
		eleven[i] = map[string]any{"email_address": fmt.Sprintf("b%d@example.com", i)}
	}
	a.fail("POST", "/invitations/bulk", eleven, http.StatusUnprocessableEntity)

	revoked := a.ok("POST", "/invitations/"+str(first, "id")+"/revoke", nil)
	if revoked["status"] != "revoked" || revoked["revoked"] != true {
		t.Errorf("after revoke %v", revoked)
	}
	a.fail("POST", "/invitations/"+str(first, "id")+"/revoke", nil, http.StatusBadRequest)

	// Bare arrays by default, envelopes with paginated=true; revoked ones
	// only when asked for.
	if l := a.okList("GET", "/invitations", nil); len(l) != 3 {
		t.Errorf("default list has %d, want 3 (no revoked)", len(l))
	}
	if l := a.okList("GET", "/invitations?status=revoked", nil); len(l) != 1 || l[0]["id"] != first["id"] {
		t.Errorf("revoked list %v", ids(l))
	}
	items, total := a.envelope("GET", "/invitations?paginated=true&limit=2&order_by=email_address")
	if total != 3 || !cmp.Equal([]any{items[0]["email_address"], items[1]["email_address"]}, []any{"amy@example.com", "bea@example.com"}) {
		t.Errorf("paginated: total %d, %v", total, items)
	}
	if l := a.okList("GET", "/invitations?query=bea", nil); len(l) != 1 {
		t.Errorf("query: %v", l)
	}
}

func TestAllowAndBlocklist(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	tests := []struct {
		identifier, kind string
	}{
		{"a@example.com", "email_address"},
		{"*@example.org", "email_address"},
		{"+15555550100", "phone_number"},
		{"0x52908400098527886E0F7030069857D2E4169EE7", "web3_wallet"},
	}
	for _, tt := range tests {
		t.Run(tt.identifier, func(t *testing.T) {
			al := a.ok("POST", "/allowlist_identifiers", map[string]any{"identifier": tt.identifier})
			if !strings.HasPrefix(str(al, "id"), "alid_") || al["object"] != "allowlist_identifier" || al["identifier_type"] != tt.kind || al["instance_id"] != a.srv.KeyID() {
				t.Errorf("allowlist %v", al)
			}
			bl := a.ok("POST", "/blocklist_identifiers", map[string]any{"identifier": tt.identifier})
			if !strings.HasPrefix(str(bl, "id"), "blid_") || bl["object"] != "blocklist_identifier" || bl["identifier_type"] != tt.kind {
				t.Errorf("blocklist %v", bl)
			}
		})
	}
	a.fail("POST", "/allowlist_identifiers", map[string]any{"identifier": "a@example.com"}, http.StatusUnprocessableEntity)
	a.fail("POST", "/blocklist_identifiers", map[string]any{"identifier": "not an identifier"}, http.StatusUnprocessableEntity)
	a.fail("POST", "/blocklist_identifiers", map[string]any{"identifier": "x@example.com", "notify": true}, http.StatusUnprocessableEntity)

	withInvite := a.ok("POST", "/allowlist_identifiers", map[string]any{"identifier": "invited@example.com", "notify": true})
	if !strings.HasPrefix(str(withInvite, "invitation_id"), "inv_") {
		t.Errorf("notify=true made no invitation: %v", withInvite)
	}
	if l := a.okList("GET", "/allowlist_identifiers", nil); len(l) != 5 {
		t.Errorf("allowlist has %d", len(l))
	}
	if items, total := a.envelope("GET", "/allowlist_identifiers?paginated=true&limit=2"); len(items) != 2 || total != 5 {
		t.Errorf("paginated allowlist: %d of %d", len(items), total)
	}
	items, total := a.envelope("GET", "/blocklist_identifiers")
	if total != 4 {
		t.Errorf("blocklist total %d", total)
	}
	del := a.ok("DELETE", "/blocklist_identifiers/"+str(items[0], "id"), nil)
	if diff := cmp.Diff(map[string]any{"object": "blocklist_identifier", "id": items[0]["id"], "deleted": true}, del); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	del = a.ok("DELETE", "/allowlist_identifiers/"+str(withInvite, "id"), nil)
	if del["deleted"] != true || del["object"] != "allowlist_identifier" {
		t.Errorf("allowlist delete %v", del)
	}
}
