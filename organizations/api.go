package organizations

import (
	"context"
	"iter"

	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/pagination"
)

// API is every method of *Service, so code that uses organizations can
// take a fake in its unit tests.
type API interface {
	List(ctx context.Context, params *ListParams) (*pagination.Page[Organization], error)
	All(ctx context.Context, params *ListParams) iter.Seq2[*Organization, error]
	Create(ctx context.Context, params *CreateParams) (*Organization, error)
	Get(ctx context.Context, idOrSlug string, params *GetParams) (*Organization, error)
	Update(ctx context.Context, organizationID string, params *UpdateParams) (*Organization, error)
	Delete(ctx context.Context, organizationID string) (*DeletedObject, error)
	UpdateMetadata(ctx context.Context, organizationID string, params *MetadataParams) (*Organization, error)
	ReplaceMetadata(ctx context.Context, organizationID string, params *MetadataParams) (*Organization, error)
	UploadLogo(ctx context.Context, organizationID string, params *UploadLogoParams) (*Organization, error)
	DeleteLogo(ctx context.Context, organizationID string) (*Organization, error)

	CreateMembership(ctx context.Context, organizationID string, params *CreateMembershipParams) (*Membership, error)
	ListMemberships(ctx context.Context, organizationID string, params *ListMembershipsParams) (*pagination.Page[Membership], error)
	AllMemberships(ctx context.Context, organizationID string, params *ListMembershipsParams) iter.Seq2[*Membership, error]
	UpdateMembership(ctx context.Context, organizationID, userID string, params *UpdateMembershipParams) (*Membership, error)
	DeleteMembership(ctx context.Context, organizationID, userID string) (*Membership, error)
	UpdateMembershipMetadata(ctx context.Context, organizationID, userID string, params *MetadataParams) (*Membership, error)
	ListInstanceMemberships(ctx context.Context, params *ListInstanceMembershipsParams) (*pagination.Page[Membership], error)
	AllInstanceMemberships(ctx context.Context, params *ListInstanceMembershipsParams) iter.Seq2[*Membership, error]

	CreateInvitation(ctx context.Context, organizationID string, params *CreateInvitationParams) (*Invitation, error)
	CreateInvitations(ctx context.Context, organizationID string, params []*CreateInvitationParams) ([]*Invitation, error)
	ListInvitations(ctx context.Context, organizationID string, params *ListInvitationsParams) (*pagination.Page[Invitation], error)
	AllInvitations(ctx context.Context, organizationID string, params *ListInvitationsParams) iter.Seq2[*Invitation, error]
	GetInvitation(ctx context.Context, organizationID, invitationID string) (*Invitation, error)
	RevokeInvitation(ctx context.Context, organizationID, invitationID string, params *RevokeInvitationParams) (*Invitation, error)
	ListInstanceInvitations(ctx context.Context, params *ListInstanceInvitationsParams) (*pagination.Page[Invitation], error)
	AllInstanceInvitations(ctx context.Context, params *ListInstanceInvitationsParams) iter.Seq2[*Invitation, error]

	GetBillingSubscription(ctx context.Context, organizationID string) (*billing.Subscription, error)
	GetBillingCreditBalance(ctx context.Context, organizationID string) (*billing.CreditBalance, error)
	AdjustBillingCredits(ctx context.Context, organizationID string, params *billing.AdjustCreditBalanceParams) (*billing.CreditLedgerEntry, error)
}

var _ API = (*Service)(nil)
