package users

import "errors"

// Sentinels of the verification calls. The error returned wraps both the
// sentinel and the *clerk.APIError, so errors.Is and errors.As both work.
var (
	// ErrNoPassword: VerifyPassword was asked about a user who has no
	// password (the API's 400).
	ErrNoPassword = errors.New("clerk: user has no password")
	// ErrNoTOTP: VerifyTOTP was asked about a user who has neither TOTP
	// nor backup codes (the API's 400).
	ErrNoTOTP = errors.New("clerk: user has no TOTP configured")
)
