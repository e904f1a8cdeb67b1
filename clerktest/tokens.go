package clerktest

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Token categories: the "cat" header Clerk puts on each class of JWT its
// instance key signs.
const (
	sessionTokenCat  = "cl_B7d4PD111AAA"
	templateTokenCat = "cl_B7d4PD222AAA"
	m2mTokenCat      = "cl_B7d4PD333AAA"
)

// Token lifetimes: Clerk session tokens live 60 s; nbf sits 10 s before
// iat to absorb clock skew, as Clerk's do.
const (
	defaultTokenLifetime = 60 * time.Second
	notBeforeSkew        = 10 * time.Second
)

// keyMaterial is the server's signing key and its published forms.
type keyMaterial struct {
	key  *rsa.PrivateKey
	jwks []byte
	pem  string
}

// keys makes the server's RSA-2048 key (exponent 65537, the only kind the
// JavaScript SDK's PEM path accepts) on first use.
func (s *Server) keys() (*keyMaterial, error) {
	s.keyOnce.Do(func() {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			s.keyErr = fmt.Errorf("clerktest: generating the signing key: %w", err)
			return
		}
		km := &keyMaterial{key: key}
		if km.jwks, err = jwksDocument(s.kid, &key.PublicKey); err != nil {
			s.keyErr = err
			return
		}
		if km.pem, err = publicKeyPEM(&key.PublicKey); err != nil {
			s.keyErr = err
			return
		}
		s.keyMat = km
	})
	return s.keyMat, s.keyErr
}

// mustKeys is keys for the accessors without an error result: a failure
// is reported on the test, if any.
func (s *Server) mustKeys() *keyMaterial {
	km, err := s.keys()
	if err != nil {
		if s.tb != nil {
			s.tb.Errorf("%v", err)
		}
		return &keyMaterial{}
	}
	return km
}

// jwk is one RSA key of the JWKS document.
type jwk struct {
	Use string `json:"use"`
	Kty string `json:"kty"`
	Kid string `json:"kid"`
	Alg string `json:"alg"`
	N   string `json:"n"`
	E   string `json:"e"`
}

func jwksDocument(kid string, pub *rsa.PublicKey) ([]byte, error) {
	doc := struct {
		Keys []jwk `json:"keys"`
	}{Keys: []jwk{{
		Use: "sig", Kty: "RSA", Kid: kid, Alg: "RS256",
		N: base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
		E: base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
	}}}
	return json.Marshal(doc)
}

func publicKeyPEM(pub *rsa.PublicKey) (string, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return "", err
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})), nil
}

// PublicKeyPEM is the signing key as a PKIX "PUBLIC KEY" PEM block, the
// form of Clerk's CLERK_JWT_KEY (jwt.WithPEM).
func (s *Server) PublicKeyPEM() string { return s.mustKeys().pem }

// JWKS is the JSON Web Key Set that GET /jwks answers (jwt.WithJWKS).
func (s *Server) JWKS() []byte { return append([]byte(nil), s.mustKeys().jwks...) }

// PublicKey is the signing key (nil if it could not be made).
func (s *Server) PublicKey() *rsa.PublicKey {
	if km := s.mustKeys(); km.key != nil {
		return &km.key.PublicKey
	}
	return nil
}

func getJWKS(s *Server, _ *http.Request) (any, *apiError) {
	km, err := s.keys()
	if err != nil {
		return nil, newError(http.StatusInternalServerError, "internal_clerk_error", "internal error", err.Error())
	}
	return json.RawMessage(km.jwks), nil
}

// TokenOption shapes a token made by NewSessionToken.
type TokenOption func(*tokenConfig)

type tokenConfig struct {
	orgID, orgRole, orgSlug string
	orgPerms                []string
	azp, sid                string
	lifetime                time.Duration
	issuedAt                time.Time
	extra                   map[string]any
}

// WithOrg makes the organization active in the token: the v2 "o" claim
// with id, slug (looked up when the fake knows the organization), role
// and permissions, and the organization features in "fea". Permissions
// are "org:<feature>:<name>" keys, e.g. "org:invoices:create"; they are
// encoded the way Clerk encodes them (per, fpm, fea), so a verifier
// decodes exactly these back.
func WithOrg(orgID, role string, permissions ...string) TokenOption {
	return func(c *tokenConfig) {
		c.orgID, c.orgRole = orgID, role
		c.orgPerms = append([]string(nil), permissions...)
	}
}

// WithOrgSlug sets the "o.slg" claim (default: the slug of the
// organization in the fake, if it has one).
func WithOrgSlug(slug string) TokenOption {
	return func(c *tokenConfig) { c.orgSlug = slug }
}

// WithAuthorizedParty sets "azp", the origin the token was issued for.
func WithAuthorizedParty(azp string) TokenOption {
	return func(c *tokenConfig) { c.azp = azp }
}

// WithExpiry sets the token's lifetime (default 60 s, as Clerk's). A
// negative lifetime makes a token that has already expired.
func WithExpiry(d time.Duration) TokenOption {
	return func(c *tokenConfig) { c.lifetime = d }
}

// WithIssuedAt sets "iat" (default: the server's clock); nbf and exp move
// with it. Use it to test not-yet-valid tokens.
func WithIssuedAt(t time.Time) TokenOption {
	return func(c *tokenConfig) { c.issuedAt = t }
}

// WithSessionID sets "sid" (default: a fresh sess_… id that the fake does
// not store).
func WithSessionID(sid string) TokenOption {
	return func(c *tokenConfig) { c.sid = sid }
}

