package users_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/users"
	"github.com/google/go-cmp/cmp"
)

// ms and msp build the instants the decoders produce from Unix milliseconds.
func ms(n int64) time.Time { return time.UnixMilli(n).UTC() }

func msp(n int64) *time.Time { t := ms(n); return &t }

// TestUserFixtureHasNoUnknownFields decodes the spec-shaped fixture (every
// property of the spec's User schema) and encodes it again: every key of
// the fixture with a value, at any depth, must come back, so a field the
// structs lack fails. (The UnmarshalJSON methods that read the instants
// decode with encoding/json inside, where the decoder's
// DisallowUnknownFields does not reach.)
func TestUserFixtureHasNoUnknownFields(t *testing.T) {
	t.Parallel()
	var u users.User
	if err := json.Unmarshal([]byte(userJSON(t)), &u); err != nil {
		t.Fatal(err)
	}
	enc, err := json.Marshal(&u)
	if err != nil {
		t.Fatal(err)
	}
	var fixture, back any
	if err := json.Unmarshal([]byte(userJSON(t)), &fixture); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(enc, &back); err != nil {
		t.Fatal(err)
	}
	if missing := missingKeys(fixture, back, "user"); len(missing) > 0 {
		t.Errorf("fields the structs drop: %v", missing)
	}
}

// missingKeys lists the keys of want (with a non-null value) that got
// lacks, recursively through objects and arrays.
func missingKeys(want, got any, path string) []string {
	var out []string
	switch w := want.(type) {
	case map[string]any:
		g, _ := got.(map[string]any)
		for k, v := range w {
			gv, ok := g[k]
			if !ok {
				if v != nil && !isEmpty(v) {
					out = append(out, path+"."+k)
				}
				continue
			}
			out = append(out, missingKeys(v, gv, path+"."+k)...)
		}
	case []any:
		g, _ := got.([]any)
		for i := range min(len(w), len(g)) {
			out = append(out, missingKeys(w[i], g[i], fmt.Sprintf("%s[%d]", path, i))...)
		}
	}
	return out
}

