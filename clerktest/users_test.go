package clerktest_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/clerkgo/clerk/clerktest"
	"github.com/google/go-cmp/cmp"
)

func TestCreateUserShape(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	u := a.ok("POST", "/users", map[string]any{
		"email_address":   []string{"ada@example.com", "ada@work.example"},
		"phone_number":    []string{"+15555550100"},
		"username":        "ada",
		"first_name":      "Ada",
		"public_metadata": map[string]any{"role": "admin"},
	})
	if !strings.HasPrefix(str(u, "id"), "user_") || u["object"] != "user" {
		t.Errorf("id/object = %v/%v", u["id"], u["object"])
	}
	emails := u["email_addresses"].([]any)
	if len(emails) != 2 {
		t.Fatalf("email_addresses: %v", emails)
	}
	first := emails[0].(map[string]any)
	if !strings.HasPrefix(str(first, "id"), "idn_") || first["object"] != "email_address" {
		t.Errorf("email id/object = %v/%v", first["id"], first["object"])
	}
	if u["primary_email_address_id"] != first["id"] {
		t.Errorf("primary_email_address_id %v does not point at the first email %v", u["primary_email_address_id"], first["id"])
	}
	ver := first["verification"].(map[string]any)
	if ver["status"] != "verified" || ver["strategy"] == "" {
		t.Errorf("verification %v", ver)
	}
	if l, ok := first["linked_to"].([]any); !ok || len(l) != 0 {
		t.Errorf("linked_to %v, want []", first["linked_to"])
	}
	for _, k := range []string{"banned", "locked", "has_image", "password_enabled", "two_factor_enabled"} {
		if v, ok := u[k].(bool); !ok || v {
			t.Errorf("%s = %v, want false present", k, u[k])
		}
	}
	for _, k := range []string{"phone_numbers", "web3_wallets", "passkeys", "external_accounts", "saml_accounts", "enterprise_accounts"} {
		if _, ok := u[k].([]any); !ok {
			t.Errorf("%s = %v, want an array", k, u[k])
		}
	}
	for _, k := range []string{"external_id", "last_name", "last_sign_in_at", "last_active_at", "primary_web3_wallet_id"} {
		if v, ok := u[k]; !ok || v != nil {
			t.Errorf("%s = %v (present %v), want null", k, v, ok)
		}
	}
	if ms := u["created_at"].(float64); ms < 1e12 {
		t.Errorf("created_at %v is not Unix milliseconds", ms)
	}
	if diff := cmp.Diff(map[string]any{"role": "admin"}, u["public_metadata"]); diff != "" {
		t.Errorf("public_metadata (-want +got):\n%s", diff)
	}
	got := a.ok("GET", "/users/"+str(u, "id"), nil)
	if diff := cmp.Diff(u, got); diff != "" {
		t.Errorf("GET differs from create (-create +get):\n%s", diff)
	}
}

func TestCreateUserValidation(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	a.mustUser(map[string]any{"email_address": []string{"taken@example.com"}, "username": "taken", "external_id": "ext_1", "phone_number": []string{"+15555550100"}})
	tests := []struct {
		name string
		body map[string]any
		code string
	}{
		{"email taken", map[string]any{"email_address": []string{"taken@example.com"}}, "form_identifier_exists"},
		{"email taken, other case", map[string]any{"email_address": []string{"TAKEN@example.com"}}, "form_identifier_exists"},
		{"email twice", map[string]any{"email_address": []string{"x@example.com", "X@example.com"}}, "form_identifier_exists"},
		{"username taken", map[string]any{"username": "Taken"}, "form_identifier_exists"},
		{"external id taken", map[string]any{"external_id": "ext_1"}, "form_identifier_exists"},
		{"phone taken", map[string]any{"phone_number": []string{"+15555550100"}}, "form_identifier_exists"},
		{"bad email", map[string]any{"email_address": []string{"not-an-email"}}, "form_param_format_invalid"},
		{"bad phone", map[string]any{"phone_number": []string{"555"}}, "form_param_format_invalid"},
		{"short password", map[string]any{"password": "short"}, "form_password_length_too_short"},
		{"metadata not an object", map[string]any{"public_metadata": []int{1}}, "form_param_format_invalid"},
		{"metadata null", map[string]any{"public_metadata": nil}, "form_param_format_invalid"},
		{"status count mismatch", map[string]any{"email_address": []string{"y@example.com"}, "email_address_identification_status": []string{"verified", "reserved"}}, "form_param_value_invalid"},
		{"bad created_at", map[string]any{"created_at": "yesterday"}, "form_param_format_invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code := a.fail("POST", "/users", tt.body, http.StatusUnprocessableEntity); code != tt.code {
				t.Errorf("code %q, want %q", code, tt.code)
			}
		})
	}
	if n := len(a.okList("GET", "/users", nil)); n != 1 {
		t.Errorf("%d users after refused creates, want 1", n)
	}
}

