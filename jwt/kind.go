package jwt

import "strings"

// TokenKind names a kind of Clerk token. The names are those of Clerk's
// JavaScript SDK ("session_token", "m2m_token", "oauth_token", "api_key").
type TokenKind string

// Token kinds.
const (
	// SessionToken is a session token: a JWT signed by the instance key,
	// with "sid", header "cat" absent, "cl_B7d4PD111AAA" or
	// "cl_I7d4PD111III".
	SessionToken TokenKind = "session_token"
	// M2MToken is a machine-to-machine token: opaque ("mt_...") or a JWT
	// signed by the instance key whose "sub" is a machine ("mch_...") or
	// whose "cat" is "cl_B7d4PD333AAA".
	M2MToken TokenKind = "m2m_token"
	// OAuthToken is an OAuth access token: opaque ("oat_...") or a JWT with
	// header "typ" "at+jwt" (RFC 9068).
	OAuthToken TokenKind = "oauth_token"
	// APIKey is an API key ("ak_..."), always opaque.
	APIKey TokenKind = "api_key"
)

// Clerk token categories ("cat" header). Every kind of JWT an instance
// signs carries one, except tokens minted before categories existed.
const (
	catSession  = "cl_B7d4PD111AAA" // session tokens (and handshake tokens)
	catTemplate = "cl_B7d4PD222AAA" // JWT template tokens
	catM2M      = "cl_B7d4PD333AAA" // JWT-format M2M tokens
	// catIgnore is stamped on every class by instances that opted out of
	// categories: it says nothing about the kind.
	catIgnore = "cl_I7d4PD111III"
)

// Prefixes of opaque machine tokens.
const (
	m2mPrefix    = "mt_"
	oauthPrefix  = "oat_"
	apiKeyPrefix = "ak_"
	// machineSubjectPrefix starts the "sub" of an M2M JWT: a machine id.
	machineSubjectPrefix = "mch_"
)

// OpaqueKind reports the kind of an opaque machine token from its prefix:
// "mt_" an M2M token, "oat_" an OAuth access token, "ak_" an API key. ok is
// false for anything else, JWTs included (a JWT's first segment starts with
// "eyJ"). It looks at the prefix only: it says nothing about validity.
func OpaqueKind(token string) (kind TokenKind, ok bool) {
	switch {
	case strings.HasPrefix(token, m2mPrefix):
		return M2MToken, true
	case strings.HasPrefix(token, oauthPrefix):
		return OAuthToken, true
	case strings.HasPrefix(token, apiKeyPrefix):
		return APIKey, true
	}
	return "", false
}

// isOAuthTyp reports whether a "typ" header marks an OAuth access token.
func isOAuthTyp(typ string) bool {
	return strings.EqualFold(typ, "at+jwt") || strings.EqualFold(typ, "application/at+jwt")
}
