package clerktest

import (
	"encoding/json"
	"strings"
)

// user is a stored user.
type user struct {
	id  string
	seq int64

	externalID, username, firstName, lastName, locale *string

	emails, phones                 []*identification
	primaryEmailID, primaryPhoneID *string

	password          *string
	passwordUpdatedAt *int64
	totp, backupCodes bool
	mfaEnabledAt      *int64
	mfaDisabledAt     *int64

	pub, priv, unsafe map[string]any

	banned, locked bool

	createdAt, updatedAt       int64
	lastSignInAt, lastActiveAt *int64
	legalAcceptedAt            *int64

	deleteSelfEnabled, createOrgEnabled bool
	createOrgsLimit                     *int64
	bypassClientTrust                   bool

	// extras holds what the less common operations keep (profile image,
	// TOTP secret, backup codes): see handlers_extras.go.
	extras userExtras
}

// identification is an email address or phone number of a user (idn_…).
type identification struct {
	id                   string
	value                string
	reserved             bool
	createdAt, updatedAt int64

	// custom: verif is the verification (set by the identity
	// endpoints); otherwise it is derived from reserved.
	custom                     bool
	verif                      *verificationJSON
	reservedFor2FA, default2FA bool
}

// userJSON is the spec's User schema: every required field, always.
type userJSON struct {
	ID                            string            `json:"id"`
	Object                        string            `json:"object"`
	ExternalID                    *string           `json:"external_id"`
	PrimaryEmailAddressID         *string           `json:"primary_email_address_id"`
	PrimaryPhoneNumberID          *string           `json:"primary_phone_number_id"`
	PrimaryWeb3WalletID           *string           `json:"primary_web3_wallet_id"`
	Username                      *string           `json:"username"`
	FirstName                     *string           `json:"first_name"`
	LastName                      *string           `json:"last_name"`
	Locale                        *string           `json:"locale"`
	ProfileImageURL               string            `json:"profile_image_url"`
	ImageURL                      string            `json:"image_url"`
	HasImage                      bool              `json:"has_image"`
	PublicMetadata                map[string]any    `json:"public_metadata"`
	PrivateMetadata               map[string]any    `json:"private_metadata"`
	UnsafeMetadata                map[string]any    `json:"unsafe_metadata"`
	EmailAddresses                []emailJSON       `json:"email_addresses"`
	PhoneNumbers                  []phoneJSON       `json:"phone_numbers"`
	Web3Wallets                   []json.RawMessage `json:"web3_wallets"`
	Passkeys                      []json.RawMessage `json:"passkeys"`
	PasswordEnabled               bool              `json:"password_enabled"`
	TwoFactorEnabled              bool              `json:"two_factor_enabled"`
	TOTPEnabled                   bool              `json:"totp_enabled"`
	BackupCodeEnabled             bool              `json:"backup_code_enabled"`
	MFAEnabledAt                  *int64            `json:"mfa_enabled_at"`
	MFADisabledAt                 *int64            `json:"mfa_disabled_at"`
	PasswordLastUpdatedAt         *int64            `json:"password_last_updated_at"`
	ExternalAccounts              []json.RawMessage `json:"external_accounts"`
	SAMLAccounts                  []json.RawMessage `json:"saml_accounts"`
	EnterpriseAccounts            []json.RawMessage `json:"enterprise_accounts"`
	LastSignInAt                  *int64            `json:"last_sign_in_at"`
	Banned                        bool              `json:"banned"`
	Locked                        bool              `json:"locked"`
	LockoutExpiresInSeconds       *int64            `json:"lockout_expires_in_seconds"`
	VerificationAttemptsRemaining *int64            `json:"verification_attempts_remaining"`
	UpdatedAt                     int64             `json:"updated_at"`
	CreatedAt                     int64             `json:"created_at"`
	DeleteSelfEnabled             bool              `json:"delete_self_enabled"`
	CreateOrganizationEnabled     bool              `json:"create_organization_enabled"`
	CreateOrganizationsLimit      *int64            `json:"create_organizations_limit"`
	LastActiveAt                  *int64            `json:"last_active_at"`
	LegalAcceptedAt               *int64            `json:"legal_accepted_at"`
	BypassClientTrust             bool              `json:"bypass_client_trust"`
}

