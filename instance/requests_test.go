package instance_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/instance"
	"github.com/clerkgo/clerk/internal/testkit"
	"github.com/clerkgo/clerk/pagination"
)

const (
	instanceBody = `{"object":"instance","id":"ins_1","environment_type":"production","allowed_origins":["https://a.example"],"workspace_id":null}`
	domainBody   = `{"object":"domain","id":"dmn_1","name":"sat.example.com","is_satellite":true,"frontend_api_url":"https://clerk.sat.example.com","accounts_portal_url":null,"proxy_url":null,"development_origin":"","cname_targets":[{"host":"clerk.sat.example.com","value":"frontend-api.clerk.services","required":true}]}`
	redirectBody = `{"object":"redirect_url","id":"ru_1","url":"my-app://cb","created_at":1700000000000,"updated_at":1700000001000}`
	templateBody = `{"object":"jwt_template","id":"jtmp_1","name":"hasura","claims":{"sub":"{{user.id}}"},"lifetime":120,"allowed_clock_skew":5,"custom_signing_key":false,"signing_algorithm":"RS256","created_at":1700000000000,"updated_at":1700000000000}`
	proxyBody    = `{"object":"proxy_check","id":"pxc_1","domain_id":"dmn_1","last_run_at":1700000002000,"proxy_url":"https://example.com/__clerk","successful":true,"created_at":1700000000000,"updated_at":1700000000000}`
	deletedBody  = `{"object":"x","id":"x_1","deleted":true}`
)

func page(item string) string { return `{"data":[` + item + `],"total_count":1}` }

