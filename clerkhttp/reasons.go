package clerkhttp

import (
	"errors"

	"github.com/clerkgo/clerk/jwt"
)

// Reason is a stable, machine-readable code for why a request is signed
// out or not allowed. It appears in [Auth] and in the JSON error bodies.
type Reason string

// Reasons a request is signed out (401, or 503 for ReasonKeyUnavailable).
const (
	// ReasonTokenMissing: no Bearer header and no session cookie.
	ReasonTokenMissing Reason = "token_missing"
	// ReasonMalformedToken: see [jwt.ErrMalformedToken].
	ReasonMalformedToken Reason = "malformed_token"
	// ReasonInvalidSignature: see [jwt.ErrInvalidSignature].
	ReasonInvalidSignature Reason = "invalid_signature"
	// ReasonTokenExpired: see [jwt.ErrTokenExpired]. The frontend should
	// fetch a fresh token.
	ReasonTokenExpired Reason = "token_expired"
	// ReasonTokenNotYetValid: see [jwt.ErrTokenNotYetValid].
	ReasonTokenNotYetValid Reason = "token_not_yet_valid"
	// ReasonUnauthorizedParty: see [jwt.ErrUnauthorizedParty]; also a cookie
	// token failing the CSRF check.
	ReasonUnauthorizedParty Reason = "unauthorized_party"
	// ReasonInvalidIssuer: see [jwt.ErrInvalidIssuer].
	ReasonInvalidIssuer Reason = "invalid_issuer"
	// ReasonUnknownKey: see [jwt.ErrUnknownKey].
	ReasonUnknownKey Reason = "unknown_key"
	// ReasonUnsupportedAlgorithm: see [jwt.ErrUnsupportedAlgorithm].
	ReasonUnsupportedAlgorithm Reason = "unsupported_algorithm"
	// ReasonUnsupportedTokenType: see [jwt.ErrUnsupportedTokenType].
	ReasonUnsupportedTokenType Reason = "unsupported_token_type"
	// ReasonKeyUnavailable: see [jwt.ErrKeyUnavailable]. Answered with 503:
	// the failure is the server's, not the token's.
	ReasonKeyUnavailable Reason = "key_unavailable"
	// ReasonInvalidToken: any other verification failure (for instance from
	// a custom [Verifier]).
	ReasonInvalidToken Reason = "invalid_token"
	// ReasonCookiePartyUnchecked: a cookie token while no authorized parties
	// are configured, so the CSRF check cannot run.
	ReasonCookiePartyUnchecked Reason = "cookie_party_unchecked"
	// ReasonMiddlewareMissing: a Require* handler ran without [Middleware].
	ReasonMiddlewareMissing Reason = "middleware_missing"
	// ReasonInvalidAudience: see [jwt.ErrInvalidAudience].
	ReasonInvalidAudience Reason = "invalid_audience"
	// ReasonSessionPending: a valid session with unfinished tasks ("sts"
	// pending), on a route that does not allow pending sessions (see
	// [AllowPending]).
	ReasonSessionPending Reason = "session_pending"
	// ReasonCSRFOriginMismatch: a cookie token on an unsafe request (not
	// GET, HEAD or OPTIONS) that does not come from an authorized party.
	ReasonCSRFOriginMismatch Reason = "csrf_origin_mismatch"
	// ReasonTokenKindNotAccepted: a valid-looking token of a kind the route
	// does not accept (see [AcceptTokens]), or a machine token in a cookie.
	ReasonTokenKindNotAccepted Reason = "token_kind_not_accepted"
	// ReasonAmbiguousCookie: several session cookies of the same name
	// (cookie tossing from a sibling subdomain, say).
	ReasonAmbiguousCookie Reason = "ambiguous_session_cookie"
	// ReasonVerifierUnavailable: an opaque machine token could not be
	// verified right now (the API is slow or down, or no [OpaqueVerifier]
	// is configured). Answered with 503.
	ReasonVerifierUnavailable Reason = "verifier_unavailable"
	// ReasonMisconfigured: the middleware's options are invalid (see
	// [Auth].Err). Answered with 503.
	ReasonMisconfigured Reason = "middleware_misconfigured"
)

