package organizations_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/organizations"
)

// TestInvalidInput: every refusal is an *InvalidInputError naming the
// field, returned before any request is sent.
func TestInvalidInput(t *testing.T) {
	t.Parallel()
	tooMany := make([]string, 101)
	for i := range tooMany {
		tooMany[i] = "user_x"
	}
	okInv := &organizations.CreateInvitationParams{EmailAddress: "a@x.io", Role: "org:member"}
	ctx := context.Background()
	tests := []struct {
		name  string
		field string
		call  func(s *organizations.Service) error
	}{
		{"Create nil params", "params", func(s *organizations.Service) error {
			_, err := s.Create(ctx, nil)
			return err
		}},
		{"Create empty name", "name", func(s *organizations.Service) error {
			_, err := s.Create(ctx, &organizations.CreateParams{Name: "  "})
			return err
		}},
		{"Create array metadata", "public_metadata", func(s *organizations.Service) error {
			_, err := s.Create(ctx, &organizations.CreateParams{Name: "A", PublicMetadata: []string{"x"}})
			return err
		}},
		{"Create string private metadata", "private_metadata", func(s *organizations.Service) error {
			_, err := s.Create(ctx, &organizations.CreateParams{Name: "A", PrivateMetadata: "x"})
			return err
		}},
		{"Get empty id", "organization_id", func(s *organizations.Service) error {
			_, err := s.Get(ctx, "")
			return err
		}},
		{"Get with a slug", "organization_id", func(s *organizations.Service) error {
			_, err := s.Get(ctx, "acme")
			return err
		}},
		{"GetBySlug empty slug", "slug", func(s *organizations.Service) error {
			_, err := s.GetBySlug(ctx, " ")
			return err
		}},
		{"Update empty id", "organization_id", func(s *organizations.Service) error {
			_, err := s.Update(ctx, " ", nil)
			return err
		}},
		{"Update empty name", "name", func(s *organizations.Service) error {
			_, err := s.Update(ctx, "org_1", &organizations.UpdateParams{Name: clerk.Ptr("")})
			return err
		}},
		{"Delete empty id", "organization_id", func(s *organizations.Service) error {
			_, err := s.Delete(ctx, "")
			return err
		}},
		{"List too many user ids", "user_id", func(s *organizations.Service) error {
			_, err := s.List(ctx, &organizations.ListParams{UserIDs: tooMany})
			return err
		}},
		{"List too many organization ids", "organization_id", func(s *organizations.Service) error {
			_, err := s.List(ctx, &organizations.ListParams{OrganizationIDs: tooMany})
			return err
		}},
		{"UpdateMetadata empty id", "organization_id", func(s *organizations.Service) error {
			_, err := s.UpdateMetadata(ctx, "", nil)
			return err
		}},
		{"UpdateMetadata non-object", "public_metadata", func(s *organizations.Service) error {
			_, err := s.UpdateMetadata(ctx, "org_1", &organizations.MetadataParams{PublicMetadata: 42})
			return err
		}},
		{"ReplaceMetadata non-object", "private_metadata", func(s *organizations.Service) error {
			_, err := s.ReplaceMetadata(ctx, "org_1", &organizations.MetadataParams{PrivateMetadata: []byte("{}")})
			return err
		}},
		{"ReplaceMetadata array", "public_metadata", func(s *organizations.Service) error {
			_, err := s.ReplaceMetadata(ctx, "org_1", &organizations.MetadataParams{PublicMetadata: []any{}})
			return err
		}},
		{"UploadLogo empty id", "organization_id", func(s *organizations.Service) error {
			_, err := s.UploadLogo(ctx, "", &organizations.UploadLogoParams{File: strings.NewReader("x")})
			return err
		}},
		{"UploadLogo nil params", "file", func(s *organizations.Service) error {
			_, err := s.UploadLogo(ctx, "org_1", nil)
			return err
		}},
		{"UploadLogo empty file", "file", func(s *organizations.Service) error {
			_, err := s.UploadLogo(ctx, "org_1", &organizations.UploadLogoParams{File: strings.NewReader("")})
			return err
		}},
		{"UploadLogo blank uploader", "uploader_user_id", func(s *organizations.Service) error {
			_, err := s.UploadLogo(ctx, "org_1", &organizations.UploadLogoParams{File: strings.NewReader("x"), UploaderUserID: " "})
			return err
		}},
		{"DeleteLogo empty id", "organization_id", func(s *organizations.Service) error {
			_, err := s.DeleteLogo(ctx, "")
			return err
		}},
		{"CreateMembership empty org", "organization_id", func(s *organizations.Service) error {
			_, err := s.CreateMembership(ctx, "", &organizations.CreateMembershipParams{UserID: "u", Role: "r"})
			return err
		}},
		{"CreateMembership nil params", "params", func(s *organizations.Service) error {
			_, err := s.CreateMembership(ctx, "org_1", nil)
			return err
		}},
		{"CreateMembership empty user", "user_id", func(s *organizations.Service) error {
			_, err := s.CreateMembership(ctx, "org_1", &organizations.CreateMembershipParams{Role: "org:member"})
			return err
		}},
		{"CreateMembership empty role", "role", func(s *organizations.Service) error {
			_, err := s.CreateMembership(ctx, "org_1", &organizations.CreateMembershipParams{UserID: "user_2"})
			return err
		}},
		{"CreateMembership non-object metadata", "private_metadata", func(s *organizations.Service) error {
			_, err := s.CreateMembership(ctx, "org_1", &organizations.CreateMembershipParams{UserID: "u", Role: "r", PrivateMetadata: true})
			return err
		}},
		{"ListMemberships empty org", "organization_id", func(s *organizations.Service) error {
			_, err := s.ListMemberships(ctx, "", nil)
			return err
		}},
		{"ListMemberships too many roles", "role", func(s *organizations.Service) error {
			_, err := s.ListMemberships(ctx, "org_1", &organizations.ListMembershipsParams{Roles: tooMany})
			return err
		}},
		{"ListMemberships too many emails", "email_address", func(s *organizations.Service) error {
			_, err := s.ListMemberships(ctx, "org_1", &organizations.ListMembershipsParams{EmailAddresses: tooMany})
			return err
		}},
		{"UpdateMembership empty user", "user_id", func(s *organizations.Service) error {
			_, err := s.UpdateMembership(ctx, "org_1", "", &organizations.UpdateMembershipParams{Role: "r"})
			return err
		}},
		{"UpdateMembership nil params", "params", func(s *organizations.Service) error {
			_, err := s.UpdateMembership(ctx, "org_1", "user_2", nil)
			return err
		}},
		{"UpdateMembership empty role", "role", func(s *organizations.Service) error {
			_, err := s.UpdateMembership(ctx, "org_1", "user_2", &organizations.UpdateMembershipParams{})
			return err
		}},
		{"DeleteMembership empty org", "organization_id", func(s *organizations.Service) error {
			_, err := s.DeleteMembership(ctx, "", "user_2")
			return err
		}},
		{"DeleteMembership empty user", "user_id", func(s *organizations.Service) error {
			_, err := s.DeleteMembership(ctx, "org_1", "")
			return err
		}},
		{"UpdateMembershipMetadata empty user", "user_id", func(s *organizations.Service) error {
			_, err := s.UpdateMembershipMetadata(ctx, "org_1", "", nil)
			return err
		}},
		{"UpdateMembershipMetadata non-object", "public_metadata", func(s *organizations.Service) error {
			_, err := s.UpdateMembershipMetadata(ctx, "org_1", "user_2", &organizations.MembershipMetadataParams{PublicMetadata: "x"})
			return err
		}},
		{"CreateInvitation empty org", "organization_id", func(s *organizations.Service) error {
			_, err := s.CreateInvitation(ctx, "", okInv)
			return err
		}},
		{"CreateInvitation nil params", "params", func(s *organizations.Service) error {
			_, err := s.CreateInvitation(ctx, "org_1", nil)
			return err
		}},
		{"CreateInvitation empty email", "email_address", func(s *organizations.Service) error {
			_, err := s.CreateInvitation(ctx, "org_1", &organizations.CreateInvitationParams{Role: "org:member"})
			return err
		}},
		{"CreateInvitation empty role", "role", func(s *organizations.Service) error {
			_, err := s.CreateInvitation(ctx, "org_1", &organizations.CreateInvitationParams{EmailAddress: "a@x.io"})
			return err
		}},
		{"CreateInvitation non-object metadata", "public_metadata", func(s *organizations.Service) error {
			_, err := s.CreateInvitation(ctx, "org_1", &organizations.CreateInvitationParams{EmailAddress: "a@x.io", Role: "r", PublicMetadata: 1.5})
			return err
		}},
		{"CreateInvitations empty org", "organization_id", func(s *organizations.Service) error {
			_, err := s.CreateManyInvitations(ctx, "", []*organizations.CreateInvitationParams{okInv})
			return err
		}},
		{"CreateInvitations nil list", "params", func(s *organizations.Service) error {
			_, err := s.CreateManyInvitations(ctx, "org_1", nil)
			return err
		}},
		{"CreateInvitations empty list", "params", func(s *organizations.Service) error {
			_, err := s.CreateManyInvitations(ctx, "org_1", []*organizations.CreateInvitationParams{})
			return err
		}},
		{"CreateInvitations nil entry", "params[1].params", func(s *organizations.Service) error {
			_, err := s.CreateManyInvitations(ctx, "org_1", []*organizations.CreateInvitationParams{okInv, nil})
			return err
		}},
		// A bad 23rd entry stops the whole job before the first chunk is sent.
		{"CreateInvitations bad late entry", "params[22].email_address", func(s *organizations.Service) error {
			in := bulkInputs(25)
			in[22].EmailAddress = ""
			_, err := s.CreateManyInvitations(ctx, "org_1", in)
			return err
		}},
		{"CreateInvitations bad metadata", "params[0].private_metadata", func(s *organizations.Service) error {
			_, err := s.CreateManyInvitations(ctx, "org_1", []*organizations.CreateInvitationParams{
				{EmailAddress: "a@x.io", Role: "r", PrivateMetadata: []int{1}},
			})
			return err
		}},
		{"ListInvitations empty org", "organization_id", func(s *organizations.Service) error {
			_, err := s.ListInvitations(ctx, "", nil)
			return err
		}},
		{"GetInvitation empty invitation", "invitation_id", func(s *organizations.Service) error {
			_, err := s.GetInvitation(ctx, "org_1", "")
			return err
		}},
		{"RevokeInvitation empty org", "organization_id", func(s *organizations.Service) error {
			_, err := s.RevokeInvitation(ctx, "", "orginv_1", nil)
			return err
		}},
		{"RevokeInvitation empty invitation", "invitation_id", func(s *organizations.Service) error {
			_, err := s.RevokeInvitation(ctx, "org_1", " ", nil)
			return err
		}},
		{"GetBillingSubscription empty org", "organization_id", func(s *organizations.Service) error {
			_, err := s.GetBillingSubscription(ctx, "")
			return err
		}},
		{"GetBillingCreditBalance empty org", "organization_id", func(s *organizations.Service) error {
			_, err := s.GetBillingCreditBalance(ctx, "")
			return err
		}},
		{"AdjustBillingCredits nil params", "params", func(s *organizations.Service) error {
			_, err := s.AdjustBillingCreditBalance(ctx, "org_1", nil)
			return err
		}},
		{"AdjustBillingCredits zero amount", "amount", func(s *organizations.Service) error {
			_, err := s.AdjustBillingCreditBalance(ctx, "org_1", &billing.AdjustCreditBalanceParams{Action: "increase", IdempotencyKey: "k"})
			return err
		}},
		{"AdjustBillingCredits bad action", "action", func(s *organizations.Service) error {
			_, err := s.AdjustBillingCreditBalance(ctx, "org_1", &billing.AdjustCreditBalanceParams{Amount: 1, Action: "add", IdempotencyKey: "k"})
			return err
		}},
		{"AdjustBillingCredits no idempotency key", "idempotency_key", func(s *organizations.Service) error {
			_, err := s.AdjustBillingCreditBalance(ctx, "org_1", &billing.AdjustCreditBalanceParams{Amount: 1, Action: "decrease"})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, _, mt := newClient(t, always(http.StatusOK, `{}`))
			err := tt.call(c.Organizations)
			if !errors.Is(err, clerk.ErrInvalidInput) {
				t.Fatalf("err = %v, want ErrInvalidInput", err)
			}
			var ie *clerk.InvalidInputError
			if !errors.As(err, &ie) || ie.Field != tt.field {
				t.Errorf("err = %v, want field %q", err, tt.field)
			}
			if n := mt.GetTotalCallCount(); n != 0 {
				t.Errorf("%d requests sent, want 0", n)
			}
		})
	}
}

// TestIteratorInvalidInput: bad params surface as the walk's one error,
// before any request; so does a nil context.
func TestIteratorInvalidInput(t *testing.T) {
	t.Parallel()
	c, _, mt := newClient(t, always(http.StatusOK, envelope(0)))
	tooMany := make([]string, 101)
	var errs []error
	for _, err := range c.Organizations.AllMemberships(context.Background(), "", nil) {
		errs = append(errs, err)
	}
	for _, err := range c.Organizations.All(context.Background(), &organizations.ListParams{UserIDs: tooMany}) {
		errs = append(errs, err)
	}
	//lint:ignore SA1012 a nil context must be refused, not panic
	for _, err := range c.Organizations.AllInstanceInvitations(nil, nil) {
		errs = append(errs, err)
	}
	if len(errs) != 3 {
		t.Fatalf("got %d errors, want 3: %v", len(errs), errs)
	}
	for _, err := range errs {
		if !errors.Is(err, clerk.ErrInvalidInput) {
			t.Errorf("err = %v, want ErrInvalidInput", err)
		}
	}
	if n := mt.GetTotalCallCount(); n != 0 {
		t.Errorf("%d requests sent, want 0", n)
	}
}