// TestRequests checks each method's request (method, path, query, body)
// and that the answer decodes.
func TestRequests(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name   string
		reply  string
		status int
		call   func(c *clerk.Client) (any, error)
		method string
		path   string
		query  url.Values
		body   string
		check  func(t *testing.T, got any)
	}{
		{
			name: "Get", reply: instanceBody,
			call:   func(c *clerk.Client) (any, error) { return c.Instance.Get(ctx) },
			method: "GET", path: "/instance",
			check: func(t *testing.T, got any) {
				i := got.(*instance.Instance)
				if i.ID != "ins_1" || i.EnvironmentType != "production" || len(i.AllowedOrigins) != 1 || i.WorkspaceID != nil {
					t.Errorf("got %+v", i)
				}
			},
		},
		{
			name: "Update", reply: "", status: http.StatusNoContent,
			call: func(c *clerk.Client) (any, error) {
				return nil, c.Instance.Update(ctx, &instance.UpdateParams{HIBP: clerk.Ptr(false), AllowedOrigins: &[]string{}, SupportEmail: clerk.Ptr("help@example.com")})
			},
			method: "PATCH", path: "/instance", body: `{"hibp":false,"allowed_origins":[],"support_email":"help@example.com"}`,
		},
		{
			name: "UpdateRestrictions", reply: `{"object":"instance_restrictions","allowlist":true,"blocklist":false,"allowlist_blocklist_disabled_on_sign_in":false,"block_email_subaddresses":true,"block_disposable_email_domains":false}`,
			call: func(c *clerk.Client) (any, error) {
				return c.Instance.UpdateRestrictions(ctx, &instance.UpdateRestrictionsParams{Allowlist: clerk.Ptr(true), BlockEmailSubaddresses: clerk.Ptr(true)})
			},
			method: "PATCH", path: "/instance/restrictions", body: `{"allowlist":true,"block_email_subaddresses":true}`,
			check: func(t *testing.T, got any) {
				if r := got.(*instance.Restrictions); !r.Allowlist || !r.BlockEmailSubaddresses || r.Blocklist {
					t.Errorf("got %+v", r)
				}
			},
		},
		{
			name: "GetProtect", reply: `{"object":"instance_protect","rules_enabled":true,"specter_enabled":false,"checks_bypassed":true}`,
			call:   func(c *clerk.Client) (any, error) { return c.Instance.GetProtect(ctx) },
			method: "GET", path: "/instance/protect",
			check: func(t *testing.T, got any) {
				if p := got.(*instance.Protect); !p.RulesEnabled || !p.ChecksBypassed {
					t.Errorf("got %+v", p)
				}
			},
		},
		{
			name: "UpdateProtect", reply: `{"object":"instance_protect","rules_enabled":false,"specter_enabled":true,"checks_bypassed":false}`,
			call: func(c *clerk.Client) (any, error) {
				return c.Instance.UpdateProtect(ctx, &instance.UpdateProtectParams{SpecterEnabled: clerk.Ptr(true)})
			},
			method: "PATCH", path: "/instance/protect", body: `{"specter_enabled":true}`,
		},
		{
			name: "GetCommunication", reply: `{"object":"instance_communication","blocked_country_codes":["RU"]}`,
			call:   func(c *clerk.Client) (any, error) { return c.Instance.GetCommunication(ctx) },
			method: "GET", path: "/instance/communication",
			check: func(t *testing.T, got any) {
				if c := got.(*instance.Communication); len(c.BlockedCountryCodes) != 1 || c.BlockedCountryCodes[0] != "RU" {
					t.Errorf("got %+v", c)
				}
			},
		},
		{
			name: "UpdateCommunication", reply: `{"object":"instance_communication","blocked_country_codes":["FR","DE"]}`,
			call: func(c *clerk.Client) (any, error) {
				return c.Instance.UpdateCommunication(ctx, &instance.UpdateCommunicationParams{BlockedCountryCodes: &[]string{"FR", "DE"}})
			},
			method: "PATCH", path: "/instance/communication", body: `{"blocked_country_codes":["FR","DE"]}`,
		},
		{
			name: "GetOAuthApplicationSettings", reply: `{"object":"oauth_application_settings","dynamic_oauth_client_registration":true,"default_scopes":null,"oauth_jwt_access_tokens":false,"client_id_metadata_documents_advertised":false,"client_id_metadata_documents_only_allow_pre_registered_clients":false,"client_id_metadata_documents_block_implicitly_allowed_clients":true}`,
			call:   func(c *clerk.Client) (any, error) { return c.Instance.GetOAuthApplicationSettings(ctx) },
			method: "GET", path: "/instance/oauth_application_settings",
			check: func(t *testing.T, got any) {
				if o := got.(*instance.OAuthApplicationSettings); !o.DynamicOAuthClientRegistration || o.DefaultScopes != nil || !o.ClientIDMetadataDocumentsBlockImplicitlyAllowedClients {
					t.Errorf("got %+v", o)
				}
			},
		},
		{
			name: "UpdateOAuthApplicationSettings resets scopes with null", reply: `{"object":"oauth_application_settings","dynamic_oauth_client_registration":false,"default_scopes":null,"oauth_jwt_access_tokens":true,"client_id_metadata_documents_advertised":false,"client_id_metadata_documents_only_allow_pre_registered_clients":false,"client_id_metadata_documents_block_implicitly_allowed_clients":false}`,
			call: func(c *clerk.Client) (any, error) {
				var reset []string
				return c.Instance.UpdateOAuthApplicationSettings(ctx, &instance.UpdateOAuthApplicationSettingsParams{DefaultScopes: &reset, OAuthJWTAccessTokens: clerk.Ptr(true)})
			},
			method: "PATCH", path: "/instance/oauth_application_settings", body: `{"default_scopes":null,"oauth_jwt_access_tokens":true}`,
		},
		{
			name: "GetOrganizationSettings", reply: `{"object":"organization_settings","enabled":true,"max_allowed_memberships":5,"max_allowed_roles":10,"max_allowed_domains":10,"creator_role":"org:admin","admin_delete_enabled":true,"domains_enabled":false,"domains_enrollment_modes":["manual_invitation"],"domains_default_role":"org:member","initial_role_set_key":null}`,
			call:   func(c *clerk.Client) (any, error) { return c.Instance.GetOrganizationSettings(ctx) },
			method: "GET", path: "/instance/organization_settings",
			check: func(t *testing.T, got any) {
				if o := got.(*instance.OrganizationSettings); !o.Enabled || o.MaxAllowedMemberships != 5 || o.CreatorRole != "org:admin" || len(o.DomainsEnrollmentModes) != 1 {
					t.Errorf("got %+v", o)
				}
			},
		},
		{
			name: "UpdateOrganizationSettings", reply: `{"object":"organization_settings","enabled":true,"max_allowed_memberships":0}`,
			call: func(c *clerk.Client) (any, error) {
				return c.Instance.UpdateOrganizationSettings(ctx, &instance.UpdateOrganizationSettingsParams{MaxAllowedMemberships: clerk.Ptr(0), DomainsEnrollmentModes: &[]string{"automatic_invitation"}, CreatorRoleID: clerk.Ptr("role_1")})
			},
			method: "PATCH", path: "/instance/organization_settings", body: `{"max_allowed_memberships":0,"domains_enrollment_modes":["automatic_invitation"],"creator_role_id":"role_1"}`,
		},
		{
			name: "UpdateAuthConfig", reply: `{"object":"instance_settings","id":"ins_1","restricted_to_allowlist":true,"from_email_address":"auth","progressive_sign_up":false}`,
			call: func(c *clerk.Client) (any, error) {
				return c.Instance.UpdateAuthConfig(ctx, &instance.UpdateAuthConfigParams{RestrictedToAllowlist: clerk.Ptr(true), FromEmailAddress: clerk.Ptr("auth")})
			},
			method: "PATCH", path: "/beta_features/instance_settings", body: `{"restricted_to_allowlist":true,"from_email_address":"auth"}`,
			check: func(t *testing.T, got any) {
				if a := got.(*instance.AuthConfig); !a.RestrictedToAllowlist || a.FromEmailAddress != "auth" {
					t.Errorf("got %+v", a)
				}
			},
		},
		{
			name: "ChangeDomain", reply: "", status: http.StatusAccepted,
			call: func(c *clerk.Client) (any, error) {
				return nil, c.Instance.ChangeDomain(ctx, &instance.ChangeDomainParams{HomeURL: "https://www.example.com"})
			},
			method: "POST", path: "/instance/change_domain", body: `{"home_url":"https://www.example.com"}`,
		},
		{
			name: "GetInterstitial", reply: "<html>hi</html>",
			call: func(c *clerk.Client) (any, error) {
				return c.Instance.GetInterstitial(ctx, &instance.InterstitialParams{PublishableKey: "pk_test_x", UseDomainForScript: true})
			},
			method: "GET", path: "/public/interstitial", query: url.Values{"publishable_key": {"pk_test_x"}, "use_domain_for_script": {"true"}},
			check: func(t *testing.T, got any) {
				if string(got.([]byte)) != "<html>hi</html>" {
					t.Errorf("got %q", got)
				}
			},
		},
		{
			name: "Domains.List", reply: page(domainBody),
			call:   func(c *clerk.Client) (any, error) { return c.Domains.List(ctx) },
			method: "GET", path: "/domains",
			check: func(t *testing.T, got any) {
				p := got.(*pagination.Page[instance.Domain])
				if p.TotalCount != 1 || p.Data[0].Name != "sat.example.com" || p.Data[0].AccountsPortalURL != nil || !p.Data[0].CNAMETargets[0].Required {
					t.Errorf("got %+v", p)
				}
			},
		},
		{
			name: "Domains.Create always sends is_satellite", reply: domainBody,
			call: func(c *clerk.Client) (any, error) {
				return c.Domains.Create(ctx, &instance.CreateDomainParams{Name: "sat.example.com"})
			},
			method: "POST", path: "/domains", body: `{"name":"sat.example.com","is_satellite":true}`,
		},
		{
			name: "Domains.Update", reply: domainBody,
			call: func(c *clerk.Client) (any, error) {
				return c.Domains.Update(ctx, "dmn_1", &instance.UpdateDomainParams{ProxyURL: clerk.Ptr("https://sat.example.com/__clerk")})
			},
			method: "PATCH", path: "/domains/dmn_1", body: `{"proxy_url":"https://sat.example.com/__clerk"}`,
		},
		{
			name: "Domains.Delete", reply: deletedBody,
			call:   func(c *clerk.Client) (any, error) { return c.Domains.Delete(ctx, "dmn_1") },
			method: "DELETE", path: "/domains/dmn_1",
			check: func(t *testing.T, got any) {
				if !got.(*core.DeletedObject).Deleted {
					t.Error("not deleted")
				}
			},
		},
		{
			name: "ProxyChecks.Verify", reply: proxyBody,
			call: func(c *clerk.Client) (any, error) {
				return c.ProxyChecks.Verify(ctx, &instance.VerifyProxyParams{DomainID: "dmn_1", ProxyURL: "https://example.com/__clerk"})
			},
			method: "POST", path: "/proxy_checks", body: `{"domain_id":"dmn_1","proxy_url":"https://example.com/__clerk"}`,
			check: func(t *testing.T, got any) {
				p := got.(*instance.ProxyCheck)
				if !p.Successful || p.LastRunAt == nil || !p.LastRunAt.Equal(time.UnixMilli(1700000002000)) || p.CreatedAt.UnixMilli() != 1700000000000 {
					t.Errorf("got %+v", p)
				}
			},
		},
		{
			name: "RedirectURLs.List", reply: page(redirectBody),
			call: func(c *clerk.Client) (any, error) {
				return c.RedirectURLs.List(ctx, &instance.ListRedirectURLsParams{Limit: 5, Offset: 10})
			},
			method: "GET", path: "/redirect_urls", query: url.Values{"limit": {"5"}, "offset": {"10"}, "paginated": {"true"}},
			check: func(t *testing.T, got any) {
				p := got.(*pagination.Page[instance.RedirectURL])
				if p.Data[0].URL != "my-app://cb" || p.Data[0].UpdatedAt.UnixMilli() != 1700000001000 {
					t.Errorf("got %+v", p.Data[0])
				}
			},
		},
		{
			name: "RedirectURLs.Create", reply: redirectBody,
			call: func(c *clerk.Client) (any, error) {
				return c.RedirectURLs.Create(ctx, &instance.CreateRedirectURLParams{URL: "my-app://cb"})
			},
			method: "POST", path: "/redirect_urls", body: `{"url":"my-app://cb"}`,
		},
		{
			name: "RedirectURLs.Get escapes the ID", reply: redirectBody,
			call:   func(c *clerk.Client) (any, error) { return c.RedirectURLs.Get(ctx, "ru/1") },
			method: "GET", path: "/redirect_urls/ru%2F1",
		},
		{
			name: "RedirectURLs.Delete", reply: deletedBody,
			call:   func(c *clerk.Client) (any, error) { return c.RedirectURLs.Delete(ctx, "ru_1") },
			method: "DELETE", path: "/redirect_urls/ru_1",
		},
		{
			name: "JWTTemplates.List", reply: page(templateBody),
			call:   func(c *clerk.Client) (any, error) { return c.JWTTemplates.List(ctx, nil) },
			method: "GET", path: "/jwt_templates", query: url.Values{"paginated": {"true"}},
			check: func(t *testing.T, got any) {
				tm := got.(*pagination.Page[instance.JWTTemplate]).Data[0]
				if tm.Lifetime != 2*time.Minute || tm.AllowedClockSkew != 5*time.Second || string(tm.Claims) != `{"sub":"{{user.id}}"}` {
					t.Errorf("got %+v", tm)
				}
			},
		},
		{
			name: "JWTTemplates.Create sends seconds", reply: templateBody,
			call: func(c *clerk.Client) (any, error) {
				return c.JWTTemplates.Create(ctx, &instance.CreateJWTTemplateParams{
					Name: "hasura", Claims: map[string]any{"sub": "{{user.id}}"}, Lifetime: 2 * time.Minute, AllowedClockSkew: clerk.Ptr(time.Duration(0)),
				})
			},
			method: "POST", path: "/jwt_templates", body: `{"name":"hasura","claims":{"sub":"{{user.id}}"},"lifetime":120,"allowed_clock_skew":0}`,
		},
		{
			name: "JWTTemplates.Get", reply: templateBody,
			call:   func(c *clerk.Client) (any, error) { return c.JWTTemplates.Get(ctx, "jtmp_1") },
			method: "GET", path: "/jwt_templates/jtmp_1",
		},
		{
			name: "JWTTemplates.Update with a custom key", reply: templateBody,
			call: func(c *clerk.Client) (any, error) {
				return c.JWTTemplates.Update(ctx, "jtmp_1", &instance.UpdateJWTTemplateParams{
					Name: "hasura", Claims: json.RawMessage(`{"a":1}`), CustomSigningKey: true, SigningAlgorithm: "HS256", SigningKey: "secret",
				})
			},
			method: "PATCH", path: "/jwt_templates/jtmp_1", body: `{"name":"hasura","claims":{"a":1},"custom_signing_key":true,"signing_algorithm":"HS256","signing_key":"secret"}`,
		},
		{
			name: "JWTTemplates.Delete", reply: deletedBody,
			call:   func(c *clerk.Client) (any, error) { return c.JWTTemplates.Delete(ctx, "jtmp_1") },
			method: "DELETE", path: "/jwt_templates/jtmp_1",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			status := tt.status
			if status == 0 {
				status = http.StatusOK
			}
			c, f := testkit.NewFake(t, testkit.Always(status, tt.reply))
			got, err := tt.call(c)
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			calls := f.Calls()
			if len(calls) != 1 {
				t.Fatalf("%d calls, want 1", len(calls))
			}
			testkit.CheckCall(t, calls[0], tt.method, tt.path, tt.query, tt.body)
			if tt.check != nil {
				tt.check(t, got)
			}
		})
	}
}

