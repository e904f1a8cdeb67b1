package jwt

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"time"
)

// Default settings of a [Verifier].
const (
	// DefaultLeeway is the clock skew tolerated on "exp", "nbf" and "iat".
	DefaultLeeway = 5 * time.Second
	// DefaultMaxTokenSize is the largest token accepted, in bytes. Clerk's
	// session cookies stay under 4 KB.
	DefaultMaxTokenSize = defaultMaxSize
	// DefaultTokenCacheSize is the number of verified tokens remembered.
	DefaultTokenCacheSize = 1024
)

// Verifier verifies Clerk session tokens without network I/O of its own.
// Build one with [NewVerifier] at start-up and share it: it is safe for
// concurrent use.
type Verifier struct {
	keys    KeySource
	parties []string
	issuer  string
	leeway  time.Duration
	now     func() time.Time
	maxSize int
	cache   *tokenCache
}

// Option configures a [Verifier].
type Option func(*options)

type options struct {
	keys      KeySource
	keyOpts   int
	parties   []string
	issuer    string
	leeway    time.Duration
	now       func() time.Time
	maxSize   int
	cacheSize int
	err       error
}

func (o *options) fail(err error) {
	if o.err == nil {
		o.err = err
	}
}

func (o *options) setKeys(ks KeySource, err error) {
	o.keyOpts++
	if err != nil {
		o.fail(err)
		return
	}
	o.keys = ks
}

// WithPEM verifies with one public key in PEM form: the instance's "PEM
// public key" from the Clerk dashboard, usually in CLERK_JWT_KEY. The key is
// parsed once, by NewVerifier, with [ParsePublicKeyPEM], and used whatever
// the token's "kid". This needs no network at all.
func WithPEM(pem string) Option {
	return func(o *options) {
		key, err := ParsePublicKeyPEM(pem)
		o.setKeys(singleKey{key}, err)
	}
}

// WithJWKS verifies with the keys of a JSON Web Key Set document (the
// answer of GET /jwks), parsed once by NewVerifier with [ParseJWKS]. Tokens
// must name one of its keys in "kid".
func WithJWKS(doc []byte) Option {
	return func(o *options) {
		set, err := ParseJWKS(doc)
		o.setKeys(set, err)
	}
}

// WithKeySource verifies with keys from ks, such as a [*JWKSCache] that
// fetches the instance's JWKS and refreshes it on key rotation.
func WithKeySource(ks KeySource) Option {
	return func(o *options) {
		var err error
		if ks == nil {
			err = errors.New("jwt: nil KeySource")
		}
		o.setKeys(ks, err)
	}
}

// WithAuthorizedParties restricts the "azp" claim to the given origins
// (such as "https://app.example.com"). When set, a token without "azp" or
// with another one fails with [ErrUnauthorizedParty]. Set it whenever tokens
// may arrive in cookies: it is what stops a token from another site being
// replayed (CSRF).
func WithAuthorizedParties(parties ...string) Option {
	return func(o *options) {
		for _, p := range parties {
			if p == "" {
				o.fail(errors.New("jwt: empty authorized party"))
				return
			}
		}
		o.parties = append(o.parties, parties...)
	}
}

// WithIssuer requires the "iss" claim to equal issuer exactly: the
// instance's Frontend API URL, such as "https://clerk.example.com" or
// "https://<name>.clerk.accounts.dev".
func WithIssuer(issuer string) Option {
	return func(o *options) {
		if issuer == "" {
			o.fail(errors.New("jwt: empty issuer"))
			return
		}
		o.issuer = issuer
	}
}

// WithLeeway sets the clock skew tolerated on "exp", "nbf" and "iat"
// (default [DefaultLeeway]; 0 allows none).
func WithLeeway(d time.Duration) Option {
	return func(o *options) {
		if d < 0 {
			o.fail(errors.New("jwt: negative leeway"))
			return
		}
		o.leeway = d
	}
}

// WithClock sets the clock the time claims are checked against (default
// time.Now); tests inject a fixed one.
func WithClock(now func() time.Time) Option {
	return func(o *options) {
		if now == nil {
			o.fail(errors.New("jwt: nil clock"))
			return
		}
		o.now = now
	}
}

