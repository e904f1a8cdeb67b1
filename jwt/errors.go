package jwt

import (
	"errors"
	"fmt"
)

// Sentinel errors returned by [Verifier.Verify]. Every failure wraps exactly
// one of them (with detail), so callers branch with [errors.Is]:
//
//	if errors.Is(err, jwt.ErrTokenExpired) { ... }
var (
	// ErrMalformedToken reports a token that is not a well-formed compact JWS
	// with the claims this package requires: wrong number of segments,
	// oversize, non-canonical base64url, invalid or duplicate-keyed JSON,
	// invalid UTF-8, a registered claim of the wrong type, or a missing
	// "exp" or "sub" claim.
	ErrMalformedToken = errors.New("jwt: malformed token")

	// ErrInvalidSignature reports a signature that does not verify with the
	// key the token names.
	ErrInvalidSignature = errors.New("jwt: invalid signature")

	// ErrTokenExpired reports a token whose "exp" is in the past (beyond the
	// leeway).
	ErrTokenExpired = errors.New("jwt: token expired")

	// ErrTokenNotYetValid reports a token whose "nbf" or "iat" is in the
	// future (beyond the leeway).
	ErrTokenNotYetValid = errors.New("jwt: token not yet valid")

	// ErrUnauthorizedParty reports an "azp" claim that is missing or not
	// among the authorized parties configured with [WithAuthorizedParties].
	ErrUnauthorizedParty = errors.New("jwt: unauthorized party")

	// ErrInvalidAudience reports an "aud" claim the verifier does not
	// accept: any "aud" on a session token unless [WithAudience] names it
	// (JWT template tokens carry one; session tokens do not), or a machine
	// token naming none of the audiences set with WithAudience.
	ErrInvalidAudience = errors.New("jwt: invalid audience")

	// ErrInvalidIssuer reports an "iss" claim different from the issuer
	// configured with [WithIssuer].
	ErrInvalidIssuer = errors.New("jwt: invalid issuer")

	// ErrUnknownKey reports a "kid" the key source does not know. The error
	// returned by Verify is an [*UnknownKeyError] carrying the kid.
	ErrUnknownKey = errors.New("jwt: unknown key")

	// ErrUnsupportedAlgorithm reports an "alg" header this package does not
	// accept ("none", HMAC, RS512, ...) or one that does not match the key's
	// type: an RSA key verifies RS256 only, an EC P-256 key ES256 only and an
	// Ed25519 key EdDSA only.
	ErrUnsupportedAlgorithm = errors.New("jwt: unsupported algorithm")

	// ErrUnsupportedTokenType reports a well-formed token of a kind the
	// call does not accept: a "typ" other than JWT or at+jwt, any "cty"
	// (nested token), a "crit" extension, a JWT template token ("cat"
	// cl_B7d4PD222AAA, or no "sid"), an unknown Clerk token category, a
	// machine token given to Verify or a session token given to
	// VerifyMachine.
	ErrUnsupportedTokenType = errors.New("jwt: unsupported token type")

	// ErrKeyUnavailable reports a key source that could not answer, for
	// example a JWKS that could not be fetched and has never been fetched
	// before. It says nothing about the token; the wrapped error tells why.
	ErrKeyUnavailable = errors.New("jwt: verification key unavailable")
)

// UnknownKeyError is the error for a "kid" the key source does not know. It
// matches [ErrUnknownKey] with [errors.Is].
type UnknownKeyError struct {
	// KID is the key id named by the token (truncated to 64 bytes).
	KID string
}

// Error implements the error interface.
func (e *UnknownKeyError) Error() string {
	return fmt.Sprintf("%v: kid %q", ErrUnknownKey, e.KID)
}

// Unwrap returns [ErrUnknownKey].
func (e *UnknownKeyError) Unwrap() error { return ErrUnknownKey }

// newUnknownKeyError builds an UnknownKeyError with a bounded kid, since the
// kid comes from an untrusted header and may end up in logs.
func newUnknownKeyError(kid string) *UnknownKeyError {
	return &UnknownKeyError{KID: truncate(kid, 64)}
}

// truncate shortens s to at most n bytes without splitting a UTF-8 sequence.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// malformed wraps ErrMalformedToken with a detail message.
func malformed(detail string) error {
	return fmt.Errorf("%w: %s", ErrMalformedToken, detail)
}

// errNilContext refuses a nil context: no key can be looked up under it.
// It says nothing about the token.
var errNilContext = fmt.Errorf("%w: nil context", ErrKeyUnavailable)
