package main

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/users"
)

// TestMe reads the caller's profile from the Backend API and the active
// organization from the token; a query naming someone else changes
// nothing.
func TestMe(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// Private metadata must never reach the browser.
	if _, err := e.client.Users.UpdateMetadata(t.Context(), e.ada.id, &users.MetadataParams{
		PrivateMetadata: map[string]any{"stripe_customer": "cus_secret"},
	}); err != nil {
		t.Fatal(err)
	}
	e.fake.ResetRequests()

	tests := []struct {
		name  string
		path  string
		token string
		want  meResponse
	}{
		{
			name:  "admin with an active organization",
			path:  "/me",
			token: e.adminToken(),
			want: meResponse{ID: e.ada.id, Email: "ada@example.com", FirstName: "Ada", LastName: "Lovelace", Role: roleManager,
				Organization: &activeOrg{ID: e.acme, Slug: "acme-inc", Role: roleAdmin, Permissions: []string{permManageMembers}}},
		},
		{
			name:  "asking for someone else",
			path:  "/me?user_id=" + e.grace.id,
			token: e.adminToken(),
			want: meResponse{ID: e.ada.id, Email: "ada@example.com", FirstName: "Ada", LastName: "Lovelace", Role: roleManager,
				Organization: &activeOrg{ID: e.acme, Slug: "acme-inc", Role: roleAdmin, Permissions: []string{permManageMembers}}},
		},
		{
			name:  "no active organization, no role",
			path:  "/me",
			token: e.token(e.linus.id),
			want:  meResponse{ID: e.linus.id, Email: "linus@example.com", FirstName: "Linus", LastName: "Torvalds"},
		},
		{
			name:  "member",
			path:  "/me",
			token: e.token(e.grace.id, clerktest.WithOrg(e.acme, "org:member")),
			want: meResponse{ID: e.grace.id, Email: "grace@example.com", FirstName: "Grace", LastName: "Hopper", Role: roleViewer,
				Organization: &activeOrg{ID: e.acme, Slug: "acme-inc", Role: "org:member", Permissions: []string{}}},
		},
	}
	t.Run("group", func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				r := e.do(t, http.MethodGet, tt.path, tt.token, "")
				r.expect(t, http.StatusOK, "")
				var got meResponse
				r.decode(t, &got)
				if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(meResponse{}, "ImageURL", "CreatedAt")); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
				if got.CreatedAt == 0 {
					t.Error("created_at missing")
				}
				if bytes.Contains(r.body, []byte("cus_secret")) || bytes.Contains(r.body, []byte("private_metadata")) {
					t.Errorf("private metadata leaked: %s", r.body)
				}
			})
		}
	})

	// One read per request, of the token's subject only.
	want := map[string]int{"GET /v1/users/" + e.ada.id: 2, "GET /v1/users/" + e.grace.id: 1, "GET /v1/users/" + e.linus.id: 1}
	got := map[string]int{}
	for _, c := range e.calls() {
		got[c]++
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Backend API calls (-want +got):\n%s", diff)
	}
}

// TestMeDeletedUser answers 404 when the token's user no longer exists: a
// 404 of the Backend API stays a 404.
func TestMeDeletedUser(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tok := e.token(e.grace.id)
	if _, err := e.client.Users.Delete(t.Context(), e.grace.id); err != nil {
		t.Fatal(err)
	}
	e.do(t, http.MethodGet, "/me", tok, "").expect(t, http.StatusNotFound, "resource_not_found")
}