func TestGetUnknownIDs(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	paths := []struct{ method, path string }{
		{"GET", "/users/user_nope"},
		{"PATCH", "/users/user_nope"},
		{"DELETE", "/users/user_nope"},
		{"PATCH", "/users/user_nope/metadata"},
		{"PUT", "/users/user_nope/metadata"},
		{"POST", "/users/user_nope/ban"},
		{"POST", "/users/user_nope/lock"},
		{"GET", "/users/user_nope/organization_memberships"},
		{"DELETE", "/users/user_nope/mfa"},
		{"GET", "/organizations/org_nope"},
		{"DELETE", "/organizations/org_nope"},
		{"POST", "/organizations/org_nope/memberships"},
		{"GET", "/organizations/org_nope/invitations"},
		{"GET", "/sessions/sess_nope"},
		{"POST", "/sessions/sess_nope/revoke"},
		{"POST", "/sessions/sess_nope/tokens"},
		{"POST", "/invitations/inv_nope/revoke"},
		{"DELETE", "/allowlist_identifiers/alid_nope"},
		{"DELETE", "/blocklist_identifiers/blid_nope"},
	}
	for _, p := range paths {
		t.Run(p.method+" "+p.path, func(t *testing.T) {
			if code := a.fail(p.method, p.path, nil, http.StatusNotFound); code != "resource_not_found" {
				t.Errorf("code %q", code)
			}
		})
	}
}

// seedUsers creates n users a clock millisecond apart: user i has email
// u<i>@example.com and first name F<n-1-i> (reverse order).
func seedUsers(t *testing.T, a *api, n int) []string {
	t.Helper()
	out := make([]string, n)
	for i := range n {
		out[i] = a.mustUser(map[string]any{
			"email_address": []string{fmt.Sprintf("u%02d@example.com", i)},
			"first_name":    fmt.Sprintf("F%02d", n-1-i),
			"username":      fmt.Sprintf("user%02d", i),
		})
	}
	return out
}

func reversed(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}

