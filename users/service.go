// Package users is the Users service of the Clerk Backend API: list, count,
// read, create, update and delete users; their metadata (raw, or typed with
// TypedMetadata); passwords, MFA, passkeys, linked accounts and trusted
// devices; their organization memberships and invitations; and their Clerk
// Billing subscription and credits. Reach it as client.Users.
//
// Bans and locks live in package bans.
package users

import (
	"context"
	"github.com/clerkgo/clerk/core"
	"iter"

	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/organizations"
	"github.com/clerkgo/clerk/pagination"
)

// Service calls the Users operations. Build it with clerk.NewClient; it is
// safe for concurrent use.
type Service struct {
	b *transport.Backend
}

// New returns a Service on b. Users get one from clerk.NewClient.
func New(b *transport.Backend) *Service { return &Service{b: b} }

// API is every operation of Service, so that code using client.Users can
// take a fake in its unit tests.
type API interface {
	List(ctx context.Context, params *ListParams, opts ...core.RequestOption) (*pagination.Page[User], error)
	All(ctx context.Context, params *ListParams, opts ...core.RequestOption) iter.Seq2[*User, error]
	Count(ctx context.Context, params *ListParams, opts ...core.RequestOption) (int64, error)
	Get(ctx context.Context, userID string, opts ...core.RequestOption) (*User, error)
	Create(ctx context.Context, params *CreateParams, opts ...core.RequestOption) (*User, error)
	Update(ctx context.Context, userID string, params *UpdateParams, opts ...core.RequestOption) (*User, error)
	Delete(ctx context.Context, userID string, opts ...core.RequestOption) (*core.DeletedObject, error)

	UpdateMetadata(ctx context.Context, userID string, params *MetadataParams, opts ...core.RequestOption) (*User, error)
	ReplaceMetadata(ctx context.Context, userID string, params *MetadataParams, opts ...core.RequestOption) (*User, error)

	UploadProfileImage(ctx context.Context, userID string, params *UploadProfileImageParams, opts ...core.RequestOption) (*User, error)
	DeleteProfileImage(ctx context.Context, userID string, opts ...core.RequestOption) (*User, error)

	VerifyPassword(ctx context.Context, userID string, params *VerifyPasswordParams, opts ...core.RequestOption) (bool, error)
	RemovePassword(ctx context.Context, userID string, params *RemovePasswordParams, opts ...core.RequestOption) (*User, error)
	SetPasswordCompromised(ctx context.Context, userID string, params *SetPasswordCompromisedParams, opts ...core.RequestOption) (*User, error)
	UnsetPasswordCompromised(ctx context.Context, userID string, opts ...core.RequestOption) (*User, error)

	VerifyTOTP(ctx context.Context, userID string, params *VerifyTOTPParams, opts ...core.RequestOption) (*TOTPVerification, error)
	DisableMFA(ctx context.Context, userID string, opts ...core.RequestOption) (*MFAResult, error)
	DeleteBackupCodes(ctx context.Context, userID string, opts ...core.RequestOption) (*MFAResult, error)
	DeleteTOTP(ctx context.Context, userID string, opts ...core.RequestOption) (*MFAResult, error)
	DeletePasskey(ctx context.Context, userID, passkeyID string, opts ...core.RequestOption) (*core.DeletedObject, error)
	DeleteWeb3Wallet(ctx context.Context, userID, web3WalletID string, opts ...core.RequestOption) (*core.DeletedObject, error)
	DeleteExternalAccount(ctx context.Context, userID, externalAccountID string, opts ...core.RequestOption) (*core.DeletedObject, error)

	ListOAuthAccessTokens(ctx context.Context, userID, provider string, params *ListOAuthAccessTokensParams, opts ...core.RequestOption) (*pagination.Page[OAuthAccessToken], error)
	ListTrustedDevices(ctx context.Context, userID string, opts ...core.RequestOption) (*pagination.Page[TrustedDevice], error)
	RevokeTrustedDevice(ctx context.Context, userID, trustedDeviceID string, opts ...core.RequestOption) (*TrustedDevice, error)

	ListOrganizationMemberships(ctx context.Context, userID string, params *ListOrganizationMembershipsParams, opts ...core.RequestOption) (*pagination.Page[organizations.Membership], error)
	AllOrganizationMemberships(ctx context.Context, userID string, params *ListOrganizationMembershipsParams, opts ...core.RequestOption) iter.Seq2[*organizations.Membership, error]
	ListOrganizationInvitations(ctx context.Context, userID string, params *ListOrganizationInvitationsParams, opts ...core.RequestOption) (*pagination.Page[organizations.Invitation], error)
	AllOrganizationInvitations(ctx context.Context, userID string, params *ListOrganizationInvitationsParams, opts ...core.RequestOption) iter.Seq2[*organizations.Invitation, error]

	GetBillingSubscription(ctx context.Context, userID string, opts ...core.RequestOption) (*billing.Subscription, error)
	GetBillingCreditBalance(ctx context.Context, userID string, opts ...core.RequestOption) (*billing.CreditBalance, error)
	AdjustBillingCreditBalance(ctx context.Context, userID string, params *billing.AdjustCreditBalanceParams, opts ...core.RequestOption) (*billing.CreditLedgerEntry, error)
}

var (
	_ API            = (*Service)(nil)
	_ MetadataClient = (*Service)(nil)
	_ MetadataClient = API(nil)
)