// WithMaxTokenSize sets the largest token accepted, in bytes (default
// [DefaultMaxTokenSize]). Larger tokens fail with [ErrMalformedToken] before
// any decoding.
func WithMaxTokenSize(n int) Option {
	return func(o *options) {
		if n <= 0 {
			o.fail(errors.New("jwt: max token size must be positive"))
			return
		}
		o.maxSize = n
	}
}

// WithTokenCacheSize sets how many verified tokens the verifier remembers
// (default [DefaultTokenCacheSize]); 0 turns the cache off.
//
// A browser reuses a session token for about a minute, so most requests
// present a token already verified; a hit is a map lookup instead of an RSA
// verification. A hit still checks "exp" and "nbf" against the clock and
// asks the key source whether the token's key is still in the set, so a
// rotated-out key is not trusted from the cache. An entry holds the token
// and its decoded claims, about three times the token's size, so memory is
// bounded by n times three times the maximum token size.
func WithTokenCacheSize(n int) Option {
	return func(o *options) {
		if n < 0 {
			o.fail(errors.New("jwt: negative token cache size"))
			return
		}
		o.cacheSize = n
	}
}

// NewVerifier builds a Verifier. Exactly one key option is required:
// [WithPEM], [WithJWKS] or [WithKeySource].
func NewVerifier(opts ...Option) (*Verifier, error) {
	o := options{
		leeway:    DefaultLeeway,
		now:       time.Now,
		maxSize:   DefaultMaxTokenSize,
		cacheSize: DefaultTokenCacheSize,
	}
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	if o.err != nil {
		return nil, o.err
	}
	switch o.keyOpts {
	case 0:
		return nil, errors.New("jwt: no key: use WithPEM, WithJWKS or WithKeySource")
	case 1:
	default:
		return nil, errors.New("jwt: more than one key option")
	}
	v := &Verifier{
		keys:    o.keys,
		parties: slices.Clone(o.parties),
		issuer:  o.issuer,
		leeway:  o.leeway,
		now:     o.now,
		maxSize: o.maxSize,
	}
	if o.cacheSize > 0 {
		v.cache = newTokenCache(o.cacheSize)
	}
	return v, nil
}

// AuthorizedParties returns a copy of the parties set with
// [WithAuthorizedParties].
func (v *Verifier) AuthorizedParties() []string { return slices.Clone(v.parties) }

// Verify checks a session token and returns its claims.
//
// In order, and stopping at the first failure: the size cap and the compact
// form (exactly three canonical base64url segments); the header (strict
// JSON; "alg" RS256, ES256 or EdDSA; no "crit" or "cty"; "typ" JWT and "cat"
// a session token when present); the key for "kid"; the algorithm against
// the key's type; the signature; only then the claims (strict JSON, "exp"
// a number and "sub" present); "exp", "nbf" and "iat" against the clock
// with the leeway; the issuer and the authorized party when configured.
//
// Each failure wraps exactly one of the package's sentinel errors. The
// returned Claims must be treated as read-only.
func (v *Verifier) Verify(ctx context.Context, token string) (*Claims, error) {
	if len(token) > v.maxSize {
		return nil, errTooLarge
	}
	now := v.now()
	if v.cache != nil {
		if e, ok := v.cache.get(token); ok {
			key, err := v.keys.Key(ctx, e.kid)
			if err == nil && sameKey(e.key, key) {
				if err := v.checkTimes(e.claims, now); err != nil {
					if errors.Is(err, ErrTokenExpired) {
						v.cache.remove(token, e.claims)
					}
					return nil, err
				}
				c := *e.claims
				return &c, nil
			}
			// The key left the set (or the source cannot answer): forget
			// the token and verify it from scratch.
			v.cache.remove(token, e.claims)
		}
	}
	claims, key, kid, err := v.verify(ctx, token, now)
	if err != nil {
		return nil, err
	}
	if v.cache != nil {
		stored := *claims
		v.cache.put(token, cacheEntry{claims: &stored, key: key, kid: kid}, now)
	}
	return claims, nil
}

