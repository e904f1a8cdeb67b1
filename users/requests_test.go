package users_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/users"
	"github.com/google/go-cmp/cmp"
)

// TestRequestShape checks method, escaped path, query and JSON body of
// every operation of the service.
func TestRequestShape(t *testing.T) {
	t.Parallel()
	legal := time.Date(2024, 10, 29, 12, 0, 0, 500_000_000, time.UTC)
	user := smallUser("user_1")
	deleted := `{"object":"user","id":"user_1","deleted":true}`
	mfa := `{"user_id":"user_1"}`
	envelope := `{"data":[],"total_count":0}`

	tests := []struct {
		name   string
		reply  string
		call   func(context.Context, *clerk.Client) error
		method string
		path   string
		query  url.Values
		body   any // decoded JSON; nil means no body
	}{
		{
			name:  "List with every filter",
			reply: "[]",
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.List(ctx, &users.ListParams{
					EmailAddresses: []string{"a@x.io", "b@x.io"}, PhoneNumbers: []string{"+1555"},
					ExternalIDs: []string{"+e1", "-e2"}, Usernames: []string{"ada"}, Web3Wallets: []string{"0xa"},
					UserIDs: []string{"user_a", "-user_b"}, OrganizationIDs: []string{"org_1"},
					Query: "ad", EmailAddressQuery: "ello", PhoneNumberQuery: "555",
					UsernameQuery: "Cool", NameQuery: "love", Banned: clerk.Ptr(false),
					LastActiveAtBefore: time.UnixMilli(1), LastActiveAtAfter: time.UnixMilli(2),
					CreatedAtBefore: time.UnixMilli(3), CreatedAtAfter: time.UnixMilli(4),
					LastSignInAtBefore: time.UnixMilli(5), LastSignInAtAfter: time.UnixMilli(6),
					Provider: "oauth_google", ProviderUserIDs: []string{"g1", "g2"},
					OrderBy: "-last_sign_in_at", Limit: 20, Offset: 40,
				})
				return err
			},
			method: "GET", path: "/users",
			query: url.Values{
				"email_address": {"a@x.io", "b@x.io"}, "phone_number": {"+1555"}, "external_id": {"+e1", "-e2"},
				"username": {"ada"}, "web3_wallet": {"0xa"}, "user_id": {"user_a", "-user_b"},
				"organization_id": {"org_1"}, "query": {"ad"}, "email_address_query": {"ello"},
				"phone_number_query": {"555"}, "username_query": {"Cool"}, "name_query": {"love"},
				"banned": {"false"}, "last_active_at_before": {"1"}, "last_active_at_after": {"2"},
				"created_at_before": {"3"}, "created_at_after": {"4"}, "last_sign_in_at_before": {"5"},
				"last_sign_in_at_after": {"6"}, "provider": {"oauth_google"}, "provider_user_id": {"g1", "g2"},
				"order_by": {"-last_sign_in_at"}, "limit": {"20"}, "offset": {"40"},
			},
		},
		{
			name:  "List with cursor",
			reply: "[]",
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.List(ctx, &users.ListParams{StartingAfter: "user_9", Offset: 0})
				return err
			},
			method: "GET", path: "/users", query: url.Values{"starting_after": {"user_9"}},
		},
		{
			name:  "List nil params",
			reply: "[]",
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.List(ctx, nil)
				return err
			},
			method: "GET", path: "/users", query: url.Values{},
		},
		{
			name:  "Count drops paging and ordering",
			reply: `{"object":"total_count","total_count":7}`,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.Count(ctx, &users.ListParams{
					UserIDs: []string{"user_a", "user_b"}, Banned: clerk.Ptr(true), Query: "ada",
					Limit: 5, Offset: 10, OrderBy: "username", StartingAfter: "user_x",
				})
				return err
			},
			method: "GET", path: "/users/count",
			query: url.Values{"user_id": {"user_a", "user_b"}, "banned": {"true"}, "query": {"ada"}},
		},
		{
			name:  "Get",
			reply: user,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.Get(ctx, "user_1")
				return err
			},
			method: "GET", path: "/users/user_1", query: url.Values{},
		},
		{
			name:  "Create with every field",
			reply: user,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.Create(ctx, &users.CreateParams{
					ExternalID: "ext_1", FirstName: "Ada", LastName: "Lovelace",
					Locale: "en-GB", EmailAddresses: []string{"ada@x.io", "a2@x.io"},
					EmailAddressIdentificationStatus: []string{"verified", "reserved"},
					PhoneNumbers:                     []string{"+15555550100"}, PhoneNumberIdentificationStatus: []string{"reserved"},
					Web3Wallets: []string{"0xabc"}, Username: "ada", Password: "correct horse",
					PasswordDigest: "$2a$10$x", PasswordHasher: "bcrypt",
					SkipPasswordChecks: true, SkipPasswordRequirement: false,
					TOTPSecret: "JBSWY3DPEHPK3PXP", BackupCodes: []string{"c1", "c2"},
					PublicMetadata: map[string]any{"plan": "pro"},
					PrivateMetadata: struct {
						StripeID string `json:"stripe_id"`
					}{"cus_1"},
					UnsafeMetadata:    raw(`{"theme":"dark"}`),
					DeleteSelfEnabled: clerk.Ptr(true), LegalAcceptedAt: legal, SkipLegalChecks: true,
					SkipUserRequirement: true, CreateOrganizationEnabled: clerk.Ptr(false),
					CreateOrganizationsLimit: clerk.Ptr(0), CreatedAt: legal, BypassClientTrust: true,
					Banned: false, Locked: true,
				})
				return err
			},
			method: "POST", path: "/users", query: url.Values{},
			body: map[string]any{
				"external_id": "ext_1", "first_name": "Ada", "last_name": "Lovelace", "locale": "en-GB",
				"email_address":                       []any{"ada@x.io", "a2@x.io"},
				"email_address_identification_status": []any{"verified", "reserved"},
				"phone_number":                        []any{"+15555550100"},
				"phone_number_identification_status":  []any{"reserved"},
				"web3_wallet":                         []any{"0xabc"}, "username": "ada", "password": "correct horse",
				"password_digest": "$2a$10$x", "password_hasher": "bcrypt", "skip_password_checks": true,
				"totp_secret":         "JBSWY3DPEHPK3PXP",
				"backup_codes":        []any{"c1", "c2"},
				"public_metadata":     map[string]any{"plan": "pro"},
				"private_metadata":    map[string]any{"stripe_id": "cus_1"},
				"unsafe_metadata":     map[string]any{"theme": "dark"},
				"delete_self_enabled": true, "legal_accepted_at": "2024-10-29T12:00:00.5Z", "skip_legal_checks": true,
				"skip_user_requirement": true, "create_organization_enabled": false, "create_organizations_limit": float64(0),
				"created_at": "2024-10-29T12:00:00.5Z", "bypass_client_trust": true, "locked": true,
			},
		},
		{
			name:  "Create minimal sends only what is set",
			reply: user,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.Create(ctx, &users.CreateParams{EmailAddresses: []string{"ada@x.io"}})
				return err
			},
			method: "POST", path: "/users", query: url.Values{},
			body: map[string]any{"email_address": []any{"ada@x.io"}},
		},
		{
			name:  "Create nil params",
			reply: user,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.Create(ctx, nil)
				return err
			},
			method: "POST", path: "/users", query: url.Values{}, body: map[string]any{},
		},
		{
			name:  "Update with every field",
			reply: user,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.Update(ctx, "user_1", &users.UpdateParams{
					ExternalID: clerk.Ptr("ext_2"), FirstName: clerk.Ptr("A"), LastName: clerk.Ptr("L"), Locale: clerk.Ptr("fr-FR"),
					PrimaryEmailAddressID: clerk.Ptr("idn_e"), NotifyPrimaryEmailAddressChanged: clerk.Ptr(true),
					PrimaryPhoneNumberID: clerk.Ptr("idn_p"), PrimaryWeb3WalletID: clerk.Ptr("idn_w"),
					Username: clerk.Ptr(""), ProfileImageID: clerk.Ptr("img_1"), Password: clerk.Ptr("pw12345678"),
					PasswordDigest: clerk.Ptr("d"), PasswordHasher: clerk.Ptr("argon2id"), SkipPasswordChecks: clerk.Ptr(true),
					SignOutOfOtherSessions: clerk.Ptr(true), TOTPSecret: clerk.Ptr("S"), BackupCodes: []string{"b"},
					DeleteSelfEnabled: clerk.Ptr(false), CreateOrganizationEnabled: clerk.Ptr(true),
					LegalAcceptedAt: &legal, SkipLegalChecks: clerk.Ptr(false), CreateOrganizationsLimit: clerk.Ptr(5),
					CreatedAt: &legal, BypassClientTrust: clerk.Ptr(false),
				})
				return err
			},
			method: "PATCH", path: "/users/user_1", query: url.Values{},
			body: map[string]any{
				"external_id": "ext_2", "first_name": "A", "last_name": "L", "locale": "fr-FR",
				"primary_email_address_id": "idn_e", "notify_primary_email_address_changed": true,
				"primary_phone_number_id": "idn_p", "primary_web3_wallet_id": "idn_w", "username": "",
				"profile_image_id": "img_1", "password": "pw12345678", "password_digest": "d",
				"password_hasher": "argon2id", "skip_password_checks": true, "sign_out_of_other_sessions": true,
				"totp_secret": "S", "backup_codes": []any{"b"}, "delete_self_enabled": false,
				"create_organization_enabled": true, "legal_accepted_at": "2024-10-29T12:00:00.5Z",
				"skip_legal_checks": false, "create_organizations_limit": float64(5),
				"created_at": "2024-10-29T12:00:00.5Z", "bypass_client_trust": false,
			},
		},
		{
			name:  "Update nil params sends an empty object",
			reply: user,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.Update(ctx, "user_1", nil)
				return err
			},
			method: "PATCH", path: "/users/user_1", query: url.Values{}, body: map[string]any{},
		},
		{
			name:  "Delete",
			reply: deleted,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.Delete(ctx, "user_1")
				return err
			},
			method: "DELETE", path: "/users/user_1", query: url.Values{},
		},
		{
			name:  "UpdateMetadata",
			reply: user,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.UpdateMetadata(ctx, "user_1", &users.MetadataParams{
					PublicMetadata:  map[string]any{"role": "admin", "old": nil, "nested": map[string]any{"gone": nil}},
					PrivateMetadata: struct{ N int }{N: 1},
				})
				return err
			},
			method: "PATCH", path: "/users/user_1/metadata", query: url.Values{},
			body: map[string]any{
				"public_metadata":  map[string]any{"role": "admin", "old": nil, "nested": map[string]any{"gone": nil}},
				"private_metadata": map[string]any{"N": float64(1)},
			},
		},
		{
			name:  "ReplaceMetadata with an empty map clears",
			reply: user,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.ReplaceMetadata(ctx, "user_1", &users.MetadataParams{
					UnsafeMetadata: map[string]any{},
				})
				return err
			},
			method: "PUT", path: "/users/user_1/metadata", query: url.Values{},
			body: map[string]any{"unsafe_metadata": map[string]any{}},
		},
		{
			name:  "DeleteProfileImage",
			reply: user,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.DeleteProfileImage(ctx, "user_1")
				return err
			},
			method: "DELETE", path: "/users/user_1/profile_image", query: url.Values{},
		},
		{
			name:  "VerifyPassword",
			reply: `{"verified":true}`,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.VerifyPassword(ctx, "user_1", &users.VerifyPasswordParams{Password: "hunter2!"})
				return err
			},
			method: "POST", path: "/users/user_1/verify_password", query: url.Values{},
			body: map[string]any{"password": "hunter2!"},
		},
		{
			name:  "RemovePassword",
			reply: user,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.RemovePassword(ctx, "user_1", &users.RemovePasswordParams{SignOutOfOtherSessions: clerk.Ptr(true)})
				return err
			},
			method: "POST", path: "/users/user_1/remove_password", query: url.Values{},
			body: map[string]any{"sign_out_of_other_sessions": true},
		},
		{
			name:  "RemovePassword nil params",
			reply: user,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.RemovePassword(ctx, "user_1", nil)
				return err
			},
			method: "POST", path: "/users/user_1/remove_password", query: url.Values{}, body: map[string]any{},
		},
		{
			name:  "SetPasswordCompromised",
			reply: user,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.SetPasswordCompromised(ctx, "user_1", &users.SetPasswordCompromisedParams{RevokeAllSessions: clerk.Ptr(true)})
				return err
			},
			method: "POST", path: "/users/user_1/password/set_compromised", query: url.Values{},
			body: map[string]any{"revoke_all_sessions": true},
		},
		{
			name:  "UnsetPasswordCompromised",
			reply: user,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.UnsetPasswordCompromised(ctx, "user_1")
				return err
			},
			method: "POST", path: "/users/user_1/password/unset_compromised", query: url.Values{},
		},
		{
			name:  "VerifyTOTP",
			reply: `{"verified":true,"code_type":"totp"}`,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.VerifyTOTP(ctx, "user_1", &users.VerifyTOTPParams{Code: "123456"})
				return err
			},
			method: "POST", path: "/users/user_1/verify_totp", query: url.Values{},
			body: map[string]any{"code": "123456"},
		},
		{
			name:  "DisableMFA",
			reply: mfa,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.DisableMFA(ctx, "user_1")
				return err
			},
			method: "DELETE", path: "/users/user_1/mfa", query: url.Values{},
		},
		{
			name:  "DeleteBackupCodes",
			reply: mfa,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.DeleteBackupCodes(ctx, "user_1")
				return err
			},
			method: "DELETE", path: "/users/user_1/backup_code", query: url.Values{},
		},
		{
			name:  "DeleteTOTP",
			reply: mfa,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.DeleteTOTP(ctx, "user_1")
				return err
			},
			method: "DELETE", path: "/users/user_1/totp", query: url.Values{},
		},
		{
			name:  "DeletePasskey",
			reply: `{"object":"passkey","id":"idn_pk","deleted":true}`,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.DeletePasskey(ctx, "user_1", "idn_pk")
				return err
			},
			method: "DELETE", path: "/users/user_1/passkeys/idn_pk", query: url.Values{},
		},
		{
			name:  "DeleteWeb3Wallet",
			reply: `{"object":"web3_wallet","id":"idn_w","deleted":true}`,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.DeleteWeb3Wallet(ctx, "user_1", "idn_w")
				return err
			},
			method: "DELETE", path: "/users/user_1/web3_wallets/idn_w", query: url.Values{},
		},
		{
			name:  "DeleteExternalAccount",
			reply: `{"object":"external_account","id":"eac_1","deleted":true}`,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.DeleteExternalAccount(ctx, "user_1", "eac_1")
				return err
			},
			method: "DELETE", path: "/users/user_1/external_accounts/eac_1", query: url.Values{},
		},
		{
			name:  "ListOAuthAccessTokens",
			reply: `[]`,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.ListOAuthAccessTokens(ctx, "user_1", "oauth_google", &users.ListOAuthAccessTokensParams{
					Paginated: true, Limit: 5, Offset: 10,
				})
				return err
			},
			method: "GET", path: "/users/user_1/oauth_access_tokens/oauth_google",
			query: url.Values{"paginated": {"true"}, "limit": {"5"}, "offset": {"10"}},
		},
		{
			name:  "ListTrustedDevices",
			reply: envelope,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.ListTrustedDevices(ctx, "user_1")
				return err
			},
			method: "GET", path: "/users/user_1/trusted_devices", query: url.Values{},
		},
		{
			name:  "RevokeTrustedDevice",
			reply: `{"object":"trusted_device","id":"td_1","status":"revoked"}`,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.RevokeTrustedDevice(ctx, "user_1", "td_1")
				return err
			},
			method: "DELETE", path: "/users/user_1/trusted_devices/td_1", query: url.Values{},
		},
		{
			name:  "ListOrganizationMemberships",
			reply: envelope,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.ListOrganizationMemberships(ctx, "user_1", &users.ListOrganizationMembershipsParams{Limit: 50, Offset: 100})
				return err
			},
			method: "GET", path: "/users/user_1/organization_memberships",
			query: url.Values{"limit": {"50"}, "offset": {"100"}},
		},
		{
			name:  "ListOrganizationInvitations",
			reply: envelope,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.ListOrganizationInvitations(ctx, "user_1", &users.ListOrganizationInvitationsParams{
					Status: "pending", Limit: 3,
				})
				return err
			},
			method: "GET", path: "/users/user_1/organization_invitations",
			query: url.Values{"status": {"pending"}, "limit": {"3"}},
		},
		{
			name:  "GetBillingSubscription",
			reply: `{"object":"commerce_subscription","id":"csub_1","subscription_items":[]}`,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.GetBillingSubscription(ctx, "user_1")
				return err
			},
			method: "GET", path: "/users/user_1/billing/subscription", query: url.Values{},
		},
		{
			name:  "GetBillingCreditBalance",
			reply: `{"object":"commerce_credit_balance","balance":null}`,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.GetBillingCreditBalance(ctx, "user_1")
				return err
			},
			method: "GET", path: "/users/user_1/billing/credits", query: url.Values{},
		},
		{
			name:  "AdjustBillingCreditBalance",
			reply: `{"object":"commerce_credit_ledger","id":"ccl_1","payer_id":"cpayer_1","amount":{"amount":500,"amount_formatted":"5.00","currency":"USD","currency_symbol":"$"},"source_type":"grant","source_id":"g_1","created_at":"2026-05-12T10:00:00Z"}`,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.AdjustBillingCreditBalance(ctx, "user_1", &billing.AdjustCreditBalanceParams{
					Amount: 500, Action: billing.CreditIncrease, Currency: "USD",
					IdempotencyKey: "grant-42", Note: "welcome",
				})
				return err
			},
			method: "POST", path: "/users/user_1/billing/credits", query: url.Values{},
			body: map[string]any{"amount": float64(500), "action": "increase", "currency": "USD", "idempotency_key": "grant-42", "note": "welcome"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newClient(t, 0, ok(tt.reply))
			if err := tt.call(context.Background(), c); err != nil {
				t.Fatalf("call: %v", err)
			}
			reqs := f.requests()
			if len(reqs) != 1 {
				t.Fatalf("sent %d requests, want 1", len(reqs))
			}
			r := reqs[0]
			got := struct {
				Method, Path string
				Query        url.Values
				Body         any
			}{r.Method, r.Path, r.Query, r.JSON(t)}
			want := struct {
				Method, Path string
				Query        url.Values
				Body         any
			}{tt.method, tt.path, tt.query, tt.body}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("request (-want +got):\n%s", diff)
			}
			if r.ContentType != "application/json" {
				t.Errorf("Content-Type = %q, want application/json", r.ContentType)
			}
		})
	}
}
