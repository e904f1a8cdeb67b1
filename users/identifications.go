package users

import (
	"encoding/json"
	"time"
)

// EmailAddress is one of a user's email addresses.
type EmailAddress struct {
	ID           string `json:"id"`
	Object       string `json:"object"`
	EmailAddress string `json:"email_address"`
	// Reserved addresses are unverified but usable for sign-in, and no
	// other user can claim them.
	Reserved bool `json:"reserved"`
	// Verification is nil when the address was never verified.
	Verification *Verification `json:"verification"`
	// LinkedTo lists the OAuth accounts this address came from.
	LinkedTo []IdentificationLink `json:"linked_to"`
	// MatchesSSOConnection is true when the domain has an active
	// enterprise connection.
	MatchesSSOConnection bool      `json:"matches_sso_connection,omitempty"`
	CreatedAt            time.Time `json:"created_at"`
	UpdatedAt            time.Time `json:"updated_at"`
}

// Verified reports whether the address has a verified verification.
func (e *EmailAddress) Verified() bool {
	return e != nil && e.Verification != nil && e.Verification.Status == "verified"
}

// PhoneNumber is one of a user's phone numbers.
type PhoneNumber struct {
	ID          string `json:"id"`
	Object      string `json:"object"`
	PhoneNumber string `json:"phone_number"`
	// ReservedForSecondFactor: the number is used for MFA only.
	ReservedForSecondFactor bool                 `json:"reserved_for_second_factor,omitempty"`
	DefaultSecondFactor     bool                 `json:"default_second_factor,omitempty"`
	Reserved                bool                 `json:"reserved"`
	Verification            *Verification        `json:"verification"`
	LinkedTo                []IdentificationLink `json:"linked_to"`
	// BackupCodes are only returned right after they were generated.
	BackupCodes []string  `json:"backup_codes,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Verified reports whether the number has a verified verification.
func (p *PhoneNumber) Verified() bool {
	return p != nil && p.Verification != nil && p.Verification.Status == "verified"
}

// Web3Wallet is one of a user's web3 wallets.
type Web3Wallet struct {
	ID           string        `json:"id"`
	Object       string        `json:"object"`
	Web3Wallet   string        `json:"web3_wallet"`
	Verification *Verification `json:"verification"`
	CreatedAt    time.Time     `json:"created_at"`
	UpdatedAt    time.Time     `json:"updated_at"`
}

// Passkey is one of a user's passkeys.
type Passkey struct {
	ID           string        `json:"id"`
	Object       string        `json:"object"`
	Name         string        `json:"name"`
	LastUsedAt   time.Time     `json:"last_used_at"`
	Verification *Verification `json:"verification"`
}

// IdentificationLink ties an identification to the account it came from.
type IdentificationLink struct {
	// Type is the provider, e.g. "oauth_google".
	Type string `json:"type"`
	ID   string `json:"id"`
}

// Verification is the state of an identification's verification. The API
// has one shape per strategy (otp, admin, oauth, saml, ticket, email link,
// web3, passkey, ...); they share Status, Strategy, Attempts and ExpireAt,
// and this type carries the union of their fields, Object telling which one
// it is (e.g. "verification_otp").
type Verification struct {
	Object string `json:"object,omitempty"`
	// Status is e.g. "unverified", "verified", "failed", "expired" or
	// "transferable".
	Status string `json:"status"`
	// Strategy is e.g. "email_code", "admin", "oauth_google", "saml".
	Strategy string `json:"strategy"`
	Attempts *int   `json:"attempts"`
	// ExpireAt is when the verification attempt expires.
	ExpireAt *time.Time `json:"expire_at"`
	// Channel is how an OTP was delivered (otp verifications).
	Channel *string `json:"channel,omitempty"`
	// VerifiedAtClient is the client that completed the verification.
	VerifiedAtClient *string `json:"verified_at_client,omitempty"`
	// ExternalVerificationRedirectURL is where an OAuth or SAML flow
	// continues (oauth and saml verifications).
	ExternalVerificationRedirectURL *string `json:"external_verification_redirect_url,omitempty"`
	// Error explains a failed OAuth or SAML verification.
	Error *VerificationError `json:"error,omitempty"`
	// Nonce and Message belong to web3 and passkey verifications.
	Nonce   *string `json:"nonce,omitempty"`
	Message *string `json:"message,omitempty"`
}

// VerificationError is the error a failed OAuth or SAML verification
// carries.
type VerificationError struct {
	Code        string          `json:"code"`
	Message     string          `json:"message"`
	LongMessage string          `json:"long_message"`
	Meta        json.RawMessage `json:"meta,omitempty"`
}
