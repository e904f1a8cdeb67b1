package machines

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/clerkgo/clerk/core"
)

// Kinds of machine credential a Verifier tells apart.
const (
	KindAPIKey     = "api_key"
	KindM2MToken   = "m2m_token"
	KindOAuthToken = "oauth_token"
)

// Token prefixes the Verifier routes on.
const (
	prefixAPIKey     = "ak_"
	prefixM2MToken   = "mt_"
	prefixOAuthToken = "oat_"
)

// ErrTokenInvalid is returned by Verifier.Verify when the API answered a
// token it marks revoked or expired (the API normally refuses those with
// a 404, which comes back as a *core.APIError matching core.ErrNotFound),
// and by OAuthAccessTokens.Verify when the API answers a JWT access token
// as inactive ({"active": false}).
var ErrTokenInvalid = errors.New("clerk: machines: token revoked or expired")

// UnsupportedTokenError is returned by Verifier.Verify, before any
// request, for a token it cannot route: its prefix is none of ak_, mt_ and
// oat_ (Kind is empty), or the Verifier was built without the service for
// its kind (Kind names it). It never contains the token. It matches
// core.ErrInvalidInput.
type UnsupportedTokenError struct {
	// Kind is KindAPIKey, KindM2MToken or KindOAuthToken when the
	// Verifier has no service for that kind; empty for an unknown prefix.
	Kind string
}

// Error says why the token was refused.
func (e *UnsupportedTokenError) Error() string {
	if e.Kind == "" {
		return "clerk: machines: not an API key (ak_), M2M token (mt_) or OAuth access token (oat_)"
	}
	return "clerk: machines: this Verifier does not verify " + e.Kind + " tokens"
}

// Is makes errors.Is(err, core.ErrInvalidInput) true.
func (e *UnsupportedTokenError) Is(target error) bool { return target == core.ErrInvalidInput }

// VerifiedToken is what every kind of machine credential verifies to.
type VerifiedToken struct {
	// Kind is KindAPIKey, KindM2MToken or KindOAuthToken.
	Kind string
	// ID is the credential's ID (ak_…, mt_…, oat_…), never its secret.
	ID string
	// Subject is who the credential acts for: a user or organization (API
	// keys), a machine (M2M tokens), the user who granted access (OAuth).
	Subject string
	// Scopes are the API key's or OAuth token's scopes, or the IDs of the
	// machines an M2M token may call.
	Scopes []string
	// Claims are the custom claims (API keys and M2M tokens), or nil.
	Claims json.RawMessage
	// OrgID is Subject when the subject is an organization (org_…).
	OrgID string
	// Expiration is when the credential expires; nil if it never does.
	Expiration *time.Time
}

// Verifier verifies opaque machine credentials by their prefix with the
// API's verify operations: ak_ with APIKeys.Verify, mt_ with
// M2MTokens.Verify, oat_ with OAuthAccessTokens.Verify. It keeps no cache
// (clerkhttp caches). It is safe for concurrent use.
type Verifier struct {
	apiKeys *APIKeyService
	m2m     *M2MTokenService
	oat     *OAuthAccessTokenService
}

// NewVerifier returns a Verifier on the given services (client.APIKeys,
// client.M2MTokens, client.OAuthAccessTokens). Any of them may be nil: the
// Verifier then refuses that kind with an *UnsupportedTokenError.
func NewVerifier(apiKeys *APIKeyService, m2m *M2MTokenService, oat *OAuthAccessTokenService) *Verifier {
	return &Verifier{apiKeys: apiKeys, m2m: m2m, oat: oat}
}

// Verify verifies token with the operation its prefix names and returns
// what it verified to. A token with another prefix, or of a kind the
// Verifier has no service for, fails with *UnsupportedTokenError and
// sends nothing; a revoked, expired or unknown token fails with the API's
// 404 (errors.Is(err, core.ErrNotFound)).
func (v *Verifier) Verify(ctx context.Context, token string) (*VerifiedToken, error) {
	switch {
	case v == nil:
		return nil, &UnsupportedTokenError{}
	case strings.HasPrefix(token, prefixAPIKey):
		if v.apiKeys == nil {
			return nil, &UnsupportedTokenError{Kind: KindAPIKey}
		}
		k, err := v.apiKeys.Verify(ctx, token)
		if err != nil {
			return nil, err
		}
		return verified(KindAPIKey, k.ID, k.Subject, k.Scopes, k.Claims, k.Expiration, k.Revoked || k.Expired)
	case strings.HasPrefix(token, prefixM2MToken):
		if v.m2m == nil {
			return nil, &UnsupportedTokenError{Kind: KindM2MToken}
		}
		t, err := v.m2m.Verify(ctx, token)
		if err != nil {
			return nil, err
		}
		return verified(KindM2MToken, t.ID, t.Subject, t.Scopes, t.Claims, t.Expiration, t.Revoked || t.Expired)
	case strings.HasPrefix(token, prefixOAuthToken):
		if v.oat == nil {
			return nil, &UnsupportedTokenError{Kind: KindOAuthToken}
		}
		t, err := v.oat.Verify(ctx, token)
		if err != nil {
			return nil, err
		}
		return verified(KindOAuthToken, t.ID, t.Subject, t.Scopes, nil, t.Expiration, t.Revoked || t.Expired)
	}
	return nil, &UnsupportedTokenError{}
}

func verified(kind, id, subject string, scopes []string, claims json.RawMessage, exp *time.Time, invalid bool) (*VerifiedToken, error) {
	if invalid {
		return nil, ErrTokenInvalid
	}
	vt := &VerifiedToken{Kind: kind, ID: id, Subject: subject, Scopes: slices.Clone(scopes), Expiration: exp}
	if len(claims) > 0 && string(claims) != "null" {
		vt.Claims = slices.Clone(claims)
	}
	if strings.HasPrefix(subject, "org_") {
		vt.OrgID = subject
	}
	return vt, nil
}
