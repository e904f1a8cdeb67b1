package organizations_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/organizations"
	"github.com/google/go-cmp/cmp"
)

const (
	moneyJSON = `{"amount": 1500, "amount_formatted": "15.00", "currency": "USD", "currency_symbol": "$"}`

	subscriptionJSON = `{
  "object": "commerce_subscription", "id": "csub_1", "instance_id": "ins_1", "status": "active",
  "payer_id": "cpayer_1", "created_at": 1700000000000, "updated_at": 1700000001000,
  "active_at": 1700000000500, "past_due_at": null, "eligible_for_free_trial": false,
  "next_payment": {"date": 1702592000000, "amount": ` + moneyJSON + `},
  "subscription_items": [{
    "object": "commerce_subscription_item", "id": "csubi_1", "instance_id": "ins_1",
    "status": "active", "plan_id": "cplan_1", "price_id": "cprice_1", "plan_period": "month",
    "payer_id": "cpayer_1", "is_free_trial": false, "period_start": 1700000000000,
    "period_end": 1702592000000, "proration_date": "2023-11-14", "canceled_at": null,
    "past_due_at": null, "ended_at": null, "created_at": 1700000000000, "updated_at": 1700000001000,
    "lifetime_paid": ` + moneyJSON + `,
    "plan": {
      "object": "commerce_plan", "id": "cplan_1", "name": "Pro", "fee": ` + moneyJSON + `,
      "annual_monthly_fee": null, "annual_fee": null, "description": null, "product_id": "cprod_1",
      "is_default": false, "is_recurring": true, "publicly_visible": true, "has_base_fee": true,
      "for_payer_type": "org", "slug": "pro", "avatar_url": null, "free_trial_enabled": false,
      "free_trial_days": null,
      "features": [{"object": "feature", "id": "feat_1", "name": "SSO", "description": null, "slug": "sso", "avatar_url": null}]
    },
    "seats": {"quantity": 5}
  }]
}`

	creditBalanceJSON = `{"object": "commerce_credit_balance", "balance": ` + moneyJSON + `}`

	ledgerJSON = `{
  "object": "commerce_credit_ledger", "id": "ccl_1", "payer_id": "cpayer_1",
  "amount": ` + moneyJSON + `, "source_type": "grant", "source_id": "grant-42",
  "note": "goodwill", "created_at": "2023-11-14T22:13:20Z"
}`
)

func wantOrg() organizations.Organization {
	return organizations.Organization{
		Object: "organization", ID: "org_1", Name: "Acme", Slug: "acme",
		ImageURL: "https://img.clerk.com/org_1", HasImage: true,
		MembersCount: clerk.Ptr(3), MissingMemberWithElevatedPermissions: clerk.Ptr(false),
		PendingInvitationsCount: clerk.Ptr(1), MaxAllowedMemberships: 5, AdminDeleteEnabled: true,
		PublicMetadata:  json.RawMessage(`{"plan": "pro"}`),
		PrivateMetadata: json.RawMessage(`{"stripe_id": "cus_1"}`),
		CreatedBy:       "user_1", CreatedAt: ms(1700000000000), UpdatedAt: ms(1700000001000),
		LastActiveAt: msp(1700000002000),
	}
}