// Reasons a signed-in request is not allowed (403).
const (
	// ReasonMissingRole: see [RequireRole].
	ReasonMissingRole Reason = "missing_role"
	// ReasonMissingPermission: see [RequirePermission].
	ReasonMissingPermission Reason = "missing_permission"
	// ReasonClaimsCheckFailed: see [RequireClaims].
	ReasonClaimsCheckFailed Reason = "claims_check_failed"
	// ReasonMissingScope: see [RequireScope].
	ReasonMissingScope Reason = "missing_scope"
)

// reasonFor maps a verification error to its reason.
func reasonFor(err error) Reason {
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		return ReasonTokenExpired
	case errors.Is(err, jwt.ErrMalformedToken):
		return ReasonMalformedToken
	case errors.Is(err, jwt.ErrInvalidSignature):
		return ReasonInvalidSignature
	case errors.Is(err, jwt.ErrTokenNotYetValid):
		return ReasonTokenNotYetValid
	case errors.Is(err, jwt.ErrUnauthorizedParty):
		return ReasonUnauthorizedParty
	case errors.Is(err, jwt.ErrInvalidIssuer):
		return ReasonInvalidIssuer
	case errors.Is(err, jwt.ErrInvalidAudience):
		return ReasonInvalidAudience
	case errors.Is(err, jwt.ErrUnknownKey):
		return ReasonUnknownKey
	case errors.Is(err, jwt.ErrUnsupportedAlgorithm):
		return ReasonUnsupportedAlgorithm
	case errors.Is(err, jwt.ErrUnsupportedTokenType):
		return ReasonUnsupportedTokenType
	case errors.Is(err, jwt.ErrKeyUnavailable):
		return ReasonKeyUnavailable
	}
	return ReasonInvalidToken
}

// messages are the human-readable texts of the JSON bodies.
var messages = map[Reason]string{
	ReasonTokenMissing:         "no session token in the Authorization header or the session cookie",
	ReasonMalformedToken:       "the session token is malformed",
	ReasonInvalidSignature:     "the session token's signature is invalid",
	ReasonTokenExpired:         "the session token has expired",
	ReasonTokenNotYetValid:     "the session token is not valid yet",
	ReasonUnauthorizedParty:    "the session token was issued for another origin",
	ReasonInvalidIssuer:        "the session token was issued by another instance",
	ReasonUnknownKey:           "the session token is signed with an unknown key",
	ReasonUnsupportedAlgorithm: "the session token uses an unsupported algorithm",
	ReasonUnsupportedTokenType: "the token is not a session token",
	ReasonKeyUnavailable:       "the session could not be verified right now; try again later",
	ReasonInvalidToken:         "the token is invalid",
	ReasonCookiePartyUnchecked: "session cookies are refused: no authorized parties are configured",
	ReasonMiddlewareMissing:    "authentication is not set up for this route",
	ReasonInvalidAudience:      "the token was issued for another audience",
	ReasonSessionPending:       "the session has pending tasks to finish first",
	ReasonCSRFOriginMismatch:   "the request does not come from an authorized origin",
	ReasonTokenKindNotAccepted: "this route does not accept this kind of token",
	ReasonAmbiguousCookie:      "the request carries several session cookies",
	ReasonVerifierUnavailable:  "the token could not be verified right now; try again later",
	ReasonMisconfigured:        "authentication is misconfigured on this server",
	ReasonMissingScope:         "the token lacks the required scope",
	ReasonMissingRole:          "the session lacks the required role",
	ReasonMissingPermission:    "the session lacks the required permission",
	ReasonClaimsCheckFailed:    "the session does not meet this route's requirements",
}

// Message returns the human-readable text for r.
func (r Reason) Message() string {
	if m, ok := messages[r]; ok {
		return m
	}
	return string(r)
}
