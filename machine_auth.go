package clerk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/clerkgo/clerk/clerkhttp"
	"github.com/clerkgo/clerk/machines"
)

// OpaqueVerifier returns the clerkhttp.OpaqueVerifier that verifies
// opaque machine tokens (mt_ M2M tokens, ak_ API keys, oat_ OAuth access
// tokens) with this client's verify operations. Give it to the
// middleware; it caches, collapses concurrent checks and bounds them with
// a timeout:
//
//	h := clerkhttp.Middleware(v, clerkhttp.WithOpaqueVerifier(c.OpaqueVerifier()))(mux)
//
// A token Clerk refuses (unknown, revoked, expired) is reported as
// clerkhttp.ErrInvalidMachineToken (401); any other failure (network, 5xx)
// is not, so the middleware answers 503 and caches nothing.
func (c *Client) OpaqueVerifier() clerkhttp.OpaqueVerifier {
	return opaqueVerifier{v: machines.NewVerifier(c.APIKeys, c.M2MTokens, c.OAuthAccessTokens)}
}

type opaqueVerifier struct{ v *machines.Verifier }

// kindOf maps a machines kind to the middleware's.
func kindOf(k string) clerkhttp.TokenKind {
	switch k {
	case machines.KindAPIKey:
		return clerkhttp.APIKey
	case machines.KindM2MToken:
		return clerkhttp.M2MToken
	case machines.KindOAuthToken:
		return clerkhttp.OAuthToken
	}
	return ""
}

// VerifyOpaque implements clerkhttp.OpaqueVerifier.
func (o opaqueVerifier) VerifyOpaque(ctx context.Context, kind clerkhttp.TokenKind, token string) (*clerkhttp.MachineAuth, error) {
	vt, err := o.v.Verify(ctx, token)
	if err != nil {
		if refused(err) {
			return nil, fmt.Errorf("%w: %w", clerkhttp.ErrInvalidMachineToken, err)
		}
		return nil, err
	}
	if kindOf(vt.Kind) != kind {
		return nil, fmt.Errorf("%w: a %s is not a %s", clerkhttp.ErrInvalidMachineToken, vt.Kind, kind)
	}
	auth := &clerkhttp.MachineAuth{Kind: kind, ID: vt.ID, Subject: vt.Subject, OrgID: vt.OrgID, Scopes: vt.Scopes}
	if vt.Expiration != nil {
		auth.Expiration = *vt.Expiration
	}
	if len(vt.Claims) > 0 && string(vt.Claims) != "null" {
		var claims map[string]any
		if json.Unmarshal(vt.Claims, &claims) == nil {
			auth.Claims = claims
		}
	}
	return auth, nil
}

// refused reports Clerk's word that a token is not valid, as opposed to a
// failure to ask: 400, 404, 410 or 422 from a verify operation, a revoked
// or expired token, or a token the verifier cannot route. A 401 or 403
// says the client's own secret key is wrong, not the token: it is a
// failure (503), never a verdict on the caller.
func refused(err error) bool {
	if errors.Is(err, machines.ErrTokenInvalid) || errors.Is(err, ErrInvalidInput) {
		return true
	}
	var ae *APIError
	if !errors.As(err, &ae) {
		return false
	}
	switch ae.StatusCode {
	case 400, 404, 410, 422:
		return true
	}
	return false
}