// TestRefusedBeforeSending checks that bad input fails with a typed error
// naming the field and sends nothing.
func TestRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tooMany := make([]string, instance.MaxBlockedCountryCodes+1)
	for i := range tooMany {
		tooMany[i] = "AA"
	}
	tests := []struct {
		name  string
		field string
		call  func(c *clerk.Client) error
	}{
		{"Update strategy", "PreferredSignInStrategyWhenPasswordRequired", func(c *clerk.Client) error {
			return c.Instance.Update(ctx, &instance.UpdateParams{PreferredSignInStrategyWhenPasswordRequired: clerk.Ptr("magic")})
		}},
		{"UpdateCommunication lower case", "BlockedCountryCodes", func(c *clerk.Client) error {
			_, err := c.Instance.UpdateCommunication(ctx, &instance.UpdateCommunicationParams{BlockedCountryCodes: &[]string{"fr"}})
			return err
		}},
		{"UpdateCommunication repeated", "BlockedCountryCodes", func(c *clerk.Client) error {
			_, err := c.Instance.UpdateCommunication(ctx, &instance.UpdateCommunicationParams{BlockedCountryCodes: &[]string{"FR", "FR"}})
			return err
		}},
		{"UpdateCommunication too many", "BlockedCountryCodes", func(c *clerk.Client) error {
			_, err := c.Instance.UpdateCommunication(ctx, &instance.UpdateCommunicationParams{BlockedCountryCodes: &tooMany})
			return err
		}},
		{"UpdateOrganizationSettings negative", "MaxAllowedMemberships", func(c *clerk.Client) error {
			_, err := c.Instance.UpdateOrganizationSettings(ctx, &instance.UpdateOrganizationSettingsParams{MaxAllowedMemberships: clerk.Ptr(-1)})
			return err
		}},
		{"UpdateAuthConfig full address", "FromEmailAddress", func(c *clerk.Client) error {
			_, err := c.Instance.UpdateAuthConfig(ctx, &instance.UpdateAuthConfigParams{FromEmailAddress: clerk.Ptr("a@b.c")})
			return err
		}},
		{"ChangeDomain nil", "HomeURL", func(c *clerk.Client) error { return c.Instance.ChangeDomain(ctx, nil) }},
		{"Domains.Create nil", "Name", func(c *clerk.Client) error { _, err := c.Domains.Create(ctx, nil); return err }},
		{"Domains.Update empty id", "domain_id", func(c *clerk.Client) error { _, err := c.Domains.Update(ctx, "", nil); return err }},
		{"Domains.Delete blank id", "domain_id", func(c *clerk.Client) error { _, err := c.Domains.Delete(ctx, " "); return err }},
		{"ProxyChecks.Verify no domain", "DomainID", func(c *clerk.Client) error {
			_, err := c.ProxyChecks.Verify(ctx, &instance.VerifyProxyParams{ProxyURL: "https://x"})
			return err
		}},
		{"ProxyChecks.Verify no url", "ProxyURL", func(c *clerk.Client) error {
			_, err := c.ProxyChecks.Verify(ctx, &instance.VerifyProxyParams{DomainID: "dmn_1"})
			return err
		}},
		{"RedirectURLs.Create empty", "URL", func(c *clerk.Client) error {
			_, err := c.RedirectURLs.Create(ctx, &instance.CreateRedirectURLParams{})
			return err
		}},
		{"RedirectURLs.Get empty id", "id", func(c *clerk.Client) error { _, err := c.RedirectURLs.Get(ctx, ""); return err }},
		{"RedirectURLs.Delete empty id", "id", func(c *clerk.Client) error { _, err := c.RedirectURLs.Delete(ctx, ""); return err }},
		{"JWTTemplates.Create no name", "Name", func(c *clerk.Client) error {
			_, err := c.JWTTemplates.Create(ctx, &instance.CreateJWTTemplateParams{Claims: map[string]any{}})
			return err
		}},
		{"JWTTemplates.Create no claims", "Claims", func(c *clerk.Client) error {
			_, err := c.JWTTemplates.Create(ctx, &instance.CreateJWTTemplateParams{Name: "x"})
			return err
		}},
		{"JWTTemplates.Create array claims", "Claims", func(c *clerk.Client) error {
			_, err := c.JWTTemplates.Create(ctx, &instance.CreateJWTTemplateParams{Name: "x", Claims: []int{1}})
			return err
		}},
		{"JWTTemplates.Create short lifetime", "Lifetime", func(c *clerk.Client) error {
			_, err := c.JWTTemplates.Create(ctx, &instance.CreateJWTTemplateParams{Name: "x", Claims: map[string]any{}, Lifetime: time.Second})
			return err
		}},
		{"JWTTemplates.Create fractional lifetime", "Lifetime", func(c *clerk.Client) error {
			_, err := c.JWTTemplates.Create(ctx, &instance.CreateJWTTemplateParams{Name: "x", Claims: map[string]any{}, Lifetime: 90*time.Second + time.Millisecond})
			return err
		}},
		{"JWTTemplates.Create big skew", "AllowedClockSkew", func(c *clerk.Client) error {
			_, err := c.JWTTemplates.Create(ctx, &instance.CreateJWTTemplateParams{Name: "x", Claims: map[string]any{}, AllowedClockSkew: clerk.Ptr(time.Hour)})
			return err
		}},
		{"JWTTemplates.Create custom key without key", "SigningKey", func(c *clerk.Client) error {
			_, err := c.JWTTemplates.Create(ctx, &instance.CreateJWTTemplateParams{Name: "x", Claims: map[string]any{}, CustomSigningKey: true})
			return err
		}},
		{"JWTTemplates.Update empty id", "template_id", func(c *clerk.Client) error {
			_, err := c.JWTTemplates.Update(ctx, "", &instance.UpdateJWTTemplateParams{Name: "x", Claims: map[string]any{}})
			return err
		}},
		{"JWTTemplates.Update nil params", "Name", func(c *clerk.Client) error {
			_, err := c.JWTTemplates.Update(ctx, "jtmp_1", nil)
			return err
		}},
		{"JWTTemplates.Get empty id", "template_id", func(c *clerk.Client) error { _, err := c.JWTTemplates.Get(ctx, ""); return err }},
		{"JWTTemplates.Delete empty id", "template_id", func(c *clerk.Client) error { _, err := c.JWTTemplates.Delete(ctx, ""); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := testkit.NewFake(t, nil)
			testkit.CheckRefused(t, tt.call(c), tt.field, f)
		})
	}
}