// WithClaim adds or overrides one claim (e.g. "act" for impersonation).
func WithClaim(name string, value any) TokenOption {
	return func(c *tokenConfig) {
		if c.extra == nil {
			c.extra = map[string]any{}
		}
		c.extra[name] = value
	}
}

// NewSessionToken signs a Clerk v2 session token for userID with the
// server's key: sub, sid, iss (Issuer), iat, nbf, exp, jti, fva, v:2, and
// azp and the organization claims when asked for. It records nothing in
// the fake's state. On bad input (an empty user id, a malformed
// permission) it reports the error on the test (t.Errorf) and returns "";
// MintSessionToken returns the error instead.
func (s *Server) NewSessionToken(userID string, opts ...TokenOption) string {
	tok, err := s.MintSessionToken(userID, opts...)
	if err != nil {
		if s.tb != nil {
			s.tb.Helper()
			s.tb.Errorf("clerktest: NewSessionToken: %v", err)
		}
		return ""
	}
	return tok
}

// MintSessionToken is NewSessionToken returning its error.
func (s *Server) MintSessionToken(userID string, opts ...TokenOption) (string, error) {
	if userID == "" {
		return "", errors.New("empty user id")
	}
	c := tokenConfig{lifetime: defaultTokenLifetime, issuedAt: s.now()}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.sid == "" {
		c.sid = newID("sess")
	}
	if c.orgID != "" && c.orgSlug == "" {
		s.mu.Lock()
		if o, ok := s.st.orgs[c.orgID]; ok {
			c.orgSlug = o.slug
		}
		s.mu.Unlock()
	}
	claims, err := s.sessionClaims(userID, &c)
	if err != nil {
		return "", err
	}
	return s.sign(claims, "JWT", sessionTokenCat)
}

// sessionClaims builds the v2 claim set.
func (s *Server) sessionClaims(userID string, c *tokenConfig) (map[string]any, error) {
	iat := c.issuedAt.Unix()
	claims := map[string]any{
		"sub": userID,
		"sid": c.sid,
		"iss": s.iss,
		"iat": iat,
		"nbf": c.issuedAt.Add(-notBeforeSkew).Unix(),
		"exp": c.issuedAt.Add(c.lifetime).Unix(),
		"jti": randomString(20),
		"fva": []int{0, -1},
		"v":   2,
	}
	if c.azp != "" {
		claims["azp"] = c.azp
	}
	if c.orgID != "" {
		fea, per, fpm, err := encodePermissions(c.orgPerms)
		if err != nil {
			return nil, err
		}
		o := map[string]any{"id": c.orgID, "rol": strings.TrimPrefix(c.orgRole, "org:")}
		if c.orgSlug != "" {
			o["slg"] = c.orgSlug
		}
		if per != "" {
			o["per"], o["fpm"] = per, fpm
			claims["fea"] = fea
		}
		claims["o"] = o
	}
	for k, v := range c.extra {
		claims[k] = v
	}
	return claims, nil
}

// encodePermissions packs "org:<feature>:<name>" permissions the way Clerk
// v2 tokens carry them: fea lists the features ("o:<feature>", first seen
// first), per the permission names (first seen first), and fpm one
// decimal bitmask per feature whose bit j stands for org:<feature>:<per[j]>.
func encodePermissions(perms []string) (fea, per, fpm string, err error) {
	var features, names []string
	masks := map[string]uint64{}
	index := map[string]int{}
	for _, p := range perms {
		parts := strings.Split(p, ":")
		if len(parts) != 3 || parts[0] != "org" || parts[1] == "" || parts[2] == "" {
			return "", "", "", fmt.Errorf("permission %q is not of the form org:<feature>:<name>", p)
		}
		feature, name := parts[1], parts[2]
		if strings.ContainsAny(feature+name, ",") {
			return "", "", "", fmt.Errorf("permission %q contains a comma", p)
		}
		if _, ok := masks[feature]; !ok {
			features = append(features, feature)
			masks[feature] = 0
		}
		j, ok := index[name]
		if !ok {
			if len(names) == 64 {
				return "", "", "", errors.New("more than 64 distinct permission names")
			}
			j = len(names)
			index[name] = j
			names = append(names, name)
		}
		masks[feature] |= 1 << uint(j)
	}
	feas := make([]string, len(features))
	fpms := make([]string, len(features))
	for i, f := range features {
		feas[i] = "o:" + f
		fpms[i] = strconv.FormatUint(masks[f], 10)
	}
	return strings.Join(feas, ","), strings.Join(names, ","), strings.Join(fpms, ","), nil
}

// sign makes a compact RS256 JWS of claims with header "typ" typ and,
// unless empty, "cat" cat.
func (s *Server) sign(claims map[string]any, typ, cat string) (string, error) {
	km, err := s.keys()
	if err != nil {
		return "", err
	}
	header := map[string]string{"alg": "RS256", "kid": s.kid, "typ": typ}
	if cat != "" {
		header["cat"] = cat
	}
	hb, err := json.Marshal(header)
	if err != nil {
		return "", err
	}
	cb, err := json.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("encoding claims: %w", err)
	}
	input := base64.RawURLEncoding.EncodeToString(hb) + "." + base64.RawURLEncoding.EncodeToString(cb)
	sum := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPKCS1v15(nil, km.key, crypto.SHA256, sum[:])
	if err != nil {
		return "", err
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig), nil
}
