package clerktest

import (
	"errors"
	"strings"
	"time"
)

// NewM2MToken is MintM2MToken reporting its error on the test, if any.
func (s *Server) NewM2MToken(machineID string, scopes []string, opts ...TokenOption) string {
	tok, err := s.MintM2MToken(machineID, scopes, opts...)
	if err != nil && s.tb != nil {
		s.tb.Helper()
		s.tb.Errorf("clerktest: NewM2MToken: %v", err)
	}
	return tok
}

// MintM2MToken signs a JWT-format machine-to-machine token for machineID
// ("mch_...") with the server's key, as Clerk mints them: header "cat"
// cl_B7d4PD333AAA, "sub" the machine, "jti" an mt_ id, "scopes" the space-
// separated machine ids it may reach and "aud" the same list, with iss,
// iat, nbf and exp. Of the TokenOptions, WithExpiry (default 1 hour),
// WithIssuedAt and WithClaim apply. It records nothing in the fake's
// state.
func (s *Server) MintM2MToken(machineID string, scopes []string, opts ...TokenOption) (string, error) {
	if !strings.HasPrefix(machineID, "mch_") {
		return "", errors.New("machine id must start with mch_")
	}
	c := s.machineConfig(opts)
	claims := s.machineClaims(machineID, "mt", &c)
	claims["scopes"] = strings.Join(scopes, " ")
	claims["aud"] = append([]string{}, scopes...)
	for k, v := range c.extra {
		claims[k] = v
	}
	return s.sign(claims, "JWT", m2mTokenCat)
}

// NewOAuthToken is MintOAuthToken reporting its error on the test, if any.
func (s *Server) NewOAuthToken(userID, clientID string, scopes []string, opts ...TokenOption) string {
	tok, err := s.MintOAuthToken(userID, clientID, scopes, opts...)
	if err != nil && s.tb != nil {
		s.tb.Helper()
		s.tb.Errorf("clerktest: NewOAuthToken: %v", err)
	}
	return tok
}

// MintOAuthToken signs a JWT-format OAuth access token (RFC 9068: header
// "typ" at+jwt) that userID granted to the OAuth application clientID:
// "sub" the user, "client_id", "scope" space-separated, "jti" an oat_ id,
// with iss, iat, nbf and exp. Of the TokenOptions, WithExpiry (default 1
// hour), WithIssuedAt and WithClaim apply. It records nothing in the
// fake's state.
func (s *Server) MintOAuthToken(userID, clientID string, scopes []string, opts ...TokenOption) (string, error) {
	if userID == "" || clientID == "" {
		return "", errors.New("empty user id or client id")
	}
	c := s.machineConfig(opts)
	claims := s.machineClaims(userID, "oat", &c)
	claims["client_id"] = clientID
	claims["scope"] = strings.Join(scopes, " ")
	for k, v := range c.extra {
		claims[k] = v
	}
	return s.sign(claims, "at+jwt", "")
}

// machineTokenLifetime is the default lifetime of machine tokens.
const machineTokenLifetime = time.Hour

func (s *Server) machineConfig(opts []TokenOption) tokenConfig {
	c := tokenConfig{lifetime: machineTokenLifetime, issuedAt: s.now()}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return c
}

// machineClaims are the registered claims of a machine token.
func (s *Server) machineClaims(sub, idPrefix string, c *tokenConfig) map[string]any {
	return map[string]any{
		"sub": sub,
		"iss": s.iss,
		"iat": c.issuedAt.Unix(),
		"nbf": c.issuedAt.Add(-notBeforeSkew).Unix(),
		"exp": c.issuedAt.Add(c.lifetime).Unix(),
		"jti": idPrefix + "_" + randomString(24),
	}
}
