package users

import (
	"context"
	"github.com/clerkgo/clerk/core"
	"iter"

	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/organizations"
	"github.com/clerkgo/clerk/pagination"
)

// ListOrganizationMembershipsParams pages a user's organization
// memberships.
type ListOrganizationMembershipsParams struct {
	// Limit (1..500) and Offset page a List call; the All variant pages
	// by itself and uses Limit as its page size.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// ListOrganizationMemberships returns one page of the user's organization
// memberships, each with its whole organization, and the total. params may
// be nil.
//
// API: GET /users/{user_id}/organization_memberships (UsersGetOrganizationMemberships)
func (s *Service) ListOrganizationMemberships(ctx context.Context, userID string, params *ListOrganizationMembershipsParams, opts ...core.RequestOption) (*pagination.Page[organizations.Membership], error) {
	path, err := transport.Path("/users/{user_id}/organization_memberships", userID)
	if err != nil {
		return nil, err
	}
	return transport.List[organizations.Membership](ctx, s.b, path, params, opts...)
}

// AllOrganizationMemberships walks every organization membership of the
// user, lazily; breaking out of the loop stops it without another request.
//
// API: GET /users/{user_id}/organization_memberships (UsersGetOrganizationMemberships)
func (s *Service) AllOrganizationMemberships(ctx context.Context, userID string, params *ListOrganizationMembershipsParams, opts ...core.RequestOption) iter.Seq2[*organizations.Membership, error] {
	path, err := transport.Path("/users/{user_id}/organization_memberships", userID)
	if err != nil {
		return transport.Fail[organizations.Membership](err)
	}
	return transport.All[organizations.Membership](ctx, s.b, path, transport.Envelope, params, opts)
}

// ListOrganizationInvitationsParams filters and pages the organization
// invitations sent to a user.
type ListOrganizationInvitationsParams struct {
	// Status keeps invitations in one state: "pending", "accepted",
	// "revoked" or "expired".
	Status string `query:"status"`
	// Limit (1..500) and Offset page a List call; the All variant pages
	// by itself and uses Limit as its page size.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// ListOrganizationInvitations returns one page of the organization
// invitations sent to the user's email addresses, each with the public
// data of its organization, and the total. params may be nil.
//
// API: GET /users/{user_id}/organization_invitations (UsersGetOrganizationInvitations)
func (s *Service) ListOrganizationInvitations(ctx context.Context, userID string, params *ListOrganizationInvitationsParams, opts ...core.RequestOption) (*pagination.Page[organizations.Invitation], error) {
	path, err := transport.Path("/users/{user_id}/organization_invitations", userID)
	if err != nil {
		return nil, err
	}
	return transport.List[organizations.Invitation](ctx, s.b, path, params, opts...)
}

// AllOrganizationInvitations walks every organization invitation of the
// user matching params, lazily; breaking out of the loop stops it without
// another request.
//
// API: GET /users/{user_id}/organization_invitations (UsersGetOrganizationInvitations)
func (s *Service) AllOrganizationInvitations(ctx context.Context, userID string, params *ListOrganizationInvitationsParams, opts ...core.RequestOption) iter.Seq2[*organizations.Invitation, error] {
	path, err := transport.Path("/users/{user_id}/organization_invitations", userID)
	if err != nil {
		return transport.Fail[organizations.Invitation](err)
	}
	return transport.All[organizations.Invitation](ctx, s.b, path, transport.Envelope, params, opts)
}
