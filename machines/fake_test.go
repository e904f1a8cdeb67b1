package machines_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/machines"
)

// TestFakeRefusals sends raw requests the SDK never would and checks the
// fake answers the API's status with a ClerkErrors body.
func TestFakeRefusals(t *testing.T) {
	t.Parallel()
	srv, c := newClient(t)
	m := mustMachine(t, c, "raw")
	k, err := c.APIKeys.Create(ctx, &machines.CreateAPIKeyParams{Name: "raw", Subject: "user_1"})
	if err != nil {
		t.Fatal(err)
	}
	base := strings.TrimSuffix(srv.URL, "/v1")
	for _, tc := range []struct {
		name, method, path, bearer, body string
		status                           int
		code                             string
	}{
		{"rotate without previous_token_ttl", "POST", "/v1/machines/" + m.ID + "/secret_key/rotate", "", `{}`, 422, "form_param_missing"},
		{"rotate negative ttl", "POST", "/v1/machines/" + m.ID + "/secret_key/rotate", "", `{"previous_token_ttl":-1}`, 422, "form_param_value_invalid"},
		{"machine without name", "POST", "/v1/machines", "", `{"name":" "}`, 422, "form_param_missing"},
		{"machine zero ttl", "POST", "/v1/machines", "", `{"name":"x","default_token_ttl":0}`, 422, "form_param_value_invalid"},
		{"machine unknown field", "POST", "/v1/machines", "", `{"name":"x","color":"red"}`, 422, "form_param_unknown"},
		{"update empty name", "PATCH", "/v1/machines/" + m.ID, "", `{"name":""}`, 422, "form_param_value_invalid"},
		{"scope to itself", "POST", "/v1/machines/" + m.ID + "/scopes", "", `{"to_machine_id":"` + m.ID + `"}`, 422, "form_param_value_invalid"},
		{"scope without target", "POST", "/v1/machines/" + m.ID + "/scopes", "", `{}`, 422, "form_param_missing"},
		{"unknown machine", "GET", "/v1/machines/mch_nope", "", ``, 404, "resource_not_found"},
		{"unknown machine secret", "GET", "/v1/machines/mch_nope/secret_key", "", ``, 404, "resource_not_found"},
		{"m2m bad format", "POST", "/v1/m2m_tokens", m.SecretKey, `{"token_format":"pem"}`, 422, "form_param_value_invalid"},
		{"m2m array claims", "POST", "/v1/m2m_tokens", m.SecretKey, `{"claims":[1]}`, 422, "form_param_format_invalid"},
		{"m2m list without subject", "GET", "/v1/m2m_tokens", "", ``, 422, "form_param_missing"},
		{"m2m verify without token", "POST", "/v1/m2m_tokens/verify", "", `{}`, 422, "form_param_missing"},
		{"m2m verify garbage JWT", "POST", "/v1/m2m_tokens/verify", "", `{"token":"a.b.c"}`, 404, "resource_not_found"},
		{"machine key elsewhere", "GET", "/v1/api_keys?subject=user_1", m.SecretKey, ``, 401, "clerk_key_invalid"},
		{"api key bad type", "POST", "/v1/api_keys", "", `{"name":"x","subject":"user_1","type":"other"}`, 422, "form_param_value_invalid"},
		{"api key without name", "POST", "/v1/api_keys", "", `{"subject":"user_1"}`, 422, "form_param_missing"},
		{"api key string claims", "PATCH", "/v1/api_keys/" + k.ID, "", `{"claims":"x"}`, 422, "form_param_format_invalid"},
		{"api key bad subject", "PATCH", "/v1/api_keys/" + k.ID, "", `{"subject":"mch_1"}`, 422, "form_param_value_invalid"},
		{"api key verify without secret", "POST", "/v1/api_keys/verify", "", `{}`, 422, "form_param_missing"},
		{"unknown api key", "GET", "/v1/api_keys/ak_nope/secret", "", ``, 404, "resource_not_found"},
		{"oauth verify without token", "POST", "/v1/oauth_applications/access_tokens/verify", "", `{}`, 422, "form_param_missing"},
		{"unversioned api key verify", "POST", "/api_keys/verify", "", `{"secret":"` + k.Secret + `"}`, 200, ""},
		{"unversioned m2m list", "GET", "/m2m_tokens?subject=" + m.ID, "", ``, 200, ""},
	} {
		req, err := http.NewRequest(tc.method, base+tc.path, strings.NewReader(tc.body))
		if err != nil {
			t.Fatal(err)
		}
		bearer := tc.bearer
		if bearer == "" {
			bearer = srv.SecretKey
		}
		req.Header.Set("Authorization", "Bearer "+bearer)
		req.Header.Set("Content-Type", "application/json")
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var body struct {
			Errors []struct{ Code, Message, LongMessage string } `json:"errors"`
		}
		_ = json.Unmarshal(b, &body)
		if resp.StatusCode != tc.status {
			t.Errorf("%s: %d %s, want %d", tc.name, resp.StatusCode, b, tc.status)
			continue
		}
		if tc.code != "" && (len(body.Errors) == 0 || body.Errors[0].Code != tc.code) {
			t.Errorf("%s: body %s, want code %s", tc.name, b, tc.code)
		}
		if strings.Contains(string(b), m.SecretKey) && tc.status != 200 {
			t.Errorf("%s: the answer shows the machine secret", tc.name)
		}
	}
}

func TestAPIKeyUpdateClears(t *testing.T) {
	t.Parallel()
	_, c := newClient(t)
	k, err := c.APIKeys.Create(ctx, &machines.CreateAPIKeyParams{Name: "x", Subject: "user_1", Description: "d", Claims: map[string]any{"a": 1}})
	if err != nil {
		t.Fatal(err)
	}
	upd, err := c.APIKeys.Update(ctx, k.ID, &machines.UpdateAPIKeyParams{Subject: "org_1", Claims: map[string]any{"b": 2}, ExpiresIn: time.Minute})
	if err != nil || upd.Subject != "org_1" || string(upd.Claims) != `{"b":2}` || upd.Expiration == nil || upd.Description != "d" {
		t.Errorf("Update = %+v, %v", upd, err)
	}
	n := 0
	for key, err := range c.APIKeys.All(ctx, &machines.ListAPIKeysParams{Subject: "org_1", Limit: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		if key.ID != k.ID {
			t.Errorf("All yields %s", key.ID)
		}
		n++
	}
	if n != 1 {
		t.Errorf("All yielded %d keys", n)
	}
	if _, err := c.APIKeys.Update(ctx, "ak_nope", nil); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Update unknown: %v", err)
	}
}