// verificationJSON is the spec's verification_admin: addresses created
// through the Backend API are verified by the admin strategy. Its object
// field keeps the oneOf of the spec unambiguous.
type verificationJSON struct {
	Object   string `json:"object"`
	Status   string `json:"status"`
	Strategy string `json:"strategy"`
	Attempts *int64 `json:"attempts"`
	ExpireAt *int64 `json:"expire_at"`
}

type identificationLink struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

type emailJSON struct {
	ID           string               `json:"id"`
	Object       string               `json:"object"`
	EmailAddress string               `json:"email_address"`
	Reserved     bool                 `json:"reserved"`
	Verification *verificationJSON    `json:"verification"`
	LinkedTo     []identificationLink `json:"linked_to"`
	CreatedAt    int64                `json:"created_at"`
	UpdatedAt    int64                `json:"updated_at"`
}

type phoneJSON struct {
	ID                      string               `json:"id"`
	Object                  string               `json:"object"`
	PhoneNumber             string               `json:"phone_number"`
	ReservedForSecondFactor bool                 `json:"reserved_for_second_factor"`
	DefaultSecondFactor     bool                 `json:"default_second_factor"`
	Reserved                bool                 `json:"reserved"`
	Verification            *verificationJSON    `json:"verification"`
	LinkedTo                []identificationLink `json:"linked_to"`
	CreatedAt               int64                `json:"created_at"`
	UpdatedAt               int64                `json:"updated_at"`
}

// imageURL is the placeholder avatar every user and organization gets.
const imageURL = "https://img.clerk.com/eyJ0eXBlIjoiZGVmYXVsdCJ9"

func verification(reserved bool) *verificationJSON {
	if reserved {
		// Reserved identifications are unverified: no verification yet.
		return nil
	}
	return &verificationJSON{Object: "verification_admin", Status: "verified", Strategy: "admin"}
}

func (u *user) json() userJSON {
	out := userJSON{
		ID:                        u.id,
		Object:                    "user",
		ExternalID:                u.externalID,
		PrimaryEmailAddressID:     u.primaryEmailID,
		PrimaryPhoneNumberID:      u.primaryPhoneID,
		Username:                  u.username,
		FirstName:                 u.firstName,
		LastName:                  u.lastName,
		Locale:                    u.locale,
		ProfileImageURL:           imageURL,
		ImageURL:                  imageURL,
		PublicMetadata:            cloneMetadata(u.pub),
		PrivateMetadata:           cloneMetadata(u.priv),
		UnsafeMetadata:            cloneMetadata(u.unsafe),
		EmailAddresses:            make([]emailJSON, 0, len(u.emails)),
		PhoneNumbers:              make([]phoneJSON, 0, len(u.phones)),
		Web3Wallets:               []json.RawMessage{},
		Passkeys:                  []json.RawMessage{},
		PasswordEnabled:           u.password != nil,
		TwoFactorEnabled:          u.totp || u.backupCodes,
		TOTPEnabled:               u.totp,
		BackupCodeEnabled:         u.backupCodes,
		MFAEnabledAt:              u.mfaEnabledAt,
		MFADisabledAt:             u.mfaDisabledAt,
		PasswordLastUpdatedAt:     u.passwordUpdatedAt,
		ExternalAccounts:          []json.RawMessage{},
		SAMLAccounts:              []json.RawMessage{},
		EnterpriseAccounts:        []json.RawMessage{},
		LastSignInAt:              u.lastSignInAt,
		Banned:                    u.banned,
		Locked:                    u.locked,
		UpdatedAt:                 u.updatedAt,
		CreatedAt:                 u.createdAt,
		DeleteSelfEnabled:         u.deleteSelfEnabled,
		CreateOrganizationEnabled: u.createOrgEnabled,
		CreateOrganizationsLimit:  u.createOrgsLimit,
		LastActiveAt:              u.lastActiveAt,
		LegalAcceptedAt:           u.legalAcceptedAt,
		BypassClientTrust:         u.bypassClientTrust,
	}
	if u.extras.imageURL != "" {
		out.ImageURL, out.ProfileImageURL, out.HasImage = u.extras.imageURL, u.extras.imageURL, true
	}
	for _, e := range u.emails {
		out.EmailAddresses = append(out.EmailAddresses, emailJSON{
			ID: e.id, Object: "email_address", EmailAddress: e.value, Reserved: e.reserved,
			Verification: e.verificationState(), LinkedTo: []identificationLink{},
			CreatedAt: e.createdAt, UpdatedAt: e.updatedAt,
		})
	}
	for _, p := range u.phones {
		out.PhoneNumbers = append(out.PhoneNumbers, phoneJSON{
			ID: p.id, Object: "phone_number", PhoneNumber: p.value, Reserved: p.reserved,
			ReservedForSecondFactor: p.reservedFor2FA, DefaultSecondFactor: p.default2FA,
			Verification: p.verificationState(), LinkedTo: []identificationLink{},
			CreatedAt: p.createdAt, UpdatedAt: p.updatedAt,
		})
	}
	return out
}

