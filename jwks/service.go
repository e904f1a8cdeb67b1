// Package jwks reads the instance's JSON Web Key Set (GET /jwks) and serves
// it, cached, as a jwt.KeySource: client.JWKS plugs straight into
// jwt.WithKeySource so session tokens are verified without a request per
// token.
package jwks

import (
	"context"
	"crypto"
	"encoding/json"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/jwt"
)

// Key is one JSON Web Key as the API returns it.
type Key struct {
	KID string `json:"kid"`
	KTY string `json:"kty"`
	Alg string `json:"alg,omitempty"`
	Use string `json:"use,omitempty"`
	// RSA
	N string `json:"n,omitempty"`
	E string `json:"e,omitempty"`
	// EC and OKP
	CRV string `json:"crv,omitempty"`
	X   string `json:"x,omitempty"`
	Y   string `json:"y,omitempty"`
	// X.509 certificate chain and thumbprints, when the key has them.
	X5C     []string `json:"x5c,omitempty"`
	X5T     string   `json:"x5t,omitempty"`
	X5TS256 string   `json:"x5t#S256,omitempty"`
	X5U     string   `json:"x5u,omitempty"`
}

// KeySet is the answer of GET /jwks.
type KeySet struct {
	Keys []Key `json:"keys"`
}

// API is the JWKS service as an interface, for fakes in tests (embed
// Unimplemented in one).
//
// Key and Refresh take no request options: they work on the key cache,
// whose fetches are shared by every caller (and Key's signature is
// jwt.KeySource's).
type API interface {
	Get(ctx context.Context, opts ...core.RequestOption) (*KeySet, error)
	Key(ctx context.Context, kid string) (crypto.PublicKey, error)
	Refresh(ctx context.Context) error
}

var _ API = (*Service)(nil)
var _ jwt.KeySource = (*Service)(nil)

// Service fetches the key set and caches it for token verification. It is
// safe for concurrent use.
type Service struct {
	b     *transport.Backend
	cache *jwt.JWKSCache
}

// New returns a Service on b; opts tune the key cache (TTL, refetch
// interval). Users get one from clerk.NewClient as client.JWKS.
func New(b *transport.Backend, opts ...jwt.JWKSOption) *Service {
	s := &Service{b: b}
	s.cache = jwt.NewJWKSCache(s.raw, opts...)
	return s
}

// Get fetches the key set, uncached.
//
// API: GET /jwks (GetJWKS)
func (s *Service) Get(ctx context.Context, opts ...core.RequestOption) (*KeySet, error) {
	set := new(KeySet)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "/jwks", Options: opts}, set); err != nil {
		return nil, err
	}
	return set, nil
}

// Key returns the public key with the given kid, from the cache. The set is
// fetched on first use, refreshed every 5 minutes in the background, and
// refetched at most once per interval when an unknown kid arrives, so a
// flood of forged kids cannot make it hammer the API. It implements
// jwt.KeySource.
//
// API: GET /jwks (GetJWKS)
func (s *Service) Key(ctx context.Context, kid string) (crypto.PublicKey, error) {
	if ctx == nil {
		return nil, transport.Invalid("ctx", "must not be nil")
	}
	return s.cache.Key(ctx, kid)
}

// Refresh fetches the key set now (for example at start-up, to warm the
// cache); on error the previous keys stay in use.
//
// API: GET /jwks (GetJWKS)
func (s *Service) Refresh(ctx context.Context) error {
	if ctx == nil {
		return transport.Invalid("ctx", "must not be nil")
	}
	return s.cache.Refresh(ctx)
}

func (s *Service) raw(ctx context.Context) ([]byte, error) {
	var raw json.RawMessage
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "/jwks"}, &raw); err != nil {
		return nil, err
	}
	return raw, nil
}