// isEmpty: false, 0, "" and empty collections may be left out by
// omitempty.
func isEmpty(v any) bool {
	switch x := v.(type) {
	case bool:
		return !x
	case float64:
		return x == 0
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

func TestGetDecodesUser(t *testing.T) {
	t.Parallel()
	c, _ := newClient(t, 0, ok(userJSON(t)))
	u, err := c.Users.Get(context.Background(), "user_2abc")
	if err != nil {
		t.Fatal(err)
	}
	p := clerk.Ptr[string]
	i64 := clerk.Ptr[int64]
	want := &users.User{
		ID: "user_2abc", Object: "user", ExternalID: p("ext_42"),
		PrimaryEmailAddressID: p("idn_email1"), PrimaryPhoneNumberID: p("idn_phone1"),
		Username: p("ada"), FirstName: p("Ada"), LastName: p("Lovelace"), Locale: p("en-GB"),
		ProfileImageURL: "https://img.clerk.com/old",
		ImageURL:        "https://img.clerk.com/ada", HasImage: true,
		PublicMetadata:  raw(`{"plan": "pro", "flags": {"beta": true}}`),
		PrivateMetadata: raw(`{"stripe_id": "cus_1"}`),
		UnsafeMetadata:  raw(`{}`),
		EmailAddresses: []users.EmailAddress{
			{
				ID: "idn_email1", Object: "email_address", EmailAddress: "ada@example.com",
				Verification: &users.Verification{
					Object: "verification_otp", Status: "verified", Strategy: "email_code",
					Attempts: clerk.Ptr(1), ExpireAt: msp(1700000600000), Channel: p("email"), VerifiedAtClient: p("client_1"),
				},
				LinkedTo:  []users.IdentificationLink{{Type: "oauth_google", ID: "idn_google1"}},
				CreatedAt: ms(1700000000000), UpdatedAt: ms(1700000100000),
			},
			{
				ID: "idn_email2", Object: "email_address", EmailAddress: "ada@work.example", Reserved: true,
				LinkedTo: []users.IdentificationLink{}, CreatedAt: ms(1700000000001), UpdatedAt: ms(1700000000001),
			},
		},
		PhoneNumbers: []users.PhoneNumber{{
			ID: "idn_phone1", Object: "phone_number", PhoneNumber: "+15555550100",
			ReservedForSecondFactor: true, DefaultSecondFactor: true,
			Verification: &users.Verification{Object: "verification_admin", Status: "verified", Strategy: "admin"},
			LinkedTo:     []users.IdentificationLink{}, CreatedAt: ms(1700000000002), UpdatedAt: ms(1700000000003),
		}},
		Web3Wallets: []users.Web3Wallet{{
			ID: "idn_w1", Object: "web3_wallet", Web3Wallet: "0xabc",
			Verification: &users.Verification{
				Object: "verification_web3", Status: "verified", Strategy: "web3_metamask_signature",
				Nonce: p("n1"), Attempts: clerk.Ptr(1), ExpireAt: msp(1700000000009),
			},
			CreatedAt: ms(1700000000004), UpdatedAt: ms(1700000000005),
		}},
		Passkeys: []users.Passkey{{
			ID: "idn_pk1", Object: "passkey", Name: "MacBook", LastUsedAt: ms(1700000000006),
			Verification: &users.Verification{Object: "verification_passkey", Status: "verified", Strategy: "passkey", Nonce: p("nonce")},
		}},
		PasswordEnabled: true, TwoFactorEnabled: true, TOTPEnabled: true,
		MFAEnabledAt: msp(1700000000007), PasswordLastUpdatedAt: msp(1700000000008),
		ExternalAccounts: []users.ExternalAccount{{
			Object: "external_account", ID: "eac_1", Provider: "oauth_google", IdentificationID: "idn_google1",
			ProviderUserID: "g-123", ApprovedScopes: "email profile", EmailAddress: "ada@example.com",
			EmailAddressVerified: clerk.Ptr(true), FirstName: "Ada", LastName: "Lovelace",
			AvatarURL: "https://lh3.example/a", ImageURL: p("https://img.clerk.com/g"),
			PublicMetadata: raw(`{}`), CreatedAt: ms(1700000000010), UpdatedAt: ms(1700000000011),
			Verification: &users.Verification{
				Object: "verification_oauth", Status: "verified", Strategy: "oauth_google",
				ExternalVerificationRedirectURL: p("https://accounts.example/redirect"),
				Error: &users.VerificationError{
					Code: "oauth_access_denied", Message: "denied", LongMessage: "The user denied access", Meta: raw(`{}`),
				},
				ExpireAt: msp(1700000000012),
			},
		}},
		SAMLAccounts: []users.SAMLAccount{{
			ID: "samlacc_1", Object: "saml_account", Provider: "saml_okta", Active: true,
			EmailAddress: "ada@corp.example", FirstName: p("Ada"), ProviderUserID: p("okta-1"),
			LastAuthenticatedAt: msp(1700000000013), PublicMetadata: raw(`{}`),
			Verification: &users.Verification{Object: "verification_saml", Status: "verified", Strategy: "saml"},
			SAMLConnection: &users.SAMLConnection{
				ID: "samlc_1", Name: "Okta", Domains: []string{"corp.example"}, Active: true, Provider: "saml_okta",
				SyncUserAttributes: true, AllowIDPInitiated: true, CreatedAt: ms(1700000000014), UpdatedAt: ms(1700000000015),
			},
		}},
		EnterpriseAccounts: []users.EnterpriseAccount{{
			ID: "entacc_1", Object: "enterprise_account", Protocol: "saml", Provider: "saml_okta", Active: true,
			EmailAddress: "ada@corp.example", FirstName: p("Ada"), LastName: p("Lovelace"),
			ProviderUserID: p("okta-1"), EnterpriseConnectionID: p("entc_1"), PublicMetadata: raw(`{"team": "eng"}`),
			Verification: &users.Verification{Object: "verification_ticket", Status: "verified", Strategy: "ticket"},
			EnterpriseConnection: &users.EnterpriseConnection{
				ID: "entc_1", Protocol: "saml", Provider: "saml_okta", Name: "Okta", Domains: []string{"corp.example"},
				Active: true, SyncUserAttributes: true, DisableAdditionalIdentifications: true,
				CreatedAt: ms(1700000000016), UpdatedAt: ms(1700000000017),
			},
		}},
		LastSignInAt: msp(1700000000018), Locked: true,
		LockoutExpiresIn: clerk.Ptr(time.Hour), VerificationAttemptsRemaining: i64(0),
		UpdatedAt: ms(1700000000019), CreatedAt: ms(1700000000020), DeleteSelfEnabled: true,
		CreateOrganizationsLimit: clerk.Ptr(3), LastActiveAt: msp(1700690400000),
		SCIM: &users.SCIMUserMetadata{DirectoryID: "dir_1", DirectoryEnabled: true},
	}
	// organization_memberships is [] in the fixture.
	want.OrganizationMemberships = u.OrganizationMemberships
	if len(u.OrganizationMemberships) != 0 {
		t.Errorf("organization memberships = %v, want none", u.OrganizationMemberships)
	}
	if diff := cmp.Diff(want, u, cmp.Comparer(jsonEqual)); diff != "" {
		t.Errorf("decoded user (-want +got):\n%s", diff)
	}
	if e := u.PrimaryEmailAddress(); e == nil || e.EmailAddress != "ada@example.com" || !e.Verified() {
		t.Errorf("PrimaryEmailAddress = %+v", e)
	}
	if ph := u.PrimaryPhoneNumber(); ph == nil || ph.PhoneNumber != "+15555550100" || !ph.Verified() {
		t.Errorf("PrimaryPhoneNumber = %+v", ph)
	}
	if u.EmailAddresses[1].Verified() {
		t.Error("reserved address without verification reads as verified")
	}
}

func TestPrimaryHelpersOnSparseUser(t *testing.T) {
	t.Parallel()
	var nilUser *users.User
	tests := []struct {
		name string
		u    *users.User
	}{
		{"nil user", nilUser},
		{"no primary ids", &users.User{}},
		{"dangling ids", &users.User{PrimaryEmailAddressID: clerk.Ptr("idn_x"), PrimaryPhoneNumberID: clerk.Ptr("idn_y")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if e := tt.u.PrimaryEmailAddress(); e != nil {
				t.Errorf("PrimaryEmailAddress = %+v, want nil", e)
			}
			if p := tt.u.PrimaryPhoneNumber(); p != nil {
				t.Errorf("PrimaryPhoneNumber = %+v, want nil", p)
			}
		})
	}
}

// TestDecodeOtherResources checks the smaller response types against
// spec-shaped bodies.
func TestDecodeOtherResources(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("oauth tokens, bare array", func(t *testing.T) {
		t.Parallel()
		c, _ := newClient(t, 0, ok(`[{"object":"oauth_access_token","external_account_id":"eac_1","provider_user_id":"g-1","token":"ya29","expires_at":1700000000000,"provider":"oauth_google","public_metadata":{},"label":null,"scopes":["email"],"id_token":"eyJ"}]`))
		page, err := c.Users.ListOAuthAccessTokens(ctx, "user_1", "oauth_google", nil)
		if err != nil {
			t.Fatal(err)
		}
		want := []*users.OAuthAccessToken{{
			Object: "oauth_access_token", ExternalAccountID: "eac_1", ProviderUserID: "g-1", Token: "ya29",
			ExpiresAt: msp(1700000000000), Provider: "oauth_google", PublicMetadata: raw(`{}`),
			Scopes: []string{"email"}, IDToken: "eyJ",
		}}
		if diff := cmp.Diff(want, page.Data, cmp.Comparer(jsonEqual)); diff != "" {
			t.Errorf("tokens (-want +got):\n%s", diff)
		}
		if page.HasTotal {
			t.Error("bare array reported a total")
		}
	})

	t.Run("trusted devices, envelope", func(t *testing.T) {
		t.Parallel()
		c, _ := newClient(t, 0, ok(`{"data":[{"object":"trusted_device","id":"td_1","platform":"ios","app_identifier":"com.x","name":null,"algorithm":"ES256","status":"active","created_at":1,"updated_at":2,"last_used_at":3,"revoked_at":null}],"total_count":1}`))
		page, err := c.Users.ListTrustedDevices(ctx, "user_1")
		if err != nil {
			t.Fatal(err)
		}
		want := &users.TrustedDevice{
			Object: "trusted_device", ID: "td_1", Platform: "ios", AppIdentifier: "com.x", Algorithm: "ES256",
			Status: "active", CreatedAt: ms(1), UpdatedAt: ms(2), LastUsedAt: msp(3),
		}
		if len(page.Data) != 1 || !page.HasTotal || page.TotalCount != 1 {
			t.Fatalf("page = %+v", page)
		}
		if diff := cmp.Diff(want, page.Data[0]); diff != "" {
			t.Errorf("device (-want +got):\n%s", diff)
		}
	})

	t.Run("billing subscription", func(t *testing.T) {
		t.Parallel()
		c, _ := newClient(t, 0, ok(`{"object":"commerce_subscription","id":"csub_1","instance_id":"ins_1","status":"active","payer_id":"cpayer_1","created_at":1,"updated_at":2,"active_at":3,"past_due_at":null,
			"subscription_items":[{"object":"commerce_subscription_item","id":"csi_1","instance_id":"ins_1","status":"active","plan_id":"cplan_1","plan":{"object":"commerce_plan","id":"cplan_1","name":"Pro","fee":{"amount":1000,"amount_formatted":"10.00","currency":"USD","currency_symbol":"$"},"annual_monthly_fee":null,"annual_fee":null,"description":null,"product_id":"prod_1","is_default":false,"is_recurring":true,"publicly_visible":true,"has_base_fee":true,"for_payer_type":"user","slug":"pro","avatar_url":null,"free_trial_enabled":false,"free_trial_days":null},"plan_period":"month","payer_id":"cpayer_1","is_free_trial":false,"period_start":4,"period_end":5,"canceled_at":null,"past_due_at":null,"ended_at":null,"seats":{"quantity":1}}],
			"next_payment":{"date":6,"amount":{"amount":1000,"amount_formatted":"10.00","currency":"USD","currency_symbol":"$"}},"eligible_for_free_trial":false}`))
		sub, err := c.Users.GetBillingSubscription(ctx, "user_1")
		if err != nil {
			t.Fatal(err)
		}
		usd := billing.Money{Amount: 1000, AmountFormatted: "10.00", Currency: "USD", CurrencySymbol: "$"}
		want := &billing.Subscription{
			Object: "commerce_subscription", ID: "csub_1", InstanceID: "ins_1", Status: "active", PayerID: "cpayer_1",
			CreatedAt: ms(1), UpdatedAt: ms(2), ActiveAt: msp(3),
			SubscriptionItems: []billing.SubscriptionItem{{
				Object: "commerce_subscription_item", ID: "csi_1", InstanceID: "ins_1", Status: "active",
				PlanID: clerk.Ptr("cplan_1"), PlanPeriod: "month", PayerID: "cpayer_1", PeriodStart: ms(4), PeriodEnd: msp(5),
				Plan: &billing.Plan{
					//lint:ignore SA1019 the deprecated product_id must still decode
					Object: "commerce_plan", ID: "cplan_1", Name: "Pro", Slug: "pro", ProductID: "prod_1", Fee: &usd,
					IsRecurring: true, PubliclyVisible: true, HasBaseFee: true, ForPayerType: "user",
				},
				Seats: &billing.Seats{Quantity: clerk.Ptr[int64](1)},
			}},
			NextPayment:          &billing.NextPayment{Date: ms(6), Amount: usd},
			EligibleForFreeTrial: clerk.Ptr(false),
		}
		if diff := cmp.Diff(want, sub, cmp.Comparer(jsonEqual)); diff != "" {
			t.Errorf("subscription (-want +got):\n%s", diff)
		}
	})

	t.Run("credit balance", func(t *testing.T) {
		t.Parallel()
		c, _ := newClient(t, 0, ok(`{"object":"commerce_credit_balance","balance":{"amount":250,"amount_formatted":"2.50","currency":"USD","currency_symbol":"$"}}`))
		b, err := c.Users.GetBillingCreditBalance(ctx, "user_1")
		if err != nil {
			t.Fatal(err)
		}
		want := &billing.CreditBalance{Object: "commerce_credit_balance", Balance: &billing.Money{Amount: 250, AmountFormatted: "2.50", Currency: "USD", CurrencySymbol: "$"}}
		if diff := cmp.Diff(want, b); diff != "" {
			t.Errorf("balance (-want +got):\n%s", diff)
		}
	})

	t.Run("mfa result and deleted object", func(t *testing.T) {
		t.Parallel()
		c, _ := newClient(t, 0, ok(`{"user_id":"user_1"}`))
		r, err := c.Users.DisableMFA(ctx, "user_1")
		if err != nil || r.UserID != "user_1" {
			t.Fatalf("DisableMFA = %+v, %v", r, err)
		}
		c2, _ := newClient(t, 0, ok(`{"object":"user","id":"user_1","deleted":true}`))
		d, err := c2.Users.Delete(ctx, "user_1")
		if diff := cmp.Diff(&clerk.DeletedObject{Object: "user", ID: "user_1", Deleted: true}, d); err != nil || diff != "" {
			t.Fatalf("Delete: %v %s", err, diff)
		}
	})
}
