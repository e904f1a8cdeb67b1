package identity

import (
	"encoding/json"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
)

// Verification statuses, for Verification.Status.
const (
	VerificationUnverified = "unverified"
	VerificationVerified   = "verified"
	VerificationFailed     = "failed"
	VerificationExpired    = "expired"
)

// Verification is the state of one verification of an email address or
// phone number, as PrepareVerification and AttemptVerification answer it.
type Verification struct {
	// Object is the verification's kind, e.g. "verification_otp".
	Object string `json:"object"`
	// ID identifies the verification; AttemptVerification takes it as
	// AttemptVerificationParams.VerificationID.
	ID string `json:"id"`
	// Status is VerificationUnverified, VerificationVerified,
	// VerificationFailed or VerificationExpired.
	Status string `json:"status"`
	// Strategy is e.g. "email_code" or "phone_code".
	Strategy string `json:"strategy"`
	// Attempts counts the codes tried so far; nil when the API does not
	// say.
	Attempts *int `json:"attempts"`
	// ExpireAt is when the code stops being accepted; nil when the API
	// does not say.
	ExpireAt *time.Time `json:"expire_at"`
	// Channel is how the code was delivered (e.g. "sms"), nil when not
	// applicable.
	Channel *string `json:"channel"`
}

// UnmarshalJSON decodes the wire's Unix-millisecond expire_at.
func (v *Verification) UnmarshalJSON(b []byte) error {
	type plain Verification
	return json.Unmarshal(b, &struct {
		*plain
		ExpireAt transport.MillisPtr `json:"expire_at"`
	}{(*plain)(v), transport.MillisPtr{T: &v.ExpireAt}})
}

// AttemptVerificationParams is the body of AttemptVerification, for
// email addresses and phone numbers alike. Both fields are required.
type AttemptVerificationParams struct {
	// VerificationID is the ID PrepareVerification returned.
	VerificationID string `json:"verification_id"`
	// Code is the one-time code the user received.
	Code string `json:"code"`
}

func (p *AttemptVerificationParams) check() error {
	if p == nil {
		return transport.Invalid("params", "must not be nil: verification_id and code are required")
	}
	if err := transport.ValidateID("verification_id", p.VerificationID); err != nil {
		return err
	}
	return transport.ValidateID("code", p.Code)
}

// Identification statuses of a replacement email address or phone number
// (ReplaceForUser); the API's default is IdentificationVerified.
const (
	// IdentificationVerified: the replacement is verified.
	IdentificationVerified = "verified"
	// IdentificationReserved: unverified, yet usable for sign-in, and no
	// other user can claim it.
	IdentificationReserved = "reserved"
	// IdentificationUnverified: neither usable for sign-in nor reserved.
	// A user with no other verified or reserved identifier is locked out.
	IdentificationUnverified = "unverified"
)

func checkIdentificationStatus(s string) error {
	switch s {
	case "", IdentificationVerified, IdentificationReserved, IdentificationUnverified:
		return nil
	}
	return transport.Invalid("identification_status", "must be verified, reserved or unverified, got %q", s)
}
