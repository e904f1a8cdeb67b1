package users

import (
	"context"
	"encoding/json"
	"github.com/clerkgo/clerk/core"
	"net/http"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
)

// CreateParams are the fields of a new user. Which identifiers are required
// depends on the instance's settings. Every field is optional for the API:
// zero values are left out, and the few fields whose zero value means
// something (false, 0) are pointers.
type CreateParams struct {
	// ExternalID is your own ID for the user; unique in the instance.
	ExternalID string `json:"external_id,omitempty"`
	FirstName  string `json:"first_name,omitempty"`
	LastName   string `json:"last_name,omitempty"`
	// Locale such as "en-US".
	Locale string `json:"locale,omitempty"`
	// EmailAddresses: the first becomes the primary one. They are created
	// verified unless EmailAddressIdentificationStatus says otherwise.
	EmailAddresses []string `json:"email_address,omitempty"`
	// EmailAddressIdentificationStatus holds "verified" or "reserved" for
	// each email address, by position; empty means all verified.
	EmailAddressIdentificationStatus []string `json:"email_address_identification_status,omitempty"`
	// PhoneNumbers: the first becomes the primary one.
	PhoneNumbers []string `json:"phone_number,omitempty"`
	// PhoneNumberIdentificationStatus holds "verified" or "reserved" for
	// each phone number, by position; empty means all verified.
	PhoneNumberIdentificationStatus []string `json:"phone_number_identification_status,omitempty"`
	// Web3Wallets: the first becomes the primary one.
	Web3Wallets []string `json:"web3_wallet,omitempty"`
	Username    string   `json:"username,omitempty"`
	// Password in plain text (at least 8 characters, not a known-breached
	// one unless SkipPasswordChecks).
	Password string `json:"password,omitempty"`
	// PasswordDigest imports an existing hash; name its algorithm in
	// PasswordHasher ("bcrypt", "argon2id", "scrypt_firebase", ...).
	PasswordDigest string `json:"password_digest,omitempty"`
	PasswordHasher string `json:"password_hasher,omitempty"`
	// SkipPasswordChecks is meant for migrations of plain-text passwords.
	SkipPasswordChecks bool `json:"skip_password_checks,omitempty"`
	// SkipPasswordRequirement allows a user with no password on an
	// instance that uses passwords.
	SkipPasswordRequirement bool `json:"skip_password_requirement,omitempty"`
	// TOTPSecret enables TOTP (30 s period, 6 digits, SHA1) at once.
	TOTPSecret string `json:"totp_secret,omitempty"`
	// BackupCodes in plain text or as bcrypt digests.
	BackupCodes []string `json:"backup_codes,omitempty"`

	// PublicMetadata, PrivateMetadata and UnsafeMetadata take any value that
	// marshals to a JSON object (a map, a struct, a json.RawMessage); other
	// values fail before any request. Nil leaves the field out.
	PublicMetadata  any `json:"-"`
	PrivateMetadata any `json:"-"`
	UnsafeMetadata  any `json:"-"`

	// DeleteSelfEnabled overrides the instance's setting (nil: keep it).
	DeleteSelfEnabled *bool `json:"delete_self_enabled,omitempty"`
	// LegalAcceptedAt is when the user accepted your legal terms (sent as
	// RFC 3339; zero: not sent).
	LegalAcceptedAt time.Time `json:"legal_accepted_at,omitzero"`
	// SkipLegalChecks is meant for migrations.
	SkipLegalChecks bool `json:"skip_legal_checks,omitempty"`
	// SkipUserRequirement lets a user be created without the identifiers
	// the instance requires (they are asked for them at sign-in).
	SkipUserRequirement bool `json:"skip_user_requirement,omitempty"`
	// CreateOrganizationEnabled overrides the instance's setting (nil:
	// keep it).
	CreateOrganizationEnabled *bool `json:"create_organization_enabled,omitempty"`
	// CreateOrganizationsLimit: 0 means no limit; nil keeps the instance's
	// setting.
	CreateOrganizationsLimit *int `json:"create_organizations_limit,omitempty"`
	// CreatedAt backdates the sign-up (migrations; sent as RFC 3339; zero:
	// now).
	CreatedAt         time.Time `json:"created_at,omitzero"`
	BypassClientTrust bool      `json:"bypass_client_trust,omitempty"`
	// Banned creates the user already banned (needs the plan that allows
	// bans).
	Banned bool `json:"banned,omitempty"`
	// Locked creates the user already locked (needs user lockout enabled).
	Locked bool `json:"locked,omitempty"`
}

// createBody adds the validated metadata to the other fields; the outer
// fields win over the json:"-" ones of the embedded params.
type createBody struct {
	*CreateParams
	PublicMetadata  json.RawMessage `json:"public_metadata,omitempty"`
	PrivateMetadata json.RawMessage `json:"private_metadata,omitempty"`
	UnsafeMetadata  json.RawMessage `json:"unsafe_metadata,omitempty"`
}

// Create creates a user. It is not replayed after it may have reached the
// API (that could create the user twice): such failures match
// clerk.ErrOutcomeUnknown, and a Get or List by email address or external
// ID tells whether the user exists.
//
// API: POST /users (CreateUser)
func (s *Service) Create(ctx context.Context, params *CreateParams, opts ...core.RequestOption) (*User, error) {
	if params == nil {
		params = &CreateParams{}
	}
	md, err := transport.MetadataBody(params.PublicMetadata, params.PrivateMetadata, params.UnsafeMetadata)
	if err != nil {
		return nil, err
	}
	body := &createBody{
		CreateParams:    params,
		PublicMetadata:  md.PublicMetadata,
		PrivateMetadata: md.PrivateMetadata,
		UnsafeMetadata:  md.UnsafeMetadata,
	}
	u := new(User)
	req := &transport.Request{Method: http.MethodPost, Path: "/users", Body: body, Replay: transport.NotReplaySafe, Options: opts}
	if err := s.b.Do(ctx, req, u); err != nil {
		return nil, err
	}
	return u, nil
}