// TestReplay checks the declared replay safety: settings PATCHes and the
// proxy check are retried after a 500, creates are not.
func TestReplay(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name      string
		call      func(c *clerk.Client) error
		wantCalls int
	}{
		{"settings update replayed", func(c *clerk.Client) error {
			_, err := c.Instance.UpdateProtect(ctx, &instance.UpdateProtectParams{RulesEnabled: clerk.Ptr(true)})
			return err
		}, 2},
		{"instance update replayed", func(c *clerk.Client) error {
			return c.Instance.Update(ctx, &instance.UpdateParams{HIBP: clerk.Ptr(true)})
		}, 2},
		{"proxy check replayed", func(c *clerk.Client) error {
			_, err := c.ProxyChecks.Verify(ctx, &instance.VerifyProxyParams{DomainID: "dmn_1", ProxyURL: "https://x.example/__clerk"})
			return err
		}, 2},
		{"domain create not replayed", func(c *clerk.Client) error {
			_, err := c.Domains.Create(ctx, &instance.CreateDomainParams{Name: "x.example"})
			return err
		}, 1},
		{"template create not replayed", func(c *clerk.Client) error {
			_, err := c.JWTTemplates.Create(ctx, &instance.CreateJWTTemplateParams{Name: "x", Claims: map[string]any{}})
			return err
		}, 1},
		{"change domain not replayed", func(c *clerk.Client) error {
			return c.Instance.ChangeDomain(ctx, &instance.ChangeDomainParams{HomeURL: "https://x.example"})
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := testkit.NewFake(t, func(n int, _ testkit.Call) testkit.Reply {
				if n == 0 {
					return testkit.Reply{Status: http.StatusInternalServerError, Body: testkit.ErrorBody("internal_clerk_error", "boom")}
				}
				return testkit.Reply{Status: http.StatusOK, Body: "{}"}
			})
			err := tt.call(c)
			if got := len(f.Calls()); got != tt.wantCalls {
				t.Fatalf("%d calls, want %d (err %v)", got, tt.wantCalls, err)
			}
			if tt.wantCalls == 1 {
				var ae *clerk.APIError
				if !errors.As(err, &ae) || ae.StatusCode != http.StatusInternalServerError {
					t.Errorf("err = %v, want the 500", err)
				}
			} else if err != nil {
				t.Errorf("err = %v after the replay", err)
			}
		})
	}
}
