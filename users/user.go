package users

import (
	"encoding/json"
	"time"

	"github.com/clerkgo/clerk/organizations"
)

// User is a Clerk user. Metadata stays raw JSON; read it typed with
// clerk.DecodeMetadata or a TypedMetadata.
type User struct {
	ID     string `json:"id"`
	Object string `json:"object"`
	// ExternalID is your own ID for the user, if you set one.
	ExternalID            *string `json:"external_id"`
	PrimaryEmailAddressID *string `json:"primary_email_address_id"`
	PrimaryPhoneNumberID  *string `json:"primary_phone_number_id"`
	PrimaryWeb3WalletID   *string `json:"primary_web3_wallet_id"`
	Username              *string `json:"username"`
	FirstName             *string `json:"first_name"`
	LastName              *string `json:"last_name"`
	Locale                *string `json:"locale,omitempty"`
	// ProfileImageURL is kept for older callers.
	//
	// Deprecated: use ImageURL.
	ProfileImageURL string `json:"profile_image_url,omitempty"`
	// ImageURL is the profile image, or a generated avatar when HasImage
	// is false.
	ImageURL string `json:"image_url,omitempty"`
	HasImage bool   `json:"has_image"`

	// PublicMetadata: backend writes, frontend reads.
	PublicMetadata json.RawMessage `json:"public_metadata"`
	// PrivateMetadata: backend only; may be null.
	PrivateMetadata json.RawMessage `json:"private_metadata,omitempty"`
	// UnsafeMetadata: the user may write it from the frontend; never trust
	// it for authorization.
	UnsafeMetadata json.RawMessage `json:"unsafe_metadata,omitempty"`

	EmailAddresses     []EmailAddress      `json:"email_addresses"`
	PhoneNumbers       []PhoneNumber       `json:"phone_numbers"`
	Web3Wallets        []Web3Wallet        `json:"web3_wallets"`
	Passkeys           []Passkey           `json:"passkeys"`
	ExternalAccounts   []ExternalAccount   `json:"external_accounts"`
	SAMLAccounts       []SAMLAccount       `json:"saml_accounts"`
	EnterpriseAccounts []EnterpriseAccount `json:"enterprise_accounts"`
	// OrganizationMemberships is only filled by reads that embed them.
	OrganizationMemberships []organizations.Membership `json:"organization_memberships,omitempty"`

	PasswordEnabled   bool `json:"password_enabled"`
	TwoFactorEnabled  bool `json:"two_factor_enabled"`
	TOTPEnabled       bool `json:"totp_enabled"`
	BackupCodeEnabled bool `json:"backup_code_enabled"`
	// MFAEnabledAt is when MFA was last enabled; it is kept after MFA is
	// disabled again.
	MFAEnabledAt *time.Time `json:"mfa_enabled_at"`
	// MFADisabledAt is when MFA was last disabled; it is kept after MFA is
	// enabled again.
	MFADisabledAt         *time.Time `json:"mfa_disabled_at"`
	PasswordLastUpdatedAt *time.Time `json:"password_last_updated_at,omitempty"`

	Banned bool `json:"banned"`
	// Locked users cannot sign in until LockoutExpiresIn passes (nil
	// while locked: never) or they are unlocked.
	Locked        bool `json:"locked"`
	Deprovisioned bool `json:"deprovisioned,omitempty"`
	// LockoutExpiresIn is how long the lockout still lasts (the wire's
	// lockout_expires_in_seconds); nil when not locked or locked for good.
	LockoutExpiresIn *time.Duration `json:"lockout_expires_in_seconds"`
	// VerificationAttemptsRemaining is nil when account lockout is off.
	VerificationAttemptsRemaining *int64 `json:"verification_attempts_remaining"`

	DeleteSelfEnabled         bool `json:"delete_self_enabled"`
	CreateOrganizationEnabled bool `json:"create_organization_enabled"`
	// CreateOrganizationsLimit: 0 or nil means no limit.
	CreateOrganizationsLimit *int `json:"create_organizations_limit,omitempty"`
	// BypassClientTrust skips Device Trust checks at sign-in.
	BypassClientTrust bool `json:"bypass_client_trust,omitempty"`

	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
	LastSignInAt *time.Time `json:"last_sign_in_at"`
	// LastActiveAt has day precision.
	LastActiveAt    *time.Time `json:"last_active_at"`
	LegalAcceptedAt *time.Time `json:"legal_accepted_at"`

	// SCIM is only sent in user.created and user.updated webhooks for
	// users provisioned through a directory.
	SCIM *SCIMUserMetadata `json:"scim,omitempty"`
}

// PrimaryEmailAddress returns the user's primary email address, or nil
// when there is none.
func (u *User) PrimaryEmailAddress() *EmailAddress {
	if u == nil || u.PrimaryEmailAddressID == nil {
		return nil
	}
	for i := range u.EmailAddresses {
		if u.EmailAddresses[i].ID == *u.PrimaryEmailAddressID {
			return &u.EmailAddresses[i]
		}
	}
	return nil
}

// PrimaryPhoneNumber returns the user's primary phone number, or nil when
// there is none.
func (u *User) PrimaryPhoneNumber() *PhoneNumber {
	if u == nil || u.PrimaryPhoneNumberID == nil {
		return nil
	}
	for i := range u.PhoneNumbers {
		if u.PhoneNumbers[i].ID == *u.PrimaryPhoneNumberID {
			return &u.PhoneNumbers[i]
		}
	}
	return nil
}

// SCIMUserMetadata links a user to the directory that provisioned it.
type SCIMUserMetadata struct {
	DirectoryID string `json:"directory_id"`
	// DirectoryEnabled is left out by the API when false.
	DirectoryEnabled bool `json:"directory_enabled,omitempty"`
	// ExternalID is the user's ID in the directory, if it reports one.
	ExternalID *string `json:"external_id"`
}
