package users

import (
	"context"
	"iter"

	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/organizations"
	"github.com/clerkgo/clerk/pagination"
)

// Unimplemented implements API with methods that all fail with a
// *core.NotImplementedError (iterators yield it once). Embed it in a fake
// and override the methods your code calls: the fake keeps compiling when
// methods are added to API, and a call the test did not expect says which
// method it was.
type Unimplemented struct{}

var _ API = Unimplemented{}

func notImplemented(name string) error {
	return &core.NotImplementedError{Method: "Users." + name}
}

// List returns a *core.NotImplementedError.
func (Unimplemented) List(_ context.Context, _ *ListParams, _ ...core.RequestOption) (*pagination.Page[User], error) {
	return nil, notImplemented("List")
}

// All returns a *core.NotImplementedError.
func (Unimplemented) All(_ context.Context, _ *ListParams, _ ...core.RequestOption) iter.Seq2[*User, error] {
	return transport.Fail[User](notImplemented("All"))
}

// Count returns a *core.NotImplementedError.
func (Unimplemented) Count(_ context.Context, _ *ListParams, _ ...core.RequestOption) (int64, error) {
	return 0, notImplemented("Count")
}

// Get returns a *core.NotImplementedError.
func (Unimplemented) Get(_ context.Context, _ string, _ ...core.RequestOption) (*User, error) {
	return nil, notImplemented("Get")
}

// Create returns a *core.NotImplementedError.
func (Unimplemented) Create(_ context.Context, _ *CreateParams, _ ...core.RequestOption) (*User, error) {
	return nil, notImplemented("Create")
}

// Update returns a *core.NotImplementedError.
func (Unimplemented) Update(_ context.Context, _ string, _ *UpdateParams, _ ...core.RequestOption) (*User, error) {
	return nil, notImplemented("Update")
}

// Delete returns a *core.NotImplementedError.
func (Unimplemented) Delete(_ context.Context, _ string, _ ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, notImplemented("Delete")
}

// UpdateMetadata returns a *core.NotImplementedError.
func (Unimplemented) UpdateMetadata(_ context.Context, _ string, _ *MetadataParams, _ ...core.RequestOption) (*User, error) {
	return nil, notImplemented("UpdateMetadata")
}

// ReplaceMetadata returns a *core.NotImplementedError.
func (Unimplemented) ReplaceMetadata(_ context.Context, _ string, _ *MetadataParams, _ ...core.RequestOption) (*User, error) {
	return nil, notImplemented("ReplaceMetadata")
}

// UploadProfileImage returns a *core.NotImplementedError.
func (Unimplemented) UploadProfileImage(_ context.Context, _ string, _ *UploadProfileImageParams, _ ...core.RequestOption) (*User, error) {
	return nil, notImplemented("UploadProfileImage")
}

// DeleteProfileImage returns a *core.NotImplementedError.
func (Unimplemented) DeleteProfileImage(_ context.Context, _ string, _ ...core.RequestOption) (*User, error) {
	return nil, notImplemented("DeleteProfileImage")
}

// VerifyPassword returns a *core.NotImplementedError.
func (Unimplemented) VerifyPassword(_ context.Context, _ string, _ *VerifyPasswordParams, _ ...core.RequestOption) (bool, error) {
	return false, notImplemented("VerifyPassword")
}

// RemovePassword returns a *core.NotImplementedError.
func (Unimplemented) RemovePassword(_ context.Context, _ string, _ *RemovePasswordParams, _ ...core.RequestOption) (*User, error) {
	return nil, notImplemented("RemovePassword")
}

// SetPasswordCompromised returns a *core.NotImplementedError.
func (Unimplemented) SetPasswordCompromised(_ context.Context, _ string, _ *SetPasswordCompromisedParams, _ ...core.RequestOption) (*User, error) {
	return nil, notImplemented("SetPasswordCompromised")
}

// UnsetPasswordCompromised returns a *core.NotImplementedError.
func (Unimplemented) UnsetPasswordCompromised(_ context.Context, _ string, _ ...core.RequestOption) (*User, error) {
	return nil, notImplemented("UnsetPasswordCompromised")
}

// VerifyTOTP returns a *core.NotImplementedError.
func (Unimplemented) VerifyTOTP(_ context.Context, _ string, _ *VerifyTOTPParams, _ ...core.RequestOption) (*TOTPVerification, error) {
	return nil, notImplemented("VerifyTOTP")
}

