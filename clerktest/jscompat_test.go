package clerktest_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/clerkgo/clerk/clerktest"
)

// The wire shapes the official JavaScript SDK relies on for the B2B
// operations (clerktest/compat/js/b2b.test.mjs drives the SDK itself).

func TestBillingListsAnswerEnvelopes(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	uid := a.srv.AddUser(clerktest.User{Email: "ada@example.com"})
	a.srv.AddSubscriptionItem(uid, "pro", false)
	for _, tc := range []struct {
		path     string
		minTotal int
	}{
		// The JavaScript SDK sends no paginated parameter: the spec's
		// answer is an envelope either way.
		{"/billing/plans", 3},
		{"/billing/plans?paginated=false&payer_type=org", 1},
		{"/billing/plans?paginated=true&limit=1", 3},
		{"/billing/prices", 2},
		{"/billing/subscription_items", 1},
		{"/billing/statements", 1},
	} {
		t.Run(tc.path, func(t *testing.T) {
			data, total := a.envelope("GET", tc.path)
			if total < tc.minTotal || len(data) == 0 || len(data) > total {
				t.Errorf("%d items of total %d, want a total of at least %d", len(data), total, tc.minTotal)
			}
		})
	}
	_, total := a.envelope("GET", "/billing/plans?payer_type=org")
	if total != 1 {
		t.Errorf("org plans: total %d, want 1", total)
	}
}

func TestSubscriptionListsThePayersItems(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	uid := a.srv.AddUser(clerktest.User{Email: "ada@example.com"})
	other := a.srv.AddUser(clerktest.User{Email: "bob@example.com"})
	orgID := a.srv.AddOrganization(clerktest.Organization{Name: "Acme"})
	trial := a.srv.AddSubscriptionItem(uid, "pro", true)
	team := a.srv.AddSubscriptionItem(orgID, "team", false)
	ended := a.srv.AddSubscriptionItem(orgID, "team", false)
	a.ok("DELETE", "/billing/subscription_items/"+ended+"?end_now=true", nil)

	itemsOf := func(path string) []string {
		t.Helper()
		sub := a.ok("GET", path, nil)
		payer := str(sub, "payer_id")
		raw, ok := sub["subscription_items"].([]any)
		if !ok {
			t.Fatalf("%s: subscription_items is not an array: %v", path, sub)
		}
		var out []string
		for _, x := range raw {
			it := x.(map[string]any)
			if it["object"] != "commerce_subscription_item" || it["plan"] == nil {
				t.Errorf("%s: item %v lacks object or plan", path, it)
			}
			if p := str(it, "payer_id"); p != payer || !strings.HasPrefix(p, "cpayer_") {
				t.Errorf("%s: item payer_id %q, subscription payer_id %q: want the same cpayer_ id", path, p, payer)
			}
			out = append(out, str(it, "id"))
		}
		return out
	}
	if got := itemsOf("/users/" + uid + "/billing/subscription"); !slices.Equal(got, []string{trial}) {
		t.Errorf("user items = %v, want [%s]", got, trial)
	}
	if got := itemsOf("/organizations/" + orgID + "/billing/subscription"); !slices.Equal(got, []string{team}) {
		t.Errorf("org items = %v, want [%s] (the ended item left out)", got, team)
	}
	if got := itemsOf("/users/" + other + "/billing/subscription"); len(got) != 0 {
		t.Errorf("unsubscribed user's items = %v, want none", got)
	}
}

func TestOAuthRevokeTokenAnswers204(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	app := a.ok("POST", "/oauth_applications", map[string]any{"name": "App"})
	r := a.do("POST", "/oauth_applications/"+str(app, "id")+"/revoke_token", map[string]any{"token": "oat_x"})
	if r.status != http.StatusNoContent || len(r.body) != 0 {
		t.Errorf("status %d body %q, want 204 without a body", r.status, r.body)
	}
	if code := a.fail("POST", "/oauth_applications/"+str(app, "id")+"/revoke_token", map[string]any{}, http.StatusUnprocessableEntity); code != "form_param_missing" {
		t.Errorf("code %q, want form_param_missing", code)
	}
}

func TestEnterpriseConnectionRequiredFields(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	for _, tc := range []struct {
		name string
		saml map[string]any
		want string
	}{
		{"default", nil, "email_address"},
		{"set", map[string]any{"login_hint": map[string]any{"mode": "off"}}, "off"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := map[string]any{"name": "Okta", "provider": "saml_custom", "domains": []string{tc.name + ".example.com"}}
			if tc.saml != nil {
				body["saml"] = tc.saml
			}
			c := a.ok("POST", "/enterprise_connections", body)
			for _, k := range []string{"authenticatable", "disable_jit_provisioning"} {
				if _, ok := c[k].(bool); !ok {
					t.Errorf("%s = %v, want a boolean (the spec requires it)", k, c[k])
				}
			}
			sc, _ := c["saml_connection"].(map[string]any)
			hint, _ := sc["login_hint"].(map[string]any)
			if hint["mode"] != tc.want {
				t.Errorf("saml_connection.login_hint = %v, want mode %q", sc["login_hint"], tc.want)
			}
		})
	}
}
