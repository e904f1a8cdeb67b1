package jwt

import (
	"slices"
	"time"
)

// MachineClaims are the verified claims of a JWT-format machine token: an
// M2M token (subject a machine, "mch_...") or an OAuth access token
// (subject the user who granted access). Each call returns its own copy.
type MachineClaims struct {
	// Kind is M2MToken or OAuthToken.
	Kind TokenKind
	// ID is "jti": the token's id ("mt_..." or "oat_...").
	ID string
	// Subject is "sub": the machine ("mch_...") for M2M tokens, the user
	// for OAuth access tokens.
	Subject string
	// Issuer is "iss".
	Issuer string
	// Audience is "aud": for M2M tokens, the machines the token may reach.
	Audience []string
	// Scopes are "scopes" (M2M) or "scope" (OAuth), split on white space
	// when the claim is a string.
	Scopes []string
	// ClientID is "client_id": the OAuth application, for OAuth tokens.
	ClientID string
	// Expiry is "exp".
	Expiry time.Time
	// NotBefore is "nbf"; zero when absent.
	NotBefore time.Time
	// IssuedAt is "iat"; zero when absent.
	IssuedAt time.Time

	raw string
}

// newMachineClaims builds a caller-owned MachineClaims from verified claims.
func newMachineClaims(c *Claims, kind TokenKind) *MachineClaims {
	return &MachineClaims{
		Kind:      kind,
		ID:        c.ID,
		Subject:   c.Subject,
		Issuer:    c.Issuer,
		Audience:  slices.Clone(c.Audience),
		Scopes:    slices.Clone(c.scopes),
		ClientID:  c.clientID,
		Expiry:    c.Expiry,
		NotBefore: c.NotBefore,
		IssuedAt:  c.IssuedAt,
		raw:       c.raw,
	}
}

// HasScope reports whether the token grants scope.
func (m *MachineClaims) HasScope(scope string) bool {
	return scope != "" && slices.Contains(m.Scopes, scope)
}

// RawJSON returns a copy of the claim set's JSON text, as signed.
func (m *MachineClaims) RawJSON() []byte { return []byte(m.raw) }
