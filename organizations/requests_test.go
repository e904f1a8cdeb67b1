package organizations_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/organizations"
	"github.com/google/go-cmp/cmp"
)

// TestRequestShape checks method, escaped path, query (repeated keys) and
// JSON body of every method.
func TestRequestShape(t *testing.T) {
	t.Parallel()
	created := time.Date(2012, 10, 20, 7, 15, 20, 902_000_000, time.UTC)
	tests := []struct {
		name   string
		reply  string
		call   func(ctx context.Context, s *organizations.Service) error
		method string
		path   string
		query  url.Values
		body   string // JSON; "" means no body
	}{
		{
			name:  "List with every filter",
			reply: envelope(1, orgJSON),
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.List(ctx, &organizations.ListParams{
					IncludeMembersCount:                         true,
					IncludeMissingMemberWithElevatedPermissions: true,
					Query:           "acme",
					UserIDs:         []string{"+user_1", "-user_2"},
					OrganizationIDs: []string{"org_1", "org_2"},
					OrderBy:         "-members_count",
					Limit:           20,
					Offset:          40,
				})
				return err
			},
			method: http.MethodGet, path: "/v1/organizations",
			query: url.Values{
				"include_members_count": {"true"}, "include_missing_member_with_elevated_permissions": {"true"},
				"query": {"acme"}, "user_id": {"+user_1", "-user_2"}, "organization_id": {"org_1", "org_2"},
				"order_by": {"-members_count"}, "limit": {"20"}, "offset": {"40"},
			},
		},
		{
			name:  "List with nil params",
			reply: envelope(0),
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.List(ctx, nil)
				return err
			},
			method: http.MethodGet, path: "/v1/organizations", query: url.Values{},
		},
		{
			name:  "Create",
			reply: orgJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.Create(ctx, &organizations.CreateParams{
					Name: "Acme", CreatedBy: "user_1", Slug: "acme",
					MaxAllowedMemberships: clerk.Ptr(0),
					PublicMetadata:        map[string]any{"plan": "pro"},
					PrivateMetadata:       json.RawMessage(`{"stripe_id":"cus_1"}`),
					CreatedAt:             created,
					RoleSetKey:            "default",
				})
				return err
			},
			method: http.MethodPost, path: "/v1/organizations", query: url.Values{},
			body: `{"name":"Acme","created_by":"user_1","slug":"acme","max_allowed_memberships":0,
				"public_metadata":{"plan":"pro"},"private_metadata":{"stripe_id":"cus_1"},
				"created_at":"2012-10-20T07:15:20.902Z","role_set_key":"default"}`,
		},
		{
			name:  "Create with name only",
			reply: orgJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.Create(ctx, &organizations.CreateParams{Name: "Acme"})
				return err
			},
			method: http.MethodPost, path: "/v1/organizations", query: url.Values{},
			body: `{"name":"Acme"}`,
		},
		{
			name:  "GetBySlug with include flags",
			reply: orgJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.GetBySlug(ctx, "acme inc/..", organizations.WithMembersCount(), organizations.WithMissingMemberWithElevatedPermissions())
				return err
			},
			method: http.MethodGet, path: "/v1/organizations/acme%20inc%2F..",
			query: url.Values{"include_members_count": {"true"}, "include_missing_member_with_elevated_permissions": {"true"}},
		},
		{
			name:  "Get",
			reply: orgJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.Get(ctx, "org_1")
				return err
			},
			method: http.MethodGet, path: "/v1/organizations/org_1", query: url.Values{},
		},
		{
			name:  "Update",
			reply: orgJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.Update(ctx, "org_1", &organizations.UpdateParams{
					Name: clerk.Ptr("Acme 2"), Slug: clerk.Ptr("acme-2"), MaxAllowedMemberships: clerk.Ptr(10),
					AdminDeleteEnabled: clerk.Ptr(false), CreatedAt: &created, RoleSetKey: clerk.Ptr("rs"),
				})
				return err
			},
			method: http.MethodPatch, path: "/v1/organizations/org_1", query: url.Values{},
			body: `{"name":"Acme 2","slug":"acme-2","max_allowed_memberships":10,"admin_delete_enabled":false,
				"created_at":"2012-10-20T07:15:20.902Z","role_set_key":"rs"}`,
		},
		{
			name:  "Update with nil params",
			reply: orgJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.Update(ctx, "org_1", nil)
				return err
			},
			method: http.MethodPatch, path: "/v1/organizations/org_1", query: url.Values{}, body: `{}`,
		},
		{
			name:  "Delete",
			reply: deletedJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.Delete(ctx, "org_1")
				return err
			},
			method: http.MethodDelete, path: "/v1/organizations/org_1", query: url.Values{},
		},
		{
			name:  "UpdateMetadata",
			reply: orgJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.UpdateMetadata(ctx, "org_1", &organizations.MetadataParams{
					PublicMetadata: map[string]any{"plan": "pro", "old": nil},
				})
				return err
			},
			method: http.MethodPatch, path: "/v1/organizations/org_1/metadata", query: url.Values{},
			body: `{"public_metadata":{"plan":"pro","old":null}}`,
		},
		{
			name:  "ReplaceMetadata",
			reply: orgJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.ReplaceMetadata(ctx, "org_1", &organizations.MetadataParams{
					PublicMetadata: map[string]any{}, PrivateMetadata: struct {
						StripeID string `json:"stripe_id"`
					}{"cus_1"},
				})
				return err
			},
			method: http.MethodPut, path: "/v1/organizations/org_1/metadata", query: url.Values{},
			body: `{"public_metadata":{},"private_metadata":{"stripe_id":"cus_1"}}`,
		},
		{
			name:  "DeleteLogo",
			reply: orgJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.DeleteLogo(ctx, "org_1")
				return err
			},
			method: http.MethodDelete, path: "/v1/organizations/org_1/logo", query: url.Values{},
		},
		{
			name:  "CreateMembership",
			reply: membershipJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.CreateMembership(ctx, "org_1", &organizations.CreateMembershipParams{
					UserID: "user_2", Role: "org:member",
					PublicMetadata: map[string]any{"team": "core"}, PrivateMetadata: map[string]int{"level": 2},
				})
				return err
			},
			method: http.MethodPost, path: "/v1/organizations/org_1/memberships", query: url.Values{},
			body: `{"user_id":"user_2","role":"org:member","public_metadata":{"team":"core"},"private_metadata":{"level":2}}`,
		},
		{
			name:  "ListMemberships with every filter",
			reply: envelope(1, membershipJSON),
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.ListMemberships(ctx, "org_1", &organizations.ListMembershipsParams{
					OrderBy: "-created_at", UserIDs: []string{"+user_1", "-user_2"},
					EmailAddresses: []string{"a@x.io", "b@x.io"}, PhoneNumbers: []string{"+15550001"},
					Usernames: []string{"ada"}, Web3Wallets: []string{"0xabc"}, Roles: []string{"org:admin", "org:member"},
					Query: "ad", EmailAddressQuery: "x.io", PhoneNumberQuery: "555",
					UsernameQuery: "ad", NameQuery: "Ada",
					LastActiveAtBefore: ms(1700000000001), LastActiveAtAfter: ms(1700000000002),
					CreatedAtBefore: ms(1700000000003), CreatedAtAfter: ms(1700000000004),
					Limit: 5, Offset: 10,
				})
				return err
			},
			method: http.MethodGet, path: "/v1/organizations/org_1/memberships",
			query: url.Values{
				"order_by": {"-created_at"}, "user_id": {"+user_1", "-user_2"}, "email_address": {"a@x.io", "b@x.io"},
				"phone_number": {"+15550001"}, "username": {"ada"}, "web3_wallet": {"0xabc"},
				"role": {"org:admin", "org:member"}, "query": {"ad"}, "email_address_query": {"x.io"},
				"phone_number_query": {"555"}, "username_query": {"ad"}, "name_query": {"Ada"},
				"last_active_at_before": {"1700000000001"}, "last_active_at_after": {"1700000000002"},
				"created_at_before": {"1700000000003"}, "created_at_after": {"1700000000004"},
				"limit": {"5"}, "offset": {"10"},
			},
		},
		{
			name:  "UpdateMembership",
			reply: membershipJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.UpdateMembership(ctx, "org_1", "user_2", &organizations.UpdateMembershipParams{Role: "org:admin"})
				return err
			},
			method: http.MethodPatch, path: "/v1/organizations/org_1/memberships/user_2", query: url.Values{},
			body: `{"role":"org:admin"}`,
		},
		{
			name:  "DeleteMembership",
			reply: membershipJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.DeleteMembership(ctx, "org_1", "user_2")
				return err
			},
			method: http.MethodDelete, path: "/v1/organizations/org_1/memberships/user_2", query: url.Values{},
		},
		{
			name:  "UpdateMembershipMetadata",
			reply: membershipJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.UpdateMembershipMetadata(ctx, "org_1", "user_2", &organizations.MembershipMetadataParams{
					PublicMetadata: map[string]any{"team": nil}, PrivateMetadata: map[string]any{"seat": 3},
				})
				return err
			},
			method: http.MethodPatch, path: "/v1/organizations/org_1/memberships/user_2/metadata", query: url.Values{},
			body: `{"public_metadata":{"team":null},"private_metadata":{"seat":3}}`,
		},
		{
			name:  "ListInstanceMemberships",
			reply: envelope(1, membershipJSON),
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.ListInstanceMemberships(ctx, &organizations.ListInstanceMembershipsParams{
					OrderBy: "+username", Limit: 50, Offset: 0,
				})
				return err
			},
			method: http.MethodGet, path: "/v1/organization_memberships",
			query: url.Values{"order_by": {"+username"}, "limit": {"50"}},
		},
		{
			name:  "CreateInvitation",
			reply: invitationJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.CreateInvitation(ctx, "org_1", &organizations.CreateInvitationParams{
					EmailAddress: "bob@example.com", Role: "org:member", InviterUserID: "user_1",
					PublicMetadata: map[string]any{"source": "import"}, PrivateMetadata: map[string]any{"k": "v"},
					RedirectURL: "https://app.example.com/join", ExpiresInDays: 7,
					Notify: clerk.Ptr(false),
				})
				return err
			},
			method: http.MethodPost, path: "/v1/organizations/org_1/invitations", query: url.Values{},
			body: `{"email_address":"bob@example.com","role":"org:member","inviter_user_id":"user_1",
				"public_metadata":{"source":"import"},"private_metadata":{"k":"v"},
				"redirect_url":"https://app.example.com/join","expires_in_days":7,"notify":false}`,
		},
		{
			name:  "CreateInvitations",
			reply: envelope(2, invitationJSON, invitationJSON),
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.CreateManyInvitations(ctx, "org_1", []*organizations.CreateInvitationParams{
					{EmailAddress: "a@x.io", Role: "org:member"},
					{EmailAddress: "b@x.io", Role: "org:admin", Notify: clerk.Ptr(true), PublicMetadata: map[string]any{"n": 1}},
				})
				return err
			},
			method: http.MethodPost, path: "/v1/organizations/org_1/invitations/bulk", query: url.Values{},
			body: `[{"email_address":"a@x.io","role":"org:member"},
				{"email_address":"b@x.io","role":"org:admin","notify":true,"public_metadata":{"n":1}}]`,
		},
		{
			name:  "ListInvitations",
			reply: envelope(1, invitationJSON),
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.ListInvitations(ctx, "org_1", &organizations.ListInvitationsParams{
					Status:       organizations.InvitationStatusPending,
					EmailAddress: "bob@example.com", OrderBy: "email_address",
					Limit: 25, Offset: 25,
				})
				return err
			},
			method: http.MethodGet, path: "/v1/organizations/org_1/invitations",
			query: url.Values{
				"status": {"pending"}, "email_address": {"bob@example.com"},
				"order_by": {"email_address"}, "limit": {"25"}, "offset": {"25"},
			},
		},
		{
			name:  "GetInvitation",
			reply: invitationJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.GetInvitation(ctx, "org_1", "orginv_1")
				return err
			},
			method: http.MethodGet, path: "/v1/organizations/org_1/invitations/orginv_1", query: url.Values{},
		},
		{
			name:  "RevokeInvitation with requesting user",
			reply: invitationJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.RevokeInvitation(ctx, "org_1", "orginv_1", &organizations.RevokeInvitationParams{
					RequestingUserID: "user_1",
				})
				return err
			},
			method: http.MethodPost, path: "/v1/organizations/org_1/invitations/orginv_1/revoke", query: url.Values{},
			body: `{"requesting_user_id":"user_1"}`,
		},
		{
			name:  "RevokeInvitation without body",
			reply: invitationJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.RevokeInvitation(ctx, "org_1", "orginv_1", nil)
				return err
			},
			method: http.MethodPost, path: "/v1/organizations/org_1/invitations/orginv_1/revoke", query: url.Values{},
		},
		{
			name:  "ListInstanceInvitations",
			reply: envelope(1, invitationJSON),
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.ListInstanceInvitations(ctx, &organizations.ListInstanceInvitationsParams{
					Status: "accepted", Query: "example.com",
					OrderBy: "-created_at", Limit: 3, Offset: 6,
				})
				return err
			},
			method: http.MethodGet, path: "/v1/organization_invitations",
			query: url.Values{
				"status": {"accepted"}, "query": {"example.com"}, "order_by": {"-created_at"},
				"limit": {"3"}, "offset": {"6"},
			},
		},
		{
			name:  "GetBillingSubscription",
			reply: subscriptionJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.GetBillingSubscription(ctx, "org_1")
				return err
			},
			method: http.MethodGet, path: "/v1/organizations/org_1/billing/subscription", query: url.Values{},
		},
		{
			name:  "GetBillingCreditBalance",
			reply: creditBalanceJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.GetBillingCreditBalance(ctx, "org_1")
				return err
			},
			method: http.MethodGet, path: "/v1/organizations/org_1/billing/credits", query: url.Values{},
		},
		{
			name:  "AdjustBillingCredits",
			reply: ledgerJSON,
			call: func(ctx context.Context, s *organizations.Service) error {
				_, err := s.AdjustBillingCreditBalance(ctx, "org_1", &billing.AdjustCreditBalanceParams{
					Amount: 500, Action: billing.CreditIncrease, Currency: "USD",
					IdempotencyKey: "grant-42", Note: "goodwill",
				})
				return err
			},
			method: http.MethodPost, path: "/v1/organizations/org_1/billing/credits", query: url.Values{},
			body: `{"amount":500,"action":"increase","currency":"USD","idempotency_key":"grant-42","note":"goodwill"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, rec, _ := newClient(t, always(http.StatusOK, tt.reply))
			if err := tt.call(context.Background(), c.Organizations); err != nil {
				t.Fatalf("call: %v", err)
			}
			reqs := rec.all()
			if len(reqs) != 1 {
				t.Fatalf("got %d requests, want 1", len(reqs))
			}
			got := reqs[0]
			if got.Method != tt.method || got.Path != tt.path {
				t.Errorf("request = %s %s, want %s %s", got.Method, got.Path, tt.method, tt.path)
			}
			if diff := cmp.Diff(map[string][]string(tt.query), got.Query); diff != "" {
				t.Errorf("query (-want +got):\n%s", diff)
			}
			assertJSONBody(t, tt.body, got.Body)
		})
	}
}