func TestListUsersOrderAndPaging(t *testing.T) {
	t.Parallel()
	a := newAPI(t, clerktest.WithClock(newStepClock().now))
	u := seedUsers(t, a, 5)
	tests := []struct {
		query string
		want  []string
	}{
		{"", reversed(u)},                                  // default -created_at
		{"?order_by=created_at", u},                        // "+" implied
		{"?order_by=%2Bcreated_at", u},                     // explicit +
		{"?order_by=+created_at", u},                       // unescaped + (a space)
		{"?order_by=-created_at&limit=2", reversed(u)[:2]}, // limit
		{"?limit=2&offset=2", reversed(u)[2:4]},
		{"?offset=4", reversed(u)[4:]},
		{"?offset=10", []string{}},
		{"?order_by=first_name", reversed(u)},
		{"?order_by=-username", reversed(u)},
		{"?order_by=email_address&order_by=-email_address", u}, // only the first counts
		{"?user_id=" + u[1] + "&user_id=" + u[3], []string{u[3], u[1]}},
		{"?user_id=-" + u[0] + "&user_id=-" + u[4], []string{u[3], u[2], u[1]}},
		{"?email_address=U02@example.com", []string{u[2]}},
		{"?query=u03", []string{u[3]}},
		{"?email_address_query=U0&limit=1", []string{u[4]}},
		{"?name_query=f04", []string{u[0]}},
		{"?username=user01", []string{u[1]}},
		{"?web3_wallet=0xabc", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got := ids(a.okList("GET", "/users"+tt.query, nil))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestListUsersRefusals(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	u := a.mustUser(map[string]any{"username": "solo"})
	many := strings.Repeat("&user_id=x", 101)
	tests := []string{
		"?limit=0", "?limit=501", "?limit=ten", "?offset=-1",
		"?order_by=password", "?banned=maybe",
		"?starting_after=" + u + "&order_by=username",
		"?starting_after=" + u + "&offset=1",
		"?starting_after=user_unknown",
		"?created_at_after=yesterday",
		"?" + many[1:],
	}
	for _, q := range tests {
		t.Run(q, func(t *testing.T) {
			a.fail("GET", "/users"+q, nil, http.StatusUnprocessableEntity)
		})
	}
}

func TestListUsersStartingAfter(t *testing.T) {
	t.Parallel()
	a := newAPI(t, clerktest.WithClock(newStepClock().now))
	u := seedUsers(t, a, 7)
	for _, order := range []string{"-created_at", "created_at"} {
		t.Run(order, func(t *testing.T) {
			var got []string
			cursor := ""
			for range 10 {
				q := "/users?limit=3&order_by=" + strings.Replace(order, "+", "%2B", 1)
				if cursor != "" {
					q += "&starting_after=" + cursor
				}
				page := ids(a.okList("GET", q, nil))
				got = append(got, page...)
				if len(page) < 3 {
					break
				}
				cursor = page[len(page)-1]
			}
			want := reversed(u)
			if order == "created_at" {
				want = u
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("walk (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCountUsersAppliesFilters(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	u := seedUsers(t, a, 4)
	a.ok("POST", "/users/"+u[0]+"/ban", nil)
	tests := []struct {
		query string
		want  float64
	}{
		{"", 4},
		{"?banned=true", 1},
		{"?banned=false", 3},
		{"?user_id=" + u[1] + "&user_id=" + u[2], 2},
		{"?email_address_query=u0", 4},
		{"?limit=1&offset=3&order_by=username", 4}, // paging ignored
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got := a.ok("GET", "/users/count"+tt.query, nil)
			if diff := cmp.Diff(map[string]any{"object": "total_count", "total_count": tt.want}, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestUpdateUser(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	a.mustUser(map[string]any{"username": "other"})
	u := a.ok("POST", "/users", map[string]any{"email_address": []string{"a@example.com", "b@example.com"}, "username": "ada", "first_name": "Ada"})
	id := str(u, "id")
	second := u["email_addresses"].([]any)[1].(map[string]any)["id"].(string)

	got := a.ok("PATCH", "/users/"+id, map[string]any{"username": nil, "last_name": "Lovelace", "primary_email_address_id": second})
	if got["username"] != nil || got["first_name"] != "Ada" || got["last_name"] != "Lovelace" || got["primary_email_address_id"] != second {
		t.Errorf("after PATCH: username %v first %v last %v primary %v", got["username"], got["first_name"], got["last_name"], got["primary_email_address_id"])
	}
	tests := []struct {
		name string
		body map[string]any
		code string
	}{
		{"metadata moved out in 2026-05-12", map[string]any{"public_metadata": map[string]any{}}, "form_param_unknown"},
		{"username taken", map[string]any{"username": "OTHER"}, "form_identifier_exists"},
		{"primary email of no one", map[string]any{"primary_email_address_id": "idn_nope"}, "form_param_value_invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code := a.fail("PATCH", "/users/"+id, tt.body, http.StatusUnprocessableEntity); code != tt.code {
				t.Errorf("code %q, want %q", code, tt.code)
			}
		})
	}
}

func TestUserMetadata(t *testing.T) {
	t.Parallel()
	initial := map[string]any{
		"public_metadata":  map[string]any{"a": 1, "nested": map[string]any{"keep": true, "drop": "x"}, "list": []any{1, 2}},
		"private_metadata": map[string]any{"secret": "s"},
		"unsafe_metadata":  map[string]any{"u": 1},
	}
	tests := []struct {
		name   string
		method string
		body   map[string]any
		want   map[string]any // the three metadata fields after
	}{
		{
			name:   "patch deep merges and deletes nulls at any depth",
			method: "PATCH",
			body: map[string]any{"public_metadata": map[string]any{
				"a": nil, "b": 2, "nested": map[string]any{"drop": nil, "new": map[string]any{"x": 1, "gone": nil}}, "list": []any{3},
			}},
			want: map[string]any{
				"public_metadata":  map[string]any{"b": 2.0, "nested": map[string]any{"keep": true, "new": map[string]any{"x": 1.0}}, "list": []any{3.0}},
				"private_metadata": map[string]any{"secret": "s"},
				"unsafe_metadata":  map[string]any{"u": 1.0},
			},
		},
		{
			name:   "patch leaves fields that are not sent",
			method: "PATCH",
			body:   map[string]any{"private_metadata": map[string]any{"more": 1}},
			want: map[string]any{
				"public_metadata":  map[string]any{"a": 1.0, "nested": map[string]any{"keep": true, "drop": "x"}, "list": []any{1.0, 2.0}},
				"private_metadata": map[string]any{"secret": "s", "more": 1.0},
				"unsafe_metadata":  map[string]any{"u": 1.0},
			},
		},
		{
			name:   "put replaces each field sent, {} clears",
			method: "PUT",
			body:   map[string]any{"public_metadata": map[string]any{"only": true}, "unsafe_metadata": map[string]any{}},
			want: map[string]any{
				"public_metadata":  map[string]any{"only": true},
				"private_metadata": map[string]any{"secret": "s"},
				"unsafe_metadata":  map[string]any{},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := newAPI(t)
			id := a.mustUser(initial)
			got := a.ok(tt.method, "/users/"+id+"/metadata", tt.body)
			for field, want := range tt.want {
				if diff := cmp.Diff(want, got[field]); diff != "" {
					t.Errorf("%s (-want +got):\n%s", field, diff)
				}
			}
			again := a.ok("GET", "/users/"+id, nil)
			if diff := cmp.Diff(got, again); diff != "" {
				t.Errorf("GET after write differs:\n%s", diff)
			}
		})
	}
	t.Run("refusals", func(t *testing.T) {
		t.Parallel()
		a := newAPI(t)
		id := a.mustUser(nil)
		for _, body := range []any{
			`{"public_metadata":"x"}`, `{"public_metadata":[1]}`, `{"public_metadata":null}`, `{"metadata":{}}`,
		} {
			a.fail("PATCH", "/users/"+id+"/metadata", body, http.StatusUnprocessableEntity)
			a.fail("PUT", "/users/"+id+"/metadata", body, http.StatusUnprocessableEntity)
		}
	})
}

func TestDeleteUser(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	id := a.mustUser(map[string]any{"email_address": []string{"gone@example.com"}})
	org := a.ok("POST", "/organizations", map[string]any{"name": "Acme", "created_by": id})
	a.ok("POST", "/sessions", map[string]any{"user_id": id})
	got := a.ok("DELETE", "/users/"+id, nil)
	if diff := cmp.Diff(map[string]any{"object": "user", "id": id, "deleted": true}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	a.fail("GET", "/users/"+id, nil, http.StatusNotFound)
	if _, total := a.envelope("GET", "/organizations/"+str(org, "id")+"/memberships"); total != 0 {
		t.Errorf("membership of a deleted user survives: %d", total)
	}
	if l := a.okList("GET", "/sessions?user_id="+id, nil); len(l) != 0 {
		t.Errorf("sessions of a deleted user survive: %v", l)
	}
	// The address is free again.
	a.mustUser(map[string]any{"email_address": []string{"gone@example.com"}})
}

func TestBanLockAndBulk(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	id := a.mustUser(nil)
	sess := a.ok("POST", "/sessions", map[string]any{"user_id": id})
	steps := []struct {
		path           string
		banned, locked bool
	}{
		{"/ban", true, false},
		{"/ban", true, false}, // a second ban answers the user again
		{"/lock", true, true},
		{"/unban", false, true},
		{"/unlock", false, false},
	}
	for _, s := range steps {
		u := a.ok("POST", "/users/"+id+s.path, nil) // no body, as clients send
		if u["banned"] != s.banned || u["locked"] != s.locked {
			t.Errorf("after %s: banned %v locked %v", s.path, u["banned"], u["locked"])
		}
	}
	if got := a.ok("GET", "/sessions/"+str(sess, "id"), nil)["status"]; got != "revoked" {
		t.Errorf("session of a banned user is %v, want revoked", got)
	}

	other := a.mustUser(nil)
	banned := a.okList("POST", "/users/ban", map[string]any{"user_ids": []string{id, other}})
	if diff := cmp.Diff([]string{id, other}, ids(banned)); diff != "" || banned[1]["banned"] != true {
		t.Errorf("bulk ban answer: %s %v", diff, banned[1]["banned"])
	}
	a.okList("POST", "/users/unban", map[string]any{"user_ids": []string{id}})

	fifty := make([]string, 50)
	for i := range fifty {
		fifty[i] = id
	}
	a.okList("POST", "/users/ban", map[string]any{"user_ids": fifty})
	tests := []struct {
		name   string
		body   any
		status int
	}{
		{"51 ids", map[string]any{"user_ids": append(fifty, id)}, http.StatusUnprocessableEntity},
		{"no ids", map[string]any{"user_ids": []string{}}, http.StatusUnprocessableEntity},
		{"missing", map[string]any{}, http.StatusUnprocessableEntity},
		{"unknown id", map[string]any{"user_ids": []string{other, "user_nope"}}, http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a.fail("POST", "/users/unban", tt.body, tt.status)
		})
	}
	if u := a.ok("GET", "/users/"+other, nil); u["banned"] != true {
		t.Error("a refused bulk call changed a user")
	}
}

func TestVerifyPassword(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	withPW := a.mustUser(map[string]any{"password": "correct horse"})
	without := a.mustUser(nil)
	tests := []struct {
		name, user, password string
		status               int
	}{
		{"right", withPW, "correct horse", http.StatusOK},
		{"wrong", withPW, "wrong horse", http.StatusUnprocessableEntity},
		{"no password set", without, "anything", http.StatusBadRequest},
		{"no such user", "user_nope", "anything", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := a.do("POST", "/users/"+tt.user+"/verify_password", map[string]any{"password": tt.password})
			if r.status != tt.status {
				t.Fatalf("status %d, want %d", r.status, tt.status)
			}
			if tt.status == http.StatusOK {
				if string(r.body) != `{"verified":true}` {
					t.Errorf("body %s", r.body)
				}
			} else if len(r.body) != 0 {
				t.Errorf("error body %q, want none (as the spec documents)", r.body)
			}
		})
	}
	u := a.ok("POST", "/users/"+withPW+"/remove_password", nil)
	if u["password_enabled"] != false {
		t.Error("password still enabled after remove_password")
	}
}

func TestMFAEndpoints(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	id := a.mustUser(map[string]any{"totp_secret": "JBSWY3DPEHPK3PXP", "backup_codes": []string{"a1", "b2"}})
	u := a.ok("GET", "/users/"+id, nil)
	if u["totp_enabled"] != true || u["backup_code_enabled"] != true || u["two_factor_enabled"] != true || u["mfa_enabled_at"] == nil {
		t.Fatalf("MFA not enabled: %v %v %v", u["totp_enabled"], u["backup_code_enabled"], u["two_factor_enabled"])
	}
	for _, path := range []string{"/totp", "/backup_code", "/mfa"} {
		got := a.ok("DELETE", "/users/"+id+path, nil)
		if diff := cmp.Diff(map[string]any{"user_id": id}, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", path, diff)
		}
	}
	u = a.ok("GET", "/users/"+id, nil)
	if u["totp_enabled"] != false || u["backup_code_enabled"] != false || u["mfa_disabled_at"] == nil {
		t.Errorf("MFA still on: %v %v %v", u["totp_enabled"], u["backup_code_enabled"], u["mfa_disabled_at"])
	}
}
