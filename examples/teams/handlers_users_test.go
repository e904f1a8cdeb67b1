package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/users"
)

// TestSetRole lets an admin set the role of a member of the active
// organization, and only of the user in the path.
func TestSetRole(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		target func(e *testEnv) string
		body   string
		want   map[string]map[string]any // public metadata after, by user
	}{
		{
			name:   "member becomes editor, other keys stay",
			target: func(e *testEnv) string { return e.grace.id },
			body:   `{"role":"editor"}`,
			want:   map[string]map[string]any{"grace": {"role": "editor", "theme": "dark"}, "linus": {}},
		},
		{
			name:   "body names another user and organization",
			target: func(e *testEnv) string { return e.grace.id },
			body:   `{"role":"editor","user_id":"LINUS","org_id":"GLOBEX","public_metadata":{"role":"manager"}}`,
			want:   map[string]map[string]any{"grace": {"role": "editor", "theme": "dark"}, "linus": {}},
		},
		{
			name:   "admin sets their own role",
			target: func(e *testEnv) string { return e.ada.id },
			body:   `{"role":"viewer"}`,
			want:   map[string]map[string]any{"ada": {"role": "viewer"}, "grace": {"role": "viewer", "theme": "dark"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			if _, err := e.client.Users.UpdateMetadata(t.Context(), e.grace.id, &users.MetadataParams{
				PublicMetadata: map[string]any{"theme": "dark"},
			}); err != nil {
				t.Fatal(err)
			}
			e.fake.ResetRequests()
			target := tt.target(e)
			body := strings.NewReplacer("LINUS", e.linus.id, "GLOBEX", e.globex).Replace(tt.body)

			r := e.do(t, http.MethodPatch, "/users/"+target+"/role", e.adminToken(), body)
			r.expect(t, http.StatusOK, "")
			var got roleResponse
			r.decode(t, &got)
			var sent setRoleRequest
			if err := json.Unmarshal([]byte(body), &sent); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(roleResponse{ID: target, Role: sent.Role}, got); diff != "" {
				t.Errorf("answer (-want +got):\n%s", diff)
			}

			ids := map[string]string{"ada": e.ada.id, "grace": e.grace.id, "linus": e.linus.id}
			for who, want := range tt.want {
				if diff := cmp.Diff(want, e.publicMetadata(t, ids[who])); diff != "" {
					t.Errorf("public metadata of %s (-want +got):\n%s", who, diff)
				}
			}

			// The membership check, then the merge of the role alone.
			reqs := e.fake.Requests()
			wantCalls := []string{"GET /v1/organizations/" + e.acme + "/memberships", "PATCH /v1/users/" + target + "/metadata"}
			if diff := cmp.Diff(wantCalls, e.calls()[:2]); diff != "" {
				t.Fatalf("calls (-want +got):\n%s", diff)
			}
			if q := reqs[0].Query; !cmp.Equal(q["user_id"], []string{target}) {
				t.Errorf("membership check query %v", q)
			}
			var sentMD map[string]any
			if err := json.Unmarshal(reqs[1].Body, &sentMD); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(map[string]any{"public_metadata": map[string]any{"role": sent.Role}}, sentMD); diff != "" {
				t.Errorf("metadata body (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSetRoleInvalid refuses bad bodies before any Backend API call.
func TestSetRoleInvalid(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tests := []struct {
		name   string
		body   string
		status int
		reason string
	}{
		{"unknown role", `{"role":"owner"}`, http.StatusUnprocessableEntity, "unknown_role"},
		{"organization role", `{"role":"org:admin"}`, http.StatusUnprocessableEntity, "unknown_role"},
		{"wrong case", `{"role":"Editor"}`, http.StatusUnprocessableEntity, "unknown_role"},
		{"no role", `{"user_role":"editor"}`, http.StatusUnprocessableEntity, "missing_role"},
		{"null body", `null`, http.StatusUnprocessableEntity, "missing_role"},
		{"role not a string", `{"role":["editor"]}`, http.StatusBadRequest, "malformed_json"},
		{"array body", `[{"role":"editor"}]`, http.StatusBadRequest, "malformed_json"},
	}
	t.Run("group", func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				e.do(t, http.MethodPatch, "/users/"+e.grace.id+"/role", e.adminToken(), tt.body).expect(t, tt.status, tt.reason)
			})
		}
	})
	if calls := e.calls(); len(calls) != 0 {
		t.Errorf("invalid requests reached the Backend API: %v", calls)
	}
	if diff := cmp.Diff(map[string]any{"role": roleViewer}, e.publicMetadata(t, e.grace.id)); diff != "" {
		t.Errorf("role changed (-want +got):\n%s", diff)
	}
}

// TestBan bans a member of the active organization for a caller holding
// org:members:manage, whatever the caller's role and whatever the body
// says.
func TestBan(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		caller func(e *testEnv) string // token
		target func(e *testEnv) string
		body   string
	}{
		{
			name:   "admin with the permission",
			caller: func(e *testEnv) string { return e.adminToken() },
			target: func(e *testEnv) string { return e.grace.id },
		},
		{
			name: "member with the permission",
			caller: func(e *testEnv) string {
				return e.token(e.grace.id, clerktest.WithOrg(e.acme, "org:member", permManageMembers))
			},
			target: func(e *testEnv) string { return e.ada.id },
		},
		{
			name:   "body names another user",
			caller: func(e *testEnv) string { return e.adminToken() },
			target: func(e *testEnv) string { return e.grace.id },
			body:   `{"user_id":"LINUS"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			target := tt.target(e)
			r := e.do(t, http.MethodPost, "/users/"+target+"/ban", tt.caller(e), strings.ReplaceAll(tt.body, "LINUS", e.linus.id))
			r.expect(t, http.StatusOK, "")
			var got banResponse
			r.decode(t, &got)
			if diff := cmp.Diff(banResponse{ID: target, Banned: true}, got); diff != "" {
				t.Errorf("answer (-want +got):\n%s", diff)
			}
			wantCalls := []string{"GET /v1/organizations/" + e.acme + "/memberships", "POST /v1/users/" + target + "/ban"}
			if diff := cmp.Diff(wantCalls, e.calls()); diff != "" {
				t.Errorf("calls (-want +got):\n%s", diff)
			}
			for _, id := range []string{e.ada.id, e.grace.id, e.linus.id} {
				if got, want := e.banned(t, id), id == target; got != want {
					t.Errorf("%s banned = %v, want %v", id, got, want)
				}
			}
		})
	}
}

// TestBanRefused covers the refusals of the ban route that the generic
// authorization tests do not: banning oneself, and a ban the instance's
// plan does not allow.
func TestBanRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		fault  *clerktest.Fault
		target func(e *testEnv) string
		status int
		reason string
		calls  int
	}{
		{"self", nil, func(e *testEnv) string { return e.ada.id }, http.StatusUnprocessableEntity, "cannot_ban_self", 0},
		{"not on this plan", &clerktest.Fault{Method: http.MethodPost, PathPrefix: "/v1/users/", Status: http.StatusPaymentRequired},
			func(e *testEnv) string { return e.grace.id }, http.StatusBadGateway, "upstream_failed", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			if tt.fault != nil {
				e.fake.InjectFault(*tt.fault)
			}
			target := tt.target(e)
			e.do(t, http.MethodPost, "/users/"+target+"/ban", e.adminToken(), "").expect(t, tt.status, tt.reason)
			if n := len(e.calls()); n != tt.calls {
				t.Errorf("%d calls, want %d: %v", n, tt.calls, e.calls())
			}
			if e.banned(t, target) {
				t.Error("banned")
			}
		})
	}
}

// TestUserRoutesAPIFailures fails each Backend API call of the user
// routes in turn: the membership check failing must stop the write.
func TestUserRoutesAPIFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		method     string
		route      string
		body       string
		fault      clerktest.Fault
		status     int
		reason     string
		retryAfter string
		calls      int
	}{
		{"role: membership check fails", http.MethodPatch, "role", `{"role":"editor"}`,
			clerktest.Fault{Method: http.MethodGet, Status: 500}, http.StatusBadGateway, "upstream_failed", "", 1},
		{"role: metadata write rate limited", http.MethodPatch, "role", `{"role":"editor"}`,
			clerktest.Fault{Method: http.MethodPatch, Status: 429, RetryAfter: 4 * time.Second}, http.StatusServiceUnavailable, "rate_limited", "4", 2},
		{"ban: membership check rate limited", http.MethodPost, "ban", "",
			clerktest.Fault{Method: http.MethodGet, Status: 429}, http.StatusServiceUnavailable, "rate_limited", "1", 1},
		{"ban: user gone meanwhile", http.MethodPost, "ban", "",
			clerktest.Fault{Method: http.MethodPost, Status: 404}, http.StatusNotFound, "resource_not_found", "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			e.fake.InjectFault(tt.fault)
			r := e.do(t, tt.method, "/users/"+e.grace.id+"/"+tt.route, e.adminToken(), tt.body)
			r.expect(t, tt.status, tt.reason)
			if got := r.header.Get("Retry-After"); got != tt.retryAfter {
				t.Errorf("Retry-After %q, want %q", got, tt.retryAfter)
			}
			if n := len(e.calls()); n != tt.calls {
				t.Errorf("%d calls, want %d: %v", n, tt.calls, e.calls())
			}
			if e.banned(t, e.grace.id) {
				t.Error("banned")
			}
			if diff := cmp.Diff(map[string]any{"role": roleViewer}, e.publicMetadata(t, e.grace.id)); diff != "" {
				t.Errorf("role changed (-want +got):\n%s", diff)
			}
		})
	}
}