// verify is the uncached path.
func (v *Verifier) verify(ctx context.Context, token string, now time.Time) (*Claims, crypto.PublicKey, string, error) {
	p, err := parseToken(token, v.maxSize)
	if err != nil {
		return nil, nil, "", err
	}
	key, err := v.key(ctx, p.kid)
	if err != nil {
		return nil, nil, "", err
	}
	if err := verifySignature(p.alg, key, p.signingInput, p.signature); err != nil {
		return nil, nil, "", err
	}
	claims, err := decodeClaims(p.claimsJSON)
	if err != nil {
		return nil, nil, "", err
	}
	if err := v.checkTimes(claims, now); err != nil {
		return nil, nil, "", err
	}
	if v.issuer != "" && claims.Issuer != v.issuer {
		return nil, nil, "", fmt.Errorf("%w: %q", ErrInvalidIssuer, truncate(claims.Issuer, 128))
	}
	if len(v.parties) > 0 {
		if claims.AuthorizedParty == "" {
			return nil, nil, "", fmt.Errorf(`%w: "azp" claim missing`, ErrUnauthorizedParty)
		}
		if !slices.Contains(v.parties, claims.AuthorizedParty) {
			return nil, nil, "", fmt.Errorf("%w: %q", ErrUnauthorizedParty, truncate(claims.AuthorizedParty, 128))
		}
	}
	return claims, key, p.kid, nil
}

// key asks the key source for kid and classifies its failures.
func (v *Verifier) key(ctx context.Context, kid string) (crypto.PublicKey, error) {
	key, err := v.keys.Key(ctx, kid)
	if err != nil {
		var uk *UnknownKeyError
		switch {
		case errors.As(err, &uk):
			return nil, uk
		case errors.Is(err, ErrUnknownKey):
			return nil, newUnknownKeyError(kid)
		case errors.Is(err, ErrKeyUnavailable):
			return nil, err
		}
		return nil, fmt.Errorf("%w: %w", ErrKeyUnavailable, err)
	}
	if key == nil {
		return nil, fmt.Errorf("%w: key source returned no key for kid %q", ErrKeyUnavailable, truncate(kid, 64))
	}
	return key, nil
}

// verifySignature checks sig over input with key, after checking that the
// token's alg is the one the key's type pins.
func verifySignature(alg string, key crypto.PublicKey, input, sig []byte) error {
	want, err := keyAlg(key)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrKeyUnavailable, err)
	}
	if alg != want {
		return fmt.Errorf("%w: token alg %s, key verifies %s only", ErrUnsupportedAlgorithm, alg, want)
	}
	ok := false
	switch k := key.(type) {
	case *rsa.PublicKey:
		h := sha256.Sum256(input)
		ok = rsa.VerifyPKCS1v15(k, crypto.SHA256, h[:], sig) == nil
	case *ecdsa.PublicKey:
		if len(sig) == 64 {
			r := new(big.Int).SetBytes(sig[:32])
			s := new(big.Int).SetBytes(sig[32:])
			if r.Sign() > 0 && s.Sign() > 0 {
				h := sha256.Sum256(input)
				ok = ecdsa.Verify(k, h[:], r, s)
			}
		}
	case ed25519.PublicKey:
		ok = len(sig) == ed25519.SignatureSize && ed25519.Verify(k, input, sig)
	}
	if !ok {
		return ErrInvalidSignature
	}
	return nil
}

// checkTimes checks "exp", "nbf" and "iat" against now with the leeway.
func (v *Verifier) checkTimes(c *Claims, now time.Time) error {
	if !now.Before(c.Expiry.Add(v.leeway)) {
		return fmt.Errorf("%w: expired at %s", ErrTokenExpired, c.Expiry.UTC().Format(time.RFC3339))
	}
	late := now.Add(v.leeway)
	if !c.NotBefore.IsZero() && late.Before(c.NotBefore) {
		return fmt.Errorf("%w: not before %s", ErrTokenNotYetValid, c.NotBefore.UTC().Format(time.RFC3339))
	}
	if !c.IssuedAt.IsZero() && late.Before(c.IssuedAt) {
		return fmt.Errorf("%w: issued in the future, at %s", ErrTokenNotYetValid, c.IssuedAt.UTC().Format(time.RFC3339))
	}
	return nil
}
