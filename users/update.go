package users

import (
	"context"
	"github.com/clerkgo/clerk/core"
	"net/http"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
)

// UpdateParams are the fields to change; nil fields are left untouched.
// Metadata is not here: since API version 2026-05-12 this endpoint refuses
// it, so use UpdateMetadata (merge) or ReplaceMetadata.
type UpdateParams struct {
	ExternalID *string `json:"external_id,omitempty"`
	FirstName  *string `json:"first_name,omitempty"`
	LastName   *string `json:"last_name,omitempty"`
	Locale     *string `json:"locale,omitempty"`
	// PrimaryEmailAddressID must name a verified address of the user.
	PrimaryEmailAddressID *string `json:"primary_email_address_id,omitempty"`
	// NotifyPrimaryEmailAddressChanged emails the user about the change
	// (default false).
	NotifyPrimaryEmailAddressChanged *bool `json:"notify_primary_email_address_changed,omitempty"`
	// PrimaryPhoneNumberID must name a verified number of the user.
	PrimaryPhoneNumberID *string `json:"primary_phone_number_id,omitempty"`
	// PrimaryWeb3WalletID must name a verified wallet of the user.
	PrimaryWeb3WalletID *string `json:"primary_web3_wallet_id,omitempty"`
	// Username: clerk.Ptr("") removes it.
	Username *string `json:"username,omitempty"`
	// ProfileImageID is an uploaded image's ID; see also UploadProfileImage.
	ProfileImageID *string `json:"profile_image_id,omitempty"`
	Password       *string `json:"password,omitempty"`
	PasswordDigest *string `json:"password_digest,omitempty"`
	PasswordHasher *string `json:"password_hasher,omitempty"`
	// SkipPasswordChecks and SignOutOfOtherSessions only apply together
	// with Password.
	SkipPasswordChecks     *bool    `json:"skip_password_checks,omitempty"`
	SignOutOfOtherSessions *bool    `json:"sign_out_of_other_sessions,omitempty"`
	TOTPSecret             *string  `json:"totp_secret,omitempty"`
	BackupCodes            []string `json:"backup_codes,omitempty"`
	DeleteSelfEnabled      *bool    `json:"delete_self_enabled,omitempty"`
	// CreateOrganizationEnabled lets the user create organizations from
	// the frontend.
	CreateOrganizationEnabled *bool `json:"create_organization_enabled,omitempty"`
	// LegalAcceptedAt is sent as RFC 3339.
	LegalAcceptedAt *time.Time `json:"legal_accepted_at,omitempty"`
	SkipLegalChecks *bool      `json:"skip_legal_checks,omitempty"`
	// CreateOrganizationsLimit: 0 means no limit.
	CreateOrganizationsLimit *int `json:"create_organizations_limit,omitempty"`
	// CreatedAt backdates the sign-up (sent as RFC 3339).
	CreatedAt         *time.Time `json:"created_at,omitempty"`
	BypassClientTrust *bool      `json:"bypass_client_trust,omitempty"`
}

// Update changes the user's attributes (not metadata: use UpdateMetadata).
// Like every PATCH outside the retry table's replay-safe list (metadata
// merges), it is not replayed after it may have reached the API.
//
// API: PATCH /users/{user_id} (UpdateUser)
func (s *Service) Update(ctx context.Context, userID string, params *UpdateParams, opts ...core.RequestOption) (*User, error) {
	path, err := transport.Path("/users/{user_id}", userID)
	if err != nil {
		return nil, err
	}
	if params == nil {
		params = &UpdateParams{}
	}
	u := new(User)
	// Not in the retry table's replay-safe list: a PATCH that may have
	// reached the API is not sent again.
	req := &transport.Request{Method: http.MethodPatch, Path: path, Body: params, Replay: transport.NotReplaySafe, Options: opts}
	if err := s.b.Do(ctx, req, u); err != nil {
		return nil, err
	}
	return u, nil
}