// DisableMFA returns a *core.NotImplementedError.
func (Unimplemented) DisableMFA(_ context.Context, _ string, _ ...core.RequestOption) (*MFAResult, error) {
	return nil, notImplemented("DisableMFA")
}

// DeleteBackupCodes returns a *core.NotImplementedError.
func (Unimplemented) DeleteBackupCodes(_ context.Context, _ string, _ ...core.RequestOption) (*MFAResult, error) {
	return nil, notImplemented("DeleteBackupCodes")
}

// DeleteTOTP returns a *core.NotImplementedError.
func (Unimplemented) DeleteTOTP(_ context.Context, _ string, _ ...core.RequestOption) (*MFAResult, error) {
	return nil, notImplemented("DeleteTOTP")
}

// DeletePasskey returns a *core.NotImplementedError.
func (Unimplemented) DeletePasskey(_ context.Context, _, _ string, _ ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, notImplemented("DeletePasskey")
}

// DeleteWeb3Wallet returns a *core.NotImplementedError.
func (Unimplemented) DeleteWeb3Wallet(_ context.Context, _, _ string, _ ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, notImplemented("DeleteWeb3Wallet")
}

// DeleteExternalAccount returns a *core.NotImplementedError.
func (Unimplemented) DeleteExternalAccount(_ context.Context, _, _ string, _ ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, notImplemented("DeleteExternalAccount")
}

// ListOAuthAccessTokens returns a *core.NotImplementedError.
func (Unimplemented) ListOAuthAccessTokens(_ context.Context, _, _ string, _ *ListOAuthAccessTokensParams, _ ...core.RequestOption) (*pagination.Page[OAuthAccessToken], error) {
	return nil, notImplemented("ListOAuthAccessTokens")
}

// ListTrustedDevices returns a *core.NotImplementedError.
func (Unimplemented) ListTrustedDevices(_ context.Context, _ string, _ ...core.RequestOption) (*pagination.Page[TrustedDevice], error) {
	return nil, notImplemented("ListTrustedDevices")
}

// RevokeTrustedDevice returns a *core.NotImplementedError.
func (Unimplemented) RevokeTrustedDevice(_ context.Context, _, _ string, _ ...core.RequestOption) (*TrustedDevice, error) {
	return nil, notImplemented("RevokeTrustedDevice")
}

// ListOrganizationMemberships returns a *core.NotImplementedError.
func (Unimplemented) ListOrganizationMemberships(_ context.Context, _ string, _ *ListOrganizationMembershipsParams, _ ...core.RequestOption) (*pagination.Page[organizations.Membership], error) {
	return nil, notImplemented("ListOrganizationMemberships")
}

// AllOrganizationMemberships returns a *core.NotImplementedError.
func (Unimplemented) AllOrganizationMemberships(_ context.Context, _ string, _ *ListOrganizationMembershipsParams, _ ...core.RequestOption) iter.Seq2[*organizations.Membership, error] {
	return transport.Fail[organizations.Membership](notImplemented("AllOrganizationMemberships"))
}

// ListOrganizationInvitations returns a *core.NotImplementedError.
func (Unimplemented) ListOrganizationInvitations(_ context.Context, _ string, _ *ListOrganizationInvitationsParams, _ ...core.RequestOption) (*pagination.Page[organizations.Invitation], error) {
	return nil, notImplemented("ListOrganizationInvitations")
}

// AllOrganizationInvitations returns a *core.NotImplementedError.
func (Unimplemented) AllOrganizationInvitations(_ context.Context, _ string, _ *ListOrganizationInvitationsParams, _ ...core.RequestOption) iter.Seq2[*organizations.Invitation, error] {
	return transport.Fail[organizations.Invitation](notImplemented("AllOrganizationInvitations"))
}

// GetBillingSubscription returns a *core.NotImplementedError.
func (Unimplemented) GetBillingSubscription(_ context.Context, _ string, _ ...core.RequestOption) (*billing.Subscription, error) {
	return nil, notImplemented("GetBillingSubscription")
}

// GetBillingCreditBalance returns a *core.NotImplementedError.
func (Unimplemented) GetBillingCreditBalance(_ context.Context, _ string, _ ...core.RequestOption) (*billing.CreditBalance, error) {
	return nil, notImplemented("GetBillingCreditBalance")
}

// AdjustBillingCreditBalance returns a *core.NotImplementedError.
func (Unimplemented) AdjustBillingCreditBalance(_ context.Context, _ string, _ *billing.AdjustCreditBalanceParams, _ ...core.RequestOption) (*billing.CreditLedgerEntry, error) {
	return nil, notImplemented("AdjustBillingCreditBalance")
}
