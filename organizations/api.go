package organizations

import (
	"context"
	"iter"

	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// API is every method of *Service, so code that uses organizations can
// take a fake in its unit tests (embed Unimplemented in it).
type API interface {
	List(ctx context.Context, params *ListParams, opts ...core.RequestOption) (*pagination.Page[Organization], error)
	All(ctx context.Context, params *ListParams, opts ...core.RequestOption) iter.Seq2[*Organization, error]
	Create(ctx context.Context, params *CreateParams, opts ...core.RequestOption) (*Organization, error)
	Get(ctx context.Context, organizationID string, opts ...core.RequestOption) (*Organization, error)
	GetBySlug(ctx context.Context, slug string, opts ...core.RequestOption) (*Organization, error)
	Update(ctx context.Context, organizationID string, params *UpdateParams, opts ...core.RequestOption) (*Organization, error)
	Delete(ctx context.Context, organizationID string, opts ...core.RequestOption) (*core.DeletedObject, error)
	UpdateMetadata(ctx context.Context, organizationID string, params *MetadataParams, opts ...core.RequestOption) (*Organization, error)
	ReplaceMetadata(ctx context.Context, organizationID string, params *MetadataParams, opts ...core.RequestOption) (*Organization, error)
	UploadLogo(ctx context.Context, organizationID string, params *UploadLogoParams, opts ...core.RequestOption) (*Organization, error)
	DeleteLogo(ctx context.Context, organizationID string, opts ...core.RequestOption) (*Organization, error)

	CreateMembership(ctx context.Context, organizationID string, params *CreateMembershipParams, opts ...core.RequestOption) (*Membership, error)
	ListMemberships(ctx context.Context, organizationID string, params *ListMembershipsParams, opts ...core.RequestOption) (*pagination.Page[Membership], error)
	AllMemberships(ctx context.Context, organizationID string, params *ListMembershipsParams, opts ...core.RequestOption) iter.Seq2[*Membership, error]
	UpdateMembership(ctx context.Context, organizationID, userID string, params *UpdateMembershipParams, opts ...core.RequestOption) (*Membership, error)
	DeleteMembership(ctx context.Context, organizationID, userID string, opts ...core.RequestOption) (*Membership, error)
	UpdateMembershipMetadata(ctx context.Context, organizationID, userID string, params *MembershipMetadataParams, opts ...core.RequestOption) (*Membership, error)
	ListInstanceMemberships(ctx context.Context, params *ListInstanceMembershipsParams, opts ...core.RequestOption) (*pagination.Page[Membership], error)
	AllInstanceMemberships(ctx context.Context, params *ListInstanceMembershipsParams, opts ...core.RequestOption) iter.Seq2[*Membership, error]

	CreateInvitation(ctx context.Context, organizationID string, params *CreateInvitationParams, opts ...core.RequestOption) (*Invitation, error)
	CreateManyInvitations(ctx context.Context, organizationID string, params []*CreateInvitationParams, opts ...core.RequestOption) ([]*Invitation, error)
	ListInvitations(ctx context.Context, organizationID string, params *ListInvitationsParams, opts ...core.RequestOption) (*pagination.Page[Invitation], error)
	AllInvitations(ctx context.Context, organizationID string, params *ListInvitationsParams, opts ...core.RequestOption) iter.Seq2[*Invitation, error]
	GetInvitation(ctx context.Context, organizationID, invitationID string, opts ...core.RequestOption) (*Invitation, error)
	RevokeInvitation(ctx context.Context, organizationID, invitationID string, params *RevokeInvitationParams, opts ...core.RequestOption) (*Invitation, error)
	ListInstanceInvitations(ctx context.Context, params *ListInstanceInvitationsParams, opts ...core.RequestOption) (*pagination.Page[Invitation], error)
	AllInstanceInvitations(ctx context.Context, params *ListInstanceInvitationsParams, opts ...core.RequestOption) iter.Seq2[*Invitation, error]

	GetBillingSubscription(ctx context.Context, organizationID string, opts ...core.RequestOption) (*billing.Subscription, error)
	GetBillingCreditBalance(ctx context.Context, organizationID string, opts ...core.RequestOption) (*billing.CreditBalance, error)
	AdjustBillingCreditBalance(ctx context.Context, organizationID string, params *billing.AdjustCreditBalanceParams, opts ...core.RequestOption) (*billing.CreditLedgerEntry, error)
}

var (
	_ API = (*Service)(nil)
	_ API = Unimplemented{}
)

// Unimplemented implements API with methods that all fail with a
// *core.NotImplementedError (matching clerk.ErrNotImplemented); its
// iterators yield that error once. Embed it in a test fake and override
// only the methods the code under test calls: the fake keeps compiling
// when methods are added to API.
type Unimplemented struct{}

func notImplemented(name string) error {
	return &core.NotImplementedError{Method: "Organizations." + name}
}

// List fails with a *core.NotImplementedError.
func (Unimplemented) List(context.Context, *ListParams, ...core.RequestOption) (*pagination.Page[Organization], error) {
	return nil, notImplemented("List")
}

// All yields a *core.NotImplementedError once.
func (Unimplemented) All(context.Context, *ListParams, ...core.RequestOption) iter.Seq2[*Organization, error] {
	return transport.Fail[Organization](notImplemented("All"))
}

// Create fails with a *core.NotImplementedError.
func (Unimplemented) Create(context.Context, *CreateParams, ...core.RequestOption) (*Organization, error) {
	return nil, notImplemented("Create")
}

// Get fails with a *core.NotImplementedError.
func (Unimplemented) Get(context.Context, string, ...core.RequestOption) (*Organization, error) {
	return nil, notImplemented("Get")
}

// GetBySlug fails with a *core.NotImplementedError.
func (Unimplemented) GetBySlug(context.Context, string, ...core.RequestOption) (*Organization, error) {
	return nil, notImplemented("GetBySlug")
}

// Update fails with a *core.NotImplementedError.
func (Unimplemented) Update(context.Context, string, *UpdateParams, ...core.RequestOption) (*Organization, error) {
	return nil, notImplemented("Update")
}

// Delete fails with a *core.NotImplementedError.
func (Unimplemented) Delete(context.Context, string, ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, notImplemented("Delete")
}

// UpdateMetadata fails with a *core.NotImplementedError.
func (Unimplemented) UpdateMetadata(context.Context, string, *MetadataParams, ...core.RequestOption) (*Organization, error) {
	return nil, notImplemented("UpdateMetadata")
}

// ReplaceMetadata fails with a *core.NotImplementedError.
func (Unimplemented) ReplaceMetadata(context.Context, string, *MetadataParams, ...core.RequestOption) (*Organization, error) {
	return nil, notImplemented("ReplaceMetadata")
}

// UploadLogo fails with a *core.NotImplementedError.
func (Unimplemented) UploadLogo(context.Context, string, *UploadLogoParams, ...core.RequestOption) (*Organization, error) {
	return nil, notImplemented("UploadLogo")
}

// DeleteLogo fails with a *core.NotImplementedError.
func (Unimplemented) DeleteLogo(context.Context, string, ...core.RequestOption) (*Organization, error) {
	return nil, notImplemented("DeleteLogo")
}

// CreateMembership fails with a *core.NotImplementedError.
func (Unimplemented) CreateMembership(context.Context, string, *CreateMembershipParams, ...core.RequestOption) (*Membership, error) {
	return nil, notImplemented("CreateMembership")
}

// ListMemberships fails with a *core.NotImplementedError.
func (Unimplemented) ListMemberships(context.Context, string, *ListMembershipsParams, ...core.RequestOption) (*pagination.Page[Membership], error) {
	return nil, notImplemented("ListMemberships")
}

// AllMemberships yields a *core.NotImplementedError once.
func (Unimplemented) AllMemberships(context.Context, string, *ListMembershipsParams, ...core.RequestOption) iter.Seq2[*Membership, error] {
	return transport.Fail[Membership](notImplemented("AllMemberships"))
}

// UpdateMembership fails with a *core.NotImplementedError.
func (Unimplemented) UpdateMembership(context.Context, string, string, *UpdateMembershipParams, ...core.RequestOption) (*Membership, error) {
	return nil, notImplemented("UpdateMembership")
}

// DeleteMembership fails with a *core.NotImplementedError.
func (Unimplemented) DeleteMembership(context.Context, string, string, ...core.RequestOption) (*Membership, error) {
	return nil, notImplemented("DeleteMembership")
}

// UpdateMembershipMetadata fails with a *core.NotImplementedError.
func (Unimplemented) UpdateMembershipMetadata(context.Context, string, string, *MembershipMetadataParams, ...core.RequestOption) (*Membership, error) {
	return nil, notImplemented("UpdateMembershipMetadata")
}

// ListInstanceMemberships fails with a *core.NotImplementedError.
func (Unimplemented) ListInstanceMemberships(context.Context, *ListInstanceMembershipsParams, ...core.RequestOption) (*pagination.Page[Membership], error) {
	return nil, notImplemented("ListInstanceMemberships")
}

// AllInstanceMemberships yields a *core.NotImplementedError once.
func (Unimplemented) AllInstanceMemberships(context.Context, *ListInstanceMembershipsParams, ...core.RequestOption) iter.Seq2[*Membership, error] {
	return transport.Fail[Membership](notImplemented("AllInstanceMemberships"))
}

// CreateInvitation fails with a *core.NotImplementedError.
func (Unimplemented) CreateInvitation(context.Context, string, *CreateInvitationParams, ...core.RequestOption) (*Invitation, error) {
	return nil, notImplemented("CreateInvitation")
}

// CreateManyInvitations fails with a *core.NotImplementedError.
func (Unimplemented) CreateManyInvitations(context.Context, string, []*CreateInvitationParams, ...core.RequestOption) ([]*Invitation, error) {
	return nil, notImplemented("CreateManyInvitations")
}

// ListInvitations fails with a *core.NotImplementedError.
func (Unimplemented) ListInvitations(context.Context, string, *ListInvitationsParams, ...core.RequestOption) (*pagination.Page[Invitation], error) {
	return nil, notImplemented("ListInvitations")
}

// AllInvitations yields a *core.NotImplementedError once.
func (Unimplemented) AllInvitations(context.Context, string, *ListInvitationsParams, ...core.RequestOption) iter.Seq2[*Invitation, error] {
	return transport.Fail[Invitation](notImplemented("AllInvitations"))
}

// GetInvitation fails with a *core.NotImplementedError.
func (Unimplemented) GetInvitation(context.Context, string, string, ...core.RequestOption) (*Invitation, error) {
	return nil, notImplemented("GetInvitation")
}

// RevokeInvitation fails with a *core.NotImplementedError.
func (Unimplemented) RevokeInvitation(context.Context, string, string, *RevokeInvitationParams, ...core.RequestOption) (*Invitation, error) {
	return nil, notImplemented("RevokeInvitation")
}

// ListInstanceInvitations fails with a *core.NotImplementedError.
func (Unimplemented) ListInstanceInvitations(context.Context, *ListInstanceInvitationsParams, ...core.RequestOption) (*pagination.Page[Invitation], error) {
	return nil, notImplemented("ListInstanceInvitations")
}

// AllInstanceInvitations yields a *core.NotImplementedError once.
func (Unimplemented) AllInstanceInvitations(context.Context, *ListInstanceInvitationsParams, ...core.RequestOption) iter.Seq2[*Invitation, error] {
	return transport.Fail[Invitation](notImplemented("AllInstanceInvitations"))
}

// GetBillingSubscription fails with a *core.NotImplementedError.
func (Unimplemented) GetBillingSubscription(context.Context, string, ...core.RequestOption) (*billing.Subscription, error) {
	return nil, notImplemented("GetBillingSubscription")
}

// GetBillingCreditBalance fails with a *core.NotImplementedError.
func (Unimplemented) GetBillingCreditBalance(context.Context, string, ...core.RequestOption) (*billing.CreditBalance, error) {
	return nil, notImplemented("GetBillingCreditBalance")
}

// AdjustBillingCreditBalance fails with a *core.NotImplementedError.
func (Unimplemented) AdjustBillingCreditBalance(context.Context, string, *billing.AdjustCreditBalanceParams, ...core.RequestOption) (*billing.CreditLedgerEntry, error) {
	return nil, notImplemented("AdjustBillingCreditBalance")
}
