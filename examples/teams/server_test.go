package main

import (
	"net/http"
	"testing"
)

// TestNotRouted answers unknown paths and methods in JSON, like every
// other answer.
func TestNotRouted(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tests := []struct {
		name, method, path string
		token              bool
		status             int
		reason, allow      string
		location           string
	}{
		{"unknown path", http.MethodGet, "/nope", false, http.StatusNotFound, "no_route", "", ""},
		{"unknown path, signed in", http.MethodGet, "/teams/42", true, http.StatusNotFound, "no_route", "", ""},
		{"known path, wrong method", http.MethodGet, "/teams", true, http.StatusMethodNotAllowed, "method_not_allowed", "POST", ""},
		{"wrong method", http.MethodDelete, "/me", true, http.StatusMethodNotAllowed, "method_not_allowed", "GET, HEAD", ""},
		{"wrong method on a user route", http.MethodGet, "/users/user_1/ban", false, http.StatusMethodNotAllowed, "method_not_allowed", "POST", ""},
		{"trailing slash", http.MethodGet, "/me/", true, http.StatusNotFound, "no_route", "", ""},
		{"double slash", http.MethodGet, "//me", true, http.StatusTemporaryRedirect, "non_canonical_path", "", "/me"},
		{"escaped dot segments are an id, not a path", http.MethodPost, "/users/..%2F..%2Fuser_1/ban", true, http.StatusForbidden, "not_a_member", "", ""},
		{"dot segments", http.MethodPost, "/users/x/../user_1/ban", true, http.StatusTemporaryRedirect, "non_canonical_path", "", "/users/user_1/ban"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tok := ""
			if tt.token {
				tok = e.adminToken()
			}
			r := e.do(t, tt.method, tt.path, tok, "")
			r.expect(t, tt.status, tt.reason)
			if got := r.header.Get("Allow"); got != tt.allow {
				t.Errorf("Allow %q, want %q", got, tt.allow)
			}
			if got := r.header.Get("Location"); got != tt.location {
				t.Errorf("Location %q, want %q", got, tt.location)
			}
		})
	}
}

// TestCleanPath agrees with the mux on which paths are clean.
func TestCleanPath(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", "/"},
		{"/", "/"},
		{"me", "/me"},
		{"/me", "/me"},
		{"/me/", "/me/"},
		{"//me", "/me"},
		{"/a/../me", "/me"},
		{"/./me/.", "/me"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got := cleanPath(tt.in); got != tt.want {
				t.Errorf("cleanPath(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