// primaryEmail is the user's primary email address, "" when none.
func (u *user) primaryEmail() string {
	for _, e := range u.emails {
		if u.primaryEmailID != nil && e.id == *u.primaryEmailID {
			return e.value
		}
	}
	return ""
}

// identifier is what Clerk shows for a user in public data: the primary
// email, else the primary phone, else the username.
func (u *user) identifier() string {
	if e := u.primaryEmail(); e != "" {
		return e
	}
	for _, p := range u.phones {
		if u.primaryPhoneID != nil && p.id == *u.primaryPhoneID {
			return p.value
		}
	}
	if u.username != nil {
		return *u.username
	}
	return ""
}

func (u *user) hasEmail(addr string) bool {
	for _, e := range u.emails {
		if strings.EqualFold(e.value, addr) {
			return true
		}
	}
	return false
}

func (u *user) hasPhone(num string) bool {
	for _, p := range u.phones {
		if p.value == num {
			return true
		}
	}
	return false
}

// lookupUser finds a user or answers 404.
func (st *state) lookupUser(id string) (*user, *apiError) {
	u, ok := st.users[id]
	if !ok {
		return nil, errNotFound("user", id)
	}
	return u, nil
}

// emailOwner returns the user holding addr (case-insensitive), if any.
func (st *state) emailOwner(addr string) *user {
	for _, u := range st.users {
		if u.hasEmail(addr) {
			return u
		}
	}
	return nil
}

// checkUnique refuses identifiers another user already holds; self is the
// user being updated ("" on create).
func (st *state) checkUnique(self string, emails, phones []string, username, externalID *string) *apiError {
	seen := map[string]bool{}
	for _, e := range emails {
		k := strings.ToLower(e)
		if seen[k] {
			return errTaken("email_address", e)
		}
		seen[k] = true
	}
	for _, u := range st.users {
		if u.id == self {
			continue
		}
		for _, e := range emails {
			if u.hasEmail(e) {
				return errTaken("email_address", e)
			}
		}
		for _, p := range phones {
			if u.hasPhone(p) {
				return errTaken("phone_number", p)
			}
		}
		if username != nil && u.username != nil && strings.EqualFold(*u.username, *username) {
			return errTaken("username", *username)
		}
		if externalID != nil && u.externalID != nil && *u.externalID == *externalID {
			return errTaken("external_id", *externalID)
		}
	}
	return nil
}

// removeUser deletes a user and what hangs off it.
func (st *state) removeUser(id string) {
	delete(st.users, id)
	for mid, m := range st.memberships {
		if m.userID == id {
			delete(st.memberships, mid)
		}
	}
	for sid, s := range st.sessions {
		if s.userID == id {
			delete(st.sessions, sid)
		}
	}
}
