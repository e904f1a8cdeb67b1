package clerktest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/clerkgo/clerk/clerktest"
)

func TestSessions(t *testing.T) {
	t.Parallel()
	a := newAPI(t, clerktest.WithClock(newStepClock().now))
	user := a.mustUser(nil)
	stranger := a.mustUser(nil)
	org := str(a.ok("POST", "/organizations", map[string]any{"name": "Acme", "created_by": user}), "id")

	s1 := a.ok("POST", "/sessions", map[string]any{"user_id": user, "active_organization_id": org})
	if !strings.HasPrefix(str(s1, "id"), "sess_") || s1["object"] != "session" || s1["status"] != "active" ||
		!strings.HasPrefix(str(s1, "client_id"), "client_") || s1["last_active_organization_id"] != org || s1["user_id"] != user {
		t.Errorf("session %v", s1)
	}
	if s1["expire_at"].(float64) <= s1["created_at"].(float64) || s1["abandon_at"].(float64) <= s1["expire_at"].(float64) {
		t.Errorf("expire_at/abandon_at %v/%v", s1["expire_at"], s1["abandon_at"])
	}
	if u := a.ok("GET", "/users/"+user, nil); u["last_sign_in_at"] == nil || u["last_active_at"] == nil {
		t.Error("sign-in times not set by a new session")
	}
	s2 := a.ok("POST", "/sessions", map[string]any{"user_id": user})
	if v, ok := s2["last_active_organization_id"]; !ok || v != nil {
		t.Errorf("no active org: %v", v)
	}
	refusals := []struct {
		name   string
		body   map[string]any
		status int
	}{
		{"no user", map[string]any{}, http.StatusUnprocessableEntity},
		{"unknown user", map[string]any{"user_id": "user_nope"}, http.StatusNotFound},
		{"not a member", map[string]any{"user_id": stranger, "active_organization_id": org}, http.StatusUnprocessableEntity},
		{"unknown org", map[string]any{"user_id": user, "active_organization_id": "org_nope"}, http.StatusNotFound},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) { a.fail("POST", "/sessions", tt.body, tt.status) })
	}

	if got := ids(a.okList("GET", "/sessions?user_id="+user, nil)); len(got) != 2 || got[0] != s2["id"] {
		t.Errorf("list by user (newest first): %v", got)
	}
	if got := ids(a.okList("GET", "/sessions?client_id="+str(s1, "client_id"), nil)); len(got) != 1 || got[0] != s1["id"] {
		t.Errorf("list by client: %v", got)
	}
	if items, total := a.envelope("GET", "/sessions?user_id="+user+"&paginated=true&limit=1"); len(items) != 1 || total != 2 {
		t.Errorf("paginated: %d of %d", len(items), total)
	}
	a.fail("GET", "/sessions", nil, http.StatusUnprocessableEntity)
	a.fail("GET", "/sessions?user_id="+user+"&status=sleeping", nil, http.StatusUnprocessableEntity)

	if got := a.ok("GET", "/sessions/"+str(s1, "id"), nil); got["id"] != s1["id"] {
		t.Errorf("get: %v", got)
	}
	revoked := a.ok("POST", "/sessions/"+str(s1, "id")+"/revoke", nil)
	if revoked["status"] != "revoked" {
		t.Errorf("after revoke: %v", revoked["status"])
	}
	a.fail("POST", "/sessions/"+str(s1, "id")+"/revoke", nil, http.StatusBadRequest)
	if got := ids(a.okList("GET", "/sessions?user_id="+user+"&status=revoked", nil)); len(got) != 1 || got[0] != s1["id"] {
		t.Errorf("revoked sessions: %v", got)
	}
	a.fail("POST", "/sessions/"+str(s1, "id")+"/tokens", nil, http.StatusNotFound)
}
