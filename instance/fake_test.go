package instance_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/instance"
)

// onFake returns a client on a fresh clerktest server.
func onFake(t *testing.T, opts ...clerktest.Option) (*clerk.Client, *clerktest.Server) {
	t.Helper()
	srv := clerktest.NewServer(t, opts...)
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL), clerk.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

// post sends a raw JSON request to the fake (for the resources of other
// services the tests need), returning the decoded answer.
func post(t *testing.T, srv *clerktest.Server, path string, body any) map[string]any {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, srv.URL+path, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+srv.SecretKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("POST %s: %d %v %v", path, resp.StatusCode, out, err)
	}
	return out
}

func wantStatus(t *testing.T, err error, status int) {
	t.Helper()
	var ae *clerk.APIError
	if !errors.As(err, &ae) || ae.StatusCode != status {
		t.Fatalf("err = %v, want status %d", err, status)
	}
}

func TestFakeSettingsRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, _ := onFake(t)

	if err := c.Instance.Update(ctx, &instance.UpdateParams{AllowedOrigins: &[]string{"chrome-extension://abc"}}); err != nil {
		t.Fatal(err)
	}
	in, err := c.Instance.Get(ctx)
	if err != nil || !slices.Equal(in.AllowedOrigins, []string{"chrome-extension://abc"}) || in.Object != "instance" {
		t.Fatalf("Get = %+v, %v", in, err)
	}

	if _, err := c.Instance.UpdateProtect(ctx, &instance.UpdateProtectParams{RulesEnabled: clerk.Ptr(true)}); err != nil {
		t.Fatal(err)
	}
	p, err := c.Instance.GetProtect(ctx)
	if err != nil || !p.RulesEnabled || p.SpecterEnabled {
		t.Fatalf("GetProtect = %+v, %v", p, err)
	}

	if _, err := c.Instance.UpdateCommunication(ctx, &instance.UpdateCommunicationParams{BlockedCountryCodes: &[]string{"RU", "KP"}}); err != nil {
		t.Fatal(err)
	}
	cm, err := c.Instance.GetCommunication(ctx)
	if err != nil || !slices.Equal(cm.BlockedCountryCodes, []string{"RU", "KP"}) {
		t.Fatalf("GetCommunication = %+v, %v", cm, err)
	}

	scopes := []string{"openid", "email"}
	if _, err := c.Instance.UpdateOAuthApplicationSettings(ctx, &instance.UpdateOAuthApplicationSettingsParams{DefaultScopes: &scopes, DynamicOAuthClientRegistration: clerk.Ptr(true)}); err != nil {
		t.Fatal(err)
	}
	o, err := c.Instance.GetOAuthApplicationSettings(ctx)
	if err != nil || !slices.Equal(o.DefaultScopes, scopes) || !o.DynamicOAuthClientRegistration {
		t.Fatalf("GetOAuthApplicationSettings = %+v, %v", o, err)
	}
	var reset []string
	o, err = c.Instance.UpdateOAuthApplicationSettings(ctx, &instance.UpdateOAuthApplicationSettingsParams{DefaultScopes: &reset})
	if err != nil || o.DefaultScopes != nil {
		t.Fatalf("reset scopes = %+v, %v", o, err)
	}

	if _, err := c.Instance.UpdateOrganizationSettings(ctx, &instance.UpdateOrganizationSettingsParams{
		MaxAllowedMemberships: clerk.Ptr(0), DomainsEnabled: clerk.Ptr(true), DomainsEnrollmentModes: &[]string{"automatic_invitation"},
	}); err != nil {
		t.Fatal(err)
	}
	os, err := c.Instance.GetOrganizationSettings(ctx)
	if err != nil || os.MaxAllowedMemberships != 0 || !os.DomainsEnabled || !slices.Contains(os.DomainsEnrollmentModes, "automatic_invitation") {
		t.Fatalf("GetOrganizationSettings = %+v, %v", os, err)
	}
	_, err = c.Instance.UpdateOrganizationSettings(ctx, &instance.UpdateOrganizationSettingsParams{CreatorRoleID: clerk.Ptr("org:nope")})
	wantStatus(t, err, http.StatusUnprocessableEntity)

	a, err := c.Instance.UpdateAuthConfig(ctx, &instance.UpdateAuthConfigParams{RestrictedToAllowlist: clerk.Ptr(true)})
	if err != nil || !a.RestrictedToAllowlist || a.Object != "instance_settings" {
		t.Fatalf("UpdateAuthConfig = %+v, %v", a, err)
	}
	r, err := c.Instance.UpdateRestrictions(ctx, nil)
	if err != nil || !r.Allowlist {
		t.Fatalf("restrictions after the beta switch = %+v, %v", r, err)
	}
	r, err = c.Instance.UpdateRestrictions(ctx, &instance.UpdateRestrictionsParams{Allowlist: clerk.Ptr(false), BlockDisposableEmailDomains: clerk.Ptr(true)})
	if err != nil || r.Allowlist || !r.BlockDisposableEmailDomains {
		t.Fatalf("UpdateRestrictions = %+v, %v", r, err)
	}

	html, err := c.Instance.GetInterstitial(ctx, &instance.InterstitialParams{FrontendAPI: "clerk.example.com", PublishableKey: "pk_test_x"})
	if err != nil || !bytes.Contains(html, []byte(`data-clerk-publishable-key="pk_test_x"`)) {
		t.Fatalf("GetInterstitial = %q, %v", html, err)
	}

	if err := c.Instance.ChangeDomain(ctx, &instance.ChangeDomainParams{HomeURL: "https://www.example.org"}); err != nil {
		t.Fatal(err)
	}
	ds, err := c.Domains.List(ctx)
	if err != nil || ds.TotalCount != 1 || ds.Data[0].Name != "www.example.org" || ds.Data[0].IsSatellite {
		t.Fatalf("domains after ChangeDomain = %+v, %v", ds, err)
	}
}

func TestFakeDomainLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, _ := onFake(t)
	list, err := c.Domains.List(ctx)
	if err != nil || list.TotalCount != 1 {
		t.Fatalf("List = %+v, %v", list, err)
	}
	primary := list.Data[0]
	if primary.IsSatellite || primary.AccountsPortalURL == nil || !strings.HasPrefix(primary.ID, "dmn_") {
		t.Fatalf("primary = %+v", primary)
	}
	d, err := c.Domains.Create(ctx, &instance.CreateDomainParams{Name: "sat.example.com"})
	if err != nil || !d.IsSatellite || d.AccountsPortalURL != nil || d.FrontendAPIURL != "https://clerk.sat.example.com" {
		t.Fatalf("Create = %+v, %v", d, err)
	}
	_, err = c.Domains.Create(ctx, &instance.CreateDomainParams{Name: "sat.example.com"})
	wantStatus(t, err, http.StatusUnprocessableEntity)

	d, err = c.Domains.Update(ctx, d.ID, &instance.UpdateDomainParams{ProxyURL: clerk.Ptr("https://sat.example.com/__clerk")})
	if err != nil || d.ProxyURL == nil || *d.ProxyURL != "https://sat.example.com/__clerk" {
		t.Fatalf("Update = %+v, %v", d, err)
	}
	pc, err := c.ProxyChecks.Verify(ctx, &instance.VerifyProxyParams{DomainID: d.ID, ProxyURL: "https://sat.example.com/__clerk"})
	if err != nil || !pc.Successful || pc.DomainID != d.ID || pc.LastRunAt == nil || pc.CreatedAt.IsZero() {
		t.Fatalf("Verify = %+v, %v", pc, err)
	}
	pc, err = c.ProxyChecks.Verify(ctx, &instance.VerifyProxyParams{DomainID: d.ID, ProxyURL: "http://elsewhere.example/__clerk"})
	if err != nil || pc.Successful {
		t.Fatalf("Verify of a wrong proxy = %+v, %v", pc, err)
	}
	_, err = c.ProxyChecks.Verify(ctx, &instance.VerifyProxyParams{DomainID: "dmn_missing", ProxyURL: "https://x.example"})
	wantStatus(t, err, http.StatusNotFound)

	if list, _ := c.Domains.List(ctx); list.TotalCount != 2 {
		t.Fatalf("List after create: %d domains", list.TotalCount)
	}
	_, err = c.Domains.Delete(ctx, primary.ID)
	wantStatus(t, err, http.StatusUnprocessableEntity)
	del, err := c.Domains.Delete(ctx, d.ID)
	if err != nil || !del.Deleted || del.ID != d.ID || del.Object != "domain" {
		t.Fatalf("Delete = %+v, %v", del, err)
	}
	_, err = c.Domains.Delete(ctx, d.ID)
	wantStatus(t, err, http.StatusNotFound)
}

func TestFakeRedirectURLLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, _ := onFake(t)
	var ids []string
	for _, u := range []string{"my-app://callback", "https://example.com/cb", "http://localhost:3000/cb"} {
		r, err := c.RedirectURLs.Create(ctx, &instance.CreateRedirectURLParams{URL: u})
		if err != nil || r.URL != u || !strings.HasPrefix(r.ID, "ru_") || r.CreatedAt.IsZero() {
			t.Fatalf("Create(%s) = %+v, %v", u, r, err)
		}
		ids = append(ids, r.ID)
	}
	_, err := c.RedirectURLs.Create(ctx, &instance.CreateRedirectURLParams{URL: "my-app://callback"})
	wantStatus(t, err, http.StatusUnprocessableEntity)
	_, err = c.RedirectURLs.Create(ctx, &instance.CreateRedirectURLParams{URL: "no-scheme"})
	wantStatus(t, err, http.StatusUnprocessableEntity)

	p, err := c.RedirectURLs.List(ctx, &instance.ListRedirectURLsParams{Limit: 2})
	if err != nil || p.TotalCount != 3 || len(p.Data) != 2 {
		t.Fatalf("List = %+v, %v", p, err)
	}
	var walked []string
	for r, err := range c.RedirectURLs.All(ctx, &instance.ListRedirectURLsParams{Limit: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		walked = append(walked, r.ID)
	}
	slices.Reverse(ids) // newest first
	if !slices.Equal(walked, ids) {
		t.Fatalf("All = %v, want %v", walked, ids)
	}
	got, err := c.RedirectURLs.Get(ctx, ids[1])
	if err != nil || got.URL != "https://example.com/cb" {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	if _, err := c.RedirectURLs.Delete(ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	_, err = c.RedirectURLs.Get(ctx, ids[1])
	wantStatus(t, err, http.StatusNotFound)
}

// claimsOf decodes a JWT's payload without checking it (the fake signed
// it; the jwt package's tests cover verification).
func claimsOf(t *testing.T, token string) map[string]any {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", token)
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestFakeJWTTemplateMintsTokens: a template created through the API is
// used by POST /sessions/{id}/tokens/{name}, its shortcodes resolved; an
// update changes the next token; a delete makes the name unknown.
func TestFakeJWTTemplateMintsTokens(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, srv := onFake(t, clerktest.WithJWTTemplate("declared", map[string]any{"k": "v"}))

	all, err := c.JWTTemplates.List(ctx, nil)
	if err != nil || all.TotalCount != 1 || all.Data[0].Name != "declared" {
		t.Fatalf("List shows the declared template: %+v, %v", all, err)
	}

	u := post(t, srv, "/users", map[string]any{"email_address": []string{"ada@example.com"}, "first_name": "Ada", "public_metadata": map[string]any{"plan": "pro"}})
	sess := post(t, srv, "/sessions", map[string]any{"user_id": u["id"]})
	sessID := sess["id"].(string)

	tmpl, err := c.JWTTemplates.Create(ctx, &instance.CreateJWTTemplateParams{
		Name: "hasura",
		Claims: map[string]any{
			"uid": "{{user.id}}", "email": "{{user.primary_email_address}}", "name": "{{user.first_name}}",
			"meta": "{{user.public_metadata}}", "fixed": 42,
			"https://hasura.io/jwt/claims": map[string]any{"x-hasura-user-id": "{{user.id}}", "roles": []any{"user", "{{user.first_name}}"}},
		},
		Lifetime: 2 * time.Minute,
	})
	if err != nil || tmpl.Lifetime != 2*time.Minute || !strings.HasPrefix(tmpl.ID, "jtmp_") {
		t.Fatalf("Create = %+v, %v", tmpl, err)
	}
	_, err = c.JWTTemplates.Create(ctx, &instance.CreateJWTTemplateParams{Name: "hasura", Claims: map[string]any{}})
	wantStatus(t, err, http.StatusUnprocessableEntity)

	tok, err := c.Sessions.CreateTokenFromTemplate(ctx, sessID, "hasura", nil)
	if err != nil {
		t.Fatal(err)
	}
	cl := claimsOf(t, tok.JWT)
	if cl["uid"] != u["id"] || cl["email"] != "ada@example.com" || cl["name"] != "Ada" || cl["fixed"] != float64(42) {
		t.Fatalf("claims = %v", cl)
	}
	if m, _ := cl["meta"].(map[string]any); m["plan"] != "pro" {
		t.Fatalf("meta claim = %v", cl["meta"])
	}
	h, _ := cl["https://hasura.io/jwt/claims"].(map[string]any)
	if roles, _ := h["roles"].([]any); h["x-hasura-user-id"] != u["id"] || len(roles) != 2 || roles[1] != "Ada" {
		t.Fatalf("nested claims = %v", h)
	}

	if _, err := c.JWTTemplates.Update(ctx, tmpl.ID, &instance.UpdateJWTTemplateParams{Name: "hasura-v2", Claims: map[string]any{"role": "admin"}}); err != nil {
		t.Fatal(err)
	}
	got, err := c.JWTTemplates.Get(ctx, tmpl.ID)
	if err != nil || got.Name != "hasura-v2" || string(got.Claims) != `{"role":"admin"}` {
		t.Fatalf("Get after Update = %+v, %v", got, err)
	}
	_, err = c.Sessions.CreateTokenFromTemplate(ctx, sessID, "hasura", nil)
	wantStatus(t, err, http.StatusNotFound)
	tok, err = c.Sessions.CreateTokenFromTemplate(ctx, sessID, "hasura-v2", nil)
	if err != nil || claimsOf(t, tok.JWT)["role"] != "admin" {
		t.Fatalf("token of the renamed template: %v", err)
	}

	if _, err := c.JWTTemplates.Delete(ctx, tmpl.ID); err != nil {
		t.Fatal(err)
	}
	_, err = c.Sessions.CreateTokenFromTemplate(ctx, sessID, "hasura-v2", nil)
	wantStatus(t, err, http.StatusNotFound)
	_, err = c.JWTTemplates.Get(ctx, tmpl.ID)
	wantStatus(t, err, http.StatusNotFound)

	var names []string
	for tm, err := range c.JWTTemplates.All(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, tm.Name)
	}
	if !slices.Equal(names, []string{"declared"}) {
		t.Fatalf("All = %v", names)
	}
}

func TestUnimplemented(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var (
		svc instance.API            = instance.Unimplemented{}
		dom instance.DomainAPI      = instance.UnimplementedDomains{}
		pxc instance.ProxyCheckAPI  = instance.UnimplementedProxyChecks{}
		ru  instance.RedirectURLAPI = instance.UnimplementedRedirectURLs{}
		jt  instance.JWTTemplateAPI = instance.UnimplementedJWTTemplates{}
	)
	errs := map[string]error{}
	_, errs["Instance.Get"] = svc.Get(ctx)
	errs["Instance.Update"] = svc.Update(ctx, nil)
	_, errs["Instance.GetInterstitial"] = svc.GetInterstitial(ctx, nil)
	_, errs["Domains.List"] = dom.List(ctx)
	_, errs["ProxyChecks.Verify"] = pxc.Verify(ctx, nil)
	_, errs["RedirectURLs.Get"] = ru.Get(ctx, "x")
	for _, err := range ru.All(ctx, nil) {
		errs["RedirectURLs.All"] = err
	}
	_, errs["JWTTemplates.Delete"] = jt.Delete(ctx, "x")
	for method, err := range errs {
		var ni *core.NotImplementedError
		if !errors.As(err, &ni) || ni.Method != method {
			t.Errorf("%s: err = %v", method, err)
		}
	}
}
