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
	"github.com/google/go-cmp/cmp"
)

// TestReplay: after a 502, replay-safe writes are sent again and creates
// are not (Clerk has no idempotency keys, a replay could create twice).
func TestReplay(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	meta := &organizations.MetadataParams{PublicMetadata: map[string]any{"a": 1}}
	tests := []struct {
		name     string
		reply    string
		call     func(s *organizations.Service) error
		replayed bool
	}{
		{"Create", orgJSON, func(s *organizations.Service) error {
			_, err := s.Create(ctx, &organizations.CreateParams{Name: "A"})
			return err
		}, false},
		{"CreateMembership", membershipJSON, func(s *organizations.Service) error {
			_, err := s.CreateMembership(ctx, "org_1", &organizations.CreateMembershipParams{UserID: "u", Role: "r"})
			return err
		}, false},
		{"CreateInvitation", invitationJSON, func(s *organizations.Service) error {
			_, err := s.CreateInvitation(ctx, "org_1", &organizations.CreateInvitationParams{EmailAddress: "a@x.io", Role: "r"})
			return err
		}, false},
		{"CreateInvitations", envelope(1, invitationJSON), func(s *organizations.Service) error {
			_, err := s.CreateManyInvitations(ctx, "org_1", bulkInputs(1))
			return err
		}, false},
		{"Update", orgJSON, func(s *organizations.Service) error {
			_, err := s.Update(ctx, "org_1", &organizations.UpdateParams{Name: clerk.Ptr("B")})
			return err
		}, false},
		{"Delete", deletedJSON, func(s *organizations.Service) error {
			_, err := s.Delete(ctx, "org_1")
			return err
		}, true},
		{"UpdateMetadata", orgJSON, func(s *organizations.Service) error {
			_, err := s.UpdateMetadata(ctx, "org_1", meta)
			return err
		}, true},
		{"ReplaceMetadata", orgJSON, func(s *organizations.Service) error {
			_, err := s.ReplaceMetadata(ctx, "org_1", meta)
			return err
		}, true},
		{"UploadLogo", orgJSON, func(s *organizations.Service) error {
			_, err := s.UploadLogo(ctx, "org_1", &organizations.UploadLogoParams{File: strings.NewReader("GIF89a...")})
			return err
		}, true},
		{"DeleteLogo", orgJSON, func(s *organizations.Service) error {
			_, err := s.DeleteLogo(ctx, "org_1")
			return err
		}, true},
		{"UpdateMembership", membershipJSON, func(s *organizations.Service) error {
			_, err := s.UpdateMembership(ctx, "org_1", "u", &organizations.UpdateMembershipParams{Role: "r"})
			return err
		}, false},
		{"DeleteMembership", membershipJSON, func(s *organizations.Service) error {
			_, err := s.DeleteMembership(ctx, "org_1", "u")
			return err
		}, true},
		{"UpdateMembershipMetadata", membershipJSON, func(s *organizations.Service) error {
			_, err := s.UpdateMembershipMetadata(ctx, "org_1", "u", &organizations.MembershipMetadataParams{PublicMetadata: meta.PublicMetadata})
			return err
		}, true},
		{"RevokeInvitation", invitationJSON, func(s *organizations.Service) error {
			_, err := s.RevokeInvitation(ctx, "org_1", "orginv_1", nil)
			return err
		}, true},
		{"AdjustBillingCredits", ledgerJSON, func(s *organizations.Service) error {
			_, err := s.AdjustBillingCreditBalance(ctx, "org_1", &billing.AdjustCreditBalanceParams{Amount: 1, Action: "increase", IdempotencyKey: "k"})
			return err
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, rec, _ := newClient(t, func(n int, _ *http.Request) (int, string) {
				if n == 0 {
					return http.StatusBadGateway, `{"errors":[{"code":"bad_gateway","message":"upstream"}]}`
				}
				return http.StatusOK, tt.reply
			})
			err := tt.call(c.Organizations)
			n := len(rec.all())
			if tt.replayed {
				if err != nil || n != 2 {
					t.Errorf("err = %v after %d requests, want success after 2", err, n)
				}
				return
			}
			if !errors.Is(err, clerk.ErrServer) || n != 1 {
				t.Errorf("err = %v after %d requests, want ErrServer after 1", err, n)
			}
		})
	}
}

// TestRevokeReplayedRefusal: the first revoke worked but its answer was
// lost (502); the replay is refused because the invitation is already
// revoked. RevokeInvitation checks the invitation and reports success.
func TestRevokeReplayedRefusal(t *testing.T) {
	t.Parallel()
	revoked := strings.Replace(invitationJSON, `"status": "pending"`, `"status": "revoked"`, 1)
	tests := []struct {
		name    string
		current string
		wantErr bool
	}{
		{"revoked", revoked, false},
		{"still pending", invitationJSON, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, rec, _ := newClient(t, func(n int, r *http.Request) (int, string) {
				switch {
				case r.Method == http.MethodGet:
					return http.StatusOK, tt.current
				case n == 0:
					return http.StatusBadGateway, `{}`
				}
				return http.StatusBadRequest, `{"errors":[{"code":"organization_invitation_not_pending","message":"not pending"}]}`
			})
			inv, err := c.Organizations.RevokeInvitation(context.Background(), "org_1", "orginv_1", nil)
			if tt.wantErr {
				if !errors.Is(err, clerk.ErrBadRequest) {
					t.Errorf("err = %v, want ErrBadRequest", err)
				}
			} else if err != nil || inv.Status != organizations.InvitationStatusRevoked {
				t.Errorf("got %+v, %v; want the revoked invitation", inv, err)
			}
			var got []string
			for _, r := range rec.all() {
				got = append(got, r.Method+" "+r.Path)
			}
			want := []string{
				"POST /v1/organizations/org_1/invitations/orginv_1/revoke",
				"POST /v1/organizations/org_1/invitations/orginv_1/revoke",
				"GET /v1/organizations/org_1/invitations/orginv_1",
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRevokeFirstRefusal: a refusal of the first attempt is a plain
// error; nothing is looked up.
func TestRevokeFirstRefusal(t *testing.T) {
	t.Parallel()
	c, rec, _ := newClient(t, always(http.StatusBadRequest, `{"errors":[{"code":"x","message":"no"}]}`))
	if _, err := c.Organizations.RevokeInvitation(context.Background(), "org_1", "orginv_1", nil); !errors.Is(err, clerk.ErrBadRequest) {
		t.Errorf("err = %v, want ErrBadRequest", err)
	}
	if n := len(rec.all()); n != 1 {
		t.Errorf("got %d requests, want 1", n)
	}
}

// TestDeleteReplayedNotFound: a 404 to a replayed delete means the first
// attempt deleted the organization; a 404 to the first attempt is an error.
func TestDeleteReplayedNotFound(t *testing.T) {
	t.Parallel()
	notFound := `{"errors":[{"code":"resource_not_found","message":"not found"}]}`
	c, _, _ := newClient(t, func(n int, _ *http.Request) (int, string) {
		if n == 0 {
			return http.StatusBadGateway, `{}`
		}
		return http.StatusNotFound, notFound
	})
	got, err := c.Organizations.Delete(context.Background(), "org_1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&clerk.DeletedObject{Object: "organization", ID: "org_1", Deleted: true}, got); diff != "" {
		t.Errorf("deleted (-want +got):\n%s", diff)
	}

	c2, _, _ := newClient(t, always(http.StatusNotFound, notFound))
	if _, err := c2.Organizations.Delete(context.Background(), "org_1"); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
}