// TestDecode decodes each resource from spec-shaped JSON through the
// client, so the whole response path is covered.
func TestDecode(t *testing.T) {
	t.Parallel()
	money := billing.Money{Amount: 1500, AmountFormatted: "15.00", Currency: "USD", CurrencySymbol: "$"}
	tests := []struct {
		name  string
		reply string
		call  func(ctx context.Context, s *organizations.Service) (any, error)
		want  any
	}{
		{
			name: "Organization", reply: orgJSON,
			call: func(ctx context.Context, s *organizations.Service) (any, error) { return s.Get(ctx, "org_1") },
			want: func() *organizations.Organization { o := wantOrg(); return &o }(),
		},
		{
			name: "Membership", reply: membershipJSON,
			call: func(ctx context.Context, s *organizations.Service) (any, error) {
				return s.UpdateMembership(ctx, "org_1", "user_2", &organizations.UpdateMembershipParams{Role: "org:member"})
			},
			want: &organizations.Membership{
				Object: "organization_membership", ID: "orgmem_1", Role: "org:member", RoleName: "Member",
				Permissions:     []string{"org:sys_profile:read"},
				PublicMetadata:  json.RawMessage(`{"team": "core"}`),
				PrivateMetadata: json.RawMessage(`{}`),
				Organization:    wantOrg(),
				PublicUserData: &organizations.PublicUserData{
					UserID: "user_2", FirstName: clerk.Ptr("Ada"), ImageURL: "https://img.clerk.com/user_2",
					Identifier: clerk.Ptr("ada@example.com"), Username: clerk.Ptr("ada"),
				},
				CreatedAt: ms(1700000003000), UpdatedAt: ms(1700000004000),
			},
		},
		{
			name: "Invitation", reply: invitationJSON,
			call: func(ctx context.Context, s *organizations.Service) (any, error) {
				return s.GetInvitation(ctx, "org_1", "orginv_1")
			},
			want: &organizations.Invitation{
				Object: "organization_invitation", ID: "orginv_1", EmailAddress: "bob@example.com",
				Role: "org:member", RoleName: "Member", OrganizationID: "org_1", InviterID: clerk.Ptr("user_1"),
				PublicInviterData: &organizations.InviterData{
					UserID: "user_1", FirstName: clerk.Ptr("Ann"), LastName: clerk.Ptr("Lee"),
					ImageURL: "https://img.clerk.com/user_1", HasImage: true, Identifier: "ann@example.com",
				},
				Status: "pending", PublicMetadata: json.RawMessage(`{"source": "import"}`),
				PrivateMetadata: json.RawMessage(`{}`),
				URL:             clerk.Ptr("https://accounts.example.com/invite?t=x"),
				ExpiresAt:       msp(1702592000000), CreatedAt: ms(1700000005000), UpdatedAt: ms(1700000006000),
			},
		},
		{
			name: "Invitation with public organization data",
			reply: envelope(1, `{
  "object": "organization_invitation", "id": "orginv_2", "email_address": "c@x.io",
  "role": "org:admin", "role_name": "Admin", "organization_id": "org_1", "inviter_id": null,
  "public_inviter_data": null, "status": "accepted", "public_metadata": {}, "url": null,
  "expires_at": null, "created_at": 1, "updated_at": 2,
  "public_organization_data": {"id": "org_1", "name": "Acme", "slug": "acme", "image_url": "https://i/x", "has_image": true}
}`),
			call: func(ctx context.Context, s *organizations.Service) (any, error) {
				page, err := s.ListInstanceInvitations(ctx, nil)
				if err != nil {
					return nil, err
				}
				return page.Data[0], nil
			},
			want: &organizations.Invitation{
				Object: "organization_invitation", ID: "orginv_2", EmailAddress: "c@x.io", Role: "org:admin",
				RoleName: "Admin", OrganizationID: "org_1", Status: "accepted",
				PublicMetadata: json.RawMessage(`{}`), CreatedAt: ms(1), UpdatedAt: ms(2),
				PublicOrganizationData: &organizations.PublicOrganizationData{
					ID: "org_1", Name: "Acme", Slug: "acme", ImageURL: "https://i/x", HasImage: true,
				},
			},
		},
		{
			name: "DeletedObject", reply: deletedJSON,
			call: func(ctx context.Context, s *organizations.Service) (any, error) { return s.Delete(ctx, "org_1") },
			want: &clerk.DeletedObject{Object: "organization", ID: "org_1", Deleted: true},
		},
		{
			name: "BillingSubscription", reply: subscriptionJSON,
			call: func(ctx context.Context, s *organizations.Service) (any, error) {
				return s.GetBillingSubscription(ctx, "org_1")
			},
			want: &billing.Subscription{
				Object: "commerce_subscription", ID: "csub_1", InstanceID: "ins_1", Status: "active",
				PayerID: "cpayer_1", CreatedAt: ms(1700000000000), UpdatedAt: ms(1700000001000),
				ActiveAt:    msp(1700000000500),
				NextPayment: &billing.NextPayment{Date: ms(1702592000000), Amount: money},
				// The fixture sends false; nil would mean the API did not say.
				EligibleForFreeTrial: clerk.Ptr(false),
				SubscriptionItems: []billing.SubscriptionItem{{
					Object: "commerce_subscription_item", ID: "csubi_1", InstanceID: "ins_1", Status: "active",
					PlanID: clerk.Ptr("cplan_1"), PriceID: "cprice_1", PlanPeriod: "month", PayerID: "cpayer_1",
					PeriodStart: ms(1700000000000), PeriodEnd: msp(1702592000000),
					ProrationDate: "2023-11-14", CreatedAt: ms(1700000000000), UpdatedAt: ms(1700000001000),
					LifetimePaid: &money,
					Plan: &billing.Plan{
						//lint:ignore SA1019 the deprecated product_id must still decode
						Object: "commerce_plan", ID: "cplan_1", Name: "Pro", Fee: &money, ProductID: "cprod_1",
						IsRecurring: true, PubliclyVisible: true, HasBaseFee: true, ForPayerType: "org", Slug: "pro",
						Features: []billing.Feature{{Object: "feature", ID: "feat_1", Name: "SSO", Slug: "sso"}},
					},
					Seats: &billing.Seats{Quantity: clerk.Ptr(int64(5))},
				}},
			},
		},
		{
			name: "BillingCreditBalance", reply: creditBalanceJSON,
			call: func(ctx context.Context, s *organizations.Service) (any, error) {
				return s.GetBillingCreditBalance(ctx, "org_1")
			},
			want: &billing.CreditBalance{Object: "commerce_credit_balance", Balance: &money},
		},
		{
			name: "BillingCreditLedgerEntry", reply: ledgerJSON,
			call: func(ctx context.Context, s *organizations.Service) (any, error) {
				return s.AdjustBillingCreditBalance(ctx, "org_1", &billing.AdjustCreditBalanceParams{
					Amount: 1500, Action: billing.CreditDecrease, IdempotencyKey: "k",
				})
			},
			want: &billing.CreditLedgerEntry{
				Object: "commerce_credit_ledger", ID: "ccl_1", PayerID: "cpayer_1", Amount: money,
				SourceType: "grant", SourceID: "grant-42", Note: clerk.Ptr("goodwill"),
				CreatedAt: time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, _, _ := newClient(t, always(http.StatusOK, tt.reply))
			got, err := tt.call(context.Background(), c.Organizations)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmp.Comparer(jsonEqual)); diff != "" {
				t.Errorf("decoded (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTypedMetadata(t *testing.T) {
	t.Parallel()
	type orgPublic struct {
		Plan string `json:"plan"`
	}
	type orgPrivate struct {
		StripeID string `json:"stripe_id"`
	}
	type memberPublic struct {
		Team string `json:"team"`
	}
	type invPublic struct {
		Source string `json:"source"`
	}
	var org organizations.Organization
	var m organizations.Membership
	var inv organizations.Invitation
	for _, x := range []struct {
		raw string
		out any
	}{{orgJSON, &org}, {membershipJSON, &m}, {invitationJSON, &inv}} {
		if err := json.Unmarshal([]byte(x.raw), x.out); err != nil {
			t.Fatal(err)
		}
	}
	check := func(name string, got, want any, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	op, err := clerk.DecodeMetadata[orgPublic](org.PublicMetadata)
	check("organization public", op, orgPublic{Plan: "pro"}, err)
	opr, err := clerk.DecodeMetadata[orgPrivate](org.PrivateMetadata)
	check("organization private", opr, orgPrivate{StripeID: "cus_1"}, err)
	mp, err := clerk.DecodeMetadata[memberPublic](m.PublicMetadata)
	check("membership public", mp, memberPublic{Team: "core"}, err)
	mpr, err := clerk.DecodeMetadata[map[string]any](m.PrivateMetadata)
	check("membership private", mpr, map[string]any{}, err)
	ip, err := clerk.DecodeMetadata[invPublic](inv.PublicMetadata)
	check("invitation public", ip, invPublic{Source: "import"}, err)
	ipr, err := clerk.DecodeMetadata[map[string]any](inv.PrivateMetadata)
	check("invitation private", ipr, map[string]any{}, err)

	// Absent metadata reads as the zero value.
	zo, err := clerk.DecodeMetadata[orgPrivate](organizations.Organization{}.PrivateMetadata)
	check("absent metadata", zo, orgPrivate{}, err)

	// A type mismatch is an error, not a panic.
	if _, err := clerk.DecodeMetadata[[]string](org.PublicMetadata); err == nil {
		t.Error("decoding an object into a slice: want an error")
	}
}

// TestEncodeRoundTrip: a decoded resource encodes to the wire shape
// (Unix-millisecond instants) and decodes again to the same value, so an
// application can cache or queue it as JSON.
func TestEncodeRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		into func() any
	}{
		{"organization", orgJSON, func() any { return new(organizations.Organization) }},
		{"membership", membershipJSON, func() any { return new(organizations.Membership) }},
		{"invitation", invitationJSON, func() any { return new(organizations.Invitation) }},
		{"subscription", subscriptionJSON, func() any { return new(billing.Subscription) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			first := tt.into()
			if err := json.Unmarshal([]byte(tt.in), first); err != nil {
				t.Fatal(err)
			}
			b, err := json.Marshal(first)
			if err != nil {
				t.Fatal(err)
			}
			var wire map[string]any
			if err := json.Unmarshal(b, &wire); err != nil {
				t.Fatal(err)
			}
			if _, ok := wire["created_at"].(float64); !ok {
				t.Errorf("created_at encodes as %T, want a number of milliseconds: %s", wire["created_at"], b)
			}
			second := tt.into()
			if err := json.Unmarshal(b, second); err != nil {
				t.Fatalf("does not decode its own encoding: %v\n%s", err, b)
			}
			if diff := cmp.Diff(first, second, cmp.Comparer(jsonEqual)); diff != "" {
				t.Errorf("round trip (-first +second):\n%s", diff)
			}
		})
	}
}
