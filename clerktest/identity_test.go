package clerktest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/clerkgo/clerk/clerktest"
)

// TestIdentityRefusals: missing required parameters, unknown ids and
// unknown fields answer ClerkErrors with the codes the routes document.
func TestIdentityRefusals(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	uid := a.mustUser(map[string]any{"email_address": []string{"ada@example.com"}})
	tests := []struct {
		name, method, path string
		body               any
		status             int
		code               string
	}{
		{"email without user", http.MethodPost, "/email_addresses", map[string]any{"email_address": "b@example.com"}, 422, "form_param_missing"},
		{"email without address", http.MethodPost, "/email_addresses", map[string]any{"user_id": uid}, 422, "form_param_missing"},
		{"email malformed", http.MethodPost, "/email_addresses", map[string]any{"user_id": uid, "email_address": "nope"}, 422, "form_param_format_invalid"},
		{"email taken", http.MethodPost, "/email_addresses", map[string]any{"user_id": uid, "email_address": "ADA@example.com"}, 422, "form_identifier_exists"},
		{"email unknown user", http.MethodPost, "/email_addresses", map[string]any{"user_id": "user_missing", "email_address": "c@example.com"}, 404, "resource_not_found"},
		{"email unknown field", http.MethodPost, "/email_addresses", map[string]any{"user_id": uid, "email_address": "c@example.com", "x": 1}, 422, "form_param_unknown"},
		{"email unknown id", http.MethodGet, "/email_addresses/idn_missing", nil, 404, "resource_not_found"},
		{"phone malformed", http.MethodPost, "/phone_numbers", map[string]any{"user_id": uid, "phone_number": "555"}, 422, "form_param_format_invalid"},
		{"phone 2FA unverified", http.MethodPost, "/phone_numbers", map[string]any{"user_id": uid, "phone_number": "+15555550100", "reserved_for_second_factor": true}, 422, "form_param_value_invalid"},
		{"phone unknown id", http.MethodDelete, "/phone_numbers/idn_missing", nil, 404, "resource_not_found"},
		{"replace status", http.MethodPut, "/users/" + uid + "/email_address", map[string]any{"email_address": "d@example.com", "identification_status": "maybe"}, 422, "form_param_value_invalid"},
		{"sign-in token without user", http.MethodPost, "/sign_in_tokens", map[string]any{}, 422, "form_param_missing"},
		{"actor token without sub", http.MethodPost, "/actor_tokens", map[string]any{"user_id": uid, "actor": map[string]any{}}, 422, "form_param_missing"},
		{"actor token unknown user", http.MethodPost, "/actor_tokens", map[string]any{"user_id": "user_missing", "actor": map[string]any{"sub": "x"}}, 422, "form_param_value_invalid"},
		{"agent task both", http.MethodPost, "/agents/tasks", map[string]any{"on_behalf_of": map[string]any{"user_id": uid, "identifier": "ada@example.com"},
			"permissions": "*", "agent_name": "a", "task_description": "d", "redirect_url": "https://x.example.com"}, 422, "form_param_value_invalid"},
		{"agent task permissions", http.MethodPost, "/agents/tasks", map[string]any{"on_behalf_of": map[string]any{"user_id": uid},
			"permissions": "read", "agent_name": "a", "task_description": "d", "redirect_url": "https://x.example.com"}, 422, "form_param_value_invalid"},
		{"portal link too long", http.MethodPost, "/admin_portal_link_tokens", map[string]any{"seconds_until_expiration": 86401}, 422, "form_param_value_invalid"},
		{"portal link unknown", http.MethodPost, "/admin_portal_link_tokens/aplt_00000000000000000000000000000000/revoke", map[string]any{}, 404, "resource_not_found"},
		{"client verify without token", http.MethodPost, "/clients/verify", map[string]any{}, 400, "form_param_missing"},
		{"sign-up unknown", http.MethodGet, "/sign_ups/sua_missing", nil, 404, "resource_not_found"},
	}
	for _, tt := range tests {
		// a.fail stops the test on a wrong status, naming the request.
		if code := a.fail(tt.method, tt.path, tt.body, tt.status); code != tt.code {
			t.Errorf("%s: code = %s, want %s", tt.name, code, tt.code)
		}
	}
}

// TestVerificationExpires: a prepared code stops working after ten
// minutes of the server's clock.
func TestVerificationExpires(t *testing.T) {
	t.Parallel()
	clock := newStepClock()
	a := newAPI(t, clerktest.WithClock(clock.now))
	uid := a.mustUser(map[string]any{"email_address": []string{"ada@example.com"}})
	e := a.ok(http.MethodPost, "/email_addresses", map[string]any{"user_id": uid, "email_address": "b@example.com"})
	v := a.ok(http.MethodPost, "/email_addresses/"+str(e, "id")+"/prepare_verification", nil)
	if str(v, "status") != "unverified" || str(v, "strategy") != "email_code" {
		t.Fatalf("prepared = %v", v)
	}
	clock.mu.Lock()
	clock.t = clock.t.Add(11 * time.Minute)
	clock.mu.Unlock()
	code := a.fail(http.MethodPost, "/email_addresses/"+str(e, "id")+"/attempt_verification",
		map[string]any{"verification_id": str(v, "id"), "code": clerktest.VerificationCode}, http.StatusBadRequest)
	if code != "verification_expired" {
		t.Errorf("code = %s, want verification_expired", code)
	}
	got := a.ok(http.MethodGet, "/email_addresses/"+str(e, "id"), nil)
	if ver, _ := got["verification"].(map[string]any); ver == nil || ver["status"] != "expired" {
		t.Errorf("verification = %v, want expired", got["verification"])
	}
}
