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
	"strings"
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

// Verifier verifies Clerk session tokens, and JWT-format machine tokens,
// without network I/O of its own.
// Build one with [NewVerifier] at start-up and share it: it is safe for
// concurrent use.
type Verifier struct {
	keys      KeySource
	parties   []string
	audiences []string
	issuer    string
	leeway    time.Duration
	now       func() time.Time
	maxSize   int
	cache     *tokenCache
}

// Option configures a [Verifier].
type Option func(*options)

type options struct {
	keys      KeySource
	keyOpts   int
	parties   []string
	audiences []string
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

// WithAuthorizedParties restricts the "azp" claim of session tokens to the
// given origins (such as "https://app.example.com"). When set, a session
// token without "azp" or with another one fails with
// [ErrUnauthorizedParty].
//
// This stops a token minted for another application of the same instance
// (another origin) from being used here. It does not stop cross-site
// request forgery: a forged request from a hostile page carries the
// victim's own cookie, whose "azp" is this application's origin. For
// cookie tokens, also check where the request comes from (clerkhttp does,
// for unsafe methods).
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

// WithAudience accepts session tokens whose "aud" claim names one of the
// given audiences, and requires machine tokens to name one. Without it, a
// session token carrying "aud" (the mark of a JWT template token) fails
// with [ErrInvalidAudience], and machine tokens' "aud" is not checked.
func WithAudience(audiences ...string) Option {
	return func(o *options) {
		for _, a := range audiences {
			if a == "" {
				o.fail(errors.New("jwt: empty audience"))
				return
			}
		}
		o.audiences = append(o.audiences, audiences...)
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
		keys:      o.keys,
		parties:   slices.Clone(o.parties),
		audiences: slices.Clone(o.audiences),
		issuer:    o.issuer,
		leeway:    o.leeway,
		now:       o.now,
		maxSize:   o.maxSize,
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
// JSON; "alg" RS256, ES256 or EdDSA; no "crit" or "cty"; "typ" JWT or
// at+jwt; "cat" absent or a known category other than a JWT template's);
// the key for "kid"; the algorithm against the key's type; the signature;
// only then the claims (strict JSON, "exp" a number and "sub" present);
// "exp", "nbf" and "iat" against the clock with the leeway; the kind of
// token, which must be a session token: "sid" present, no "cat" of another
// kind, no "typ" at+jwt, no machine subject; "aud" absent or one of those
// set with [WithAudience]; the issuer and the authorized party when
// configured.
//
// A pending session ("sts" "pending", see [Claims.Pending]) passes Verify:
// what a pending session may do is the application's decision (clerkhttp
// treats it as signed out unless a route opts in).
//
// Each failure wraps exactly one of the package's sentinel errors. The
// returned Claims are the caller's own copy.
func (v *Verifier) Verify(ctx context.Context, token string) (*Claims, error) {
	c, kind, err := v.verifyShared(ctx, token)
	if err != nil {
		return nil, err
	}
	if kind != SessionToken {
		return nil, fmt.Errorf("%w: a %s, not a session token", ErrUnsupportedTokenType, kind)
	}
	return c.clone(), nil
}

// VerifyMachine checks a JWT-format machine token, an M2M token or an
// OAuth access token, with the same keys, strictness and cache as Verify,
// and returns its claims. Session tokens and every other kind fail with
// [ErrUnsupportedTokenType]. Opaque machine tokens ("mt_...", "oat_...",
// "ak_...") are not JWTs: they fail with [ErrMalformedToken] and are
// verified by Clerk's verify endpoints instead.
func (v *Verifier) VerifyMachine(ctx context.Context, token string) (*MachineClaims, error) {
	c, kind, err := v.verifyShared(ctx, token)
	if err != nil {
		return nil, err
	}
	if kind != M2MToken && kind != OAuthToken {
		return nil, fmt.Errorf("%w: a %s, not a machine token", ErrUnsupportedTokenType, kind)
	}
	return newMachineClaims(c, kind), nil
}

// Token is a verified token of any kind [Verifier.VerifyToken] accepts.
type Token struct {
	// Kind is SessionToken, M2MToken or OAuthToken.
	Kind TokenKind
	// Session holds the claims of a session token; nil for other kinds.
	Session *Claims
	// Machine holds the claims of a machine token; nil for session tokens.
	Machine *MachineClaims
}

// VerifyToken checks a JWT of any kind this package verifies (a session
// token, a JWT-format M2M token or OAuth access token) and returns it
// tagged with its kind. The kind comes from the token's header and claims
// (see [TokenKind]), decided only after the signature verified; each kind
// gets the checks Verify or VerifyMachine gives it.
func (v *Verifier) VerifyToken(ctx context.Context, token string) (*Token, error) {
	c, kind, err := v.verifyShared(ctx, token)
	if err != nil {
		return nil, err
	}
	if kind == SessionToken {
		return &Token{Kind: kind, Session: c.clone()}, nil
	}
	return &Token{Kind: kind, Machine: newMachineClaims(c, kind)}, nil
}

// verifyShared verifies token through the cache. The claims it returns
// are shared with the cache: callers hand out copies.
func (v *Verifier) verifyShared(ctx context.Context, token string) (*Claims, TokenKind, error) {
	if ctx == nil {
		return nil, "", errNilContext
	}
	if len(token) > v.maxSize {
		return nil, "", errTooLarge
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
					return nil, "", err
				}
				return e.claims, e.kind, nil
			}
			// The key left the set (or the source cannot answer): forget
			// the token and verify it from scratch.
			v.cache.remove(token, e.claims)
		}
	}
	claims, kind, key, kid, err := v.verify(ctx, token, now)
	if err != nil {
		return nil, "", err
	}
	if v.cache != nil {
		v.cache.put(token, cacheEntry{claims: claims, kind: kind, key: key, kid: kid}, now)
	}
	return claims, kind, nil
}

// verify is the uncached path.
func (v *Verifier) verify(ctx context.Context, token string, now time.Time) (*Claims, TokenKind, crypto.PublicKey, string, error) {
	p, err := parseToken(token, v.maxSize)
	if err != nil {
		return nil, "", nil, "", err
	}
	key, err := v.key(ctx, p.kid)
	if err != nil {
		return nil, "", nil, "", err
	}
	if err := verifySignature(p.alg, key, p.signingInput, p.signature); err != nil {
		return nil, "", nil, "", err
	}
	claims, err := decodeClaims(p.claimsJSON)
	if err != nil {
		return nil, "", nil, "", err
	}
	if err := v.checkTimes(claims, now); err != nil {
		return nil, "", nil, "", err
	}
	if v.issuer != "" && claims.Issuer != v.issuer {
		return nil, "", nil, "", fmt.Errorf("%w: %q", ErrInvalidIssuer, truncate(claims.Issuer, 128))
	}
	kind := classify(&p, claims)
	if kind == SessionToken {
		err = v.checkSession(claims)
	} else {
		err = v.checkMachine(claims)
	}
	if err != nil {
		return nil, "", nil, "", err
	}
	return claims, kind, key, p.kid, nil
}

// classify decides a verified JWT's kind from its header and claims: typ
// at+jwt is an OAuth access token; "cat" M2M, or a machine subject without
// the session category, an M2M token; anything else is checked as a
// session token.
func classify(p *parsedToken, c *Claims) TokenKind {
	switch {
	case isOAuthTyp(p.typ):
		return OAuthToken
	case p.cat == catM2M:
		return M2MToken
	case p.cat != catSession && strings.HasPrefix(c.Subject, machineSubjectPrefix):
		return M2MToken
	}
	return SessionToken
}

// checkSession applies the session-token rules: "sid" present (JWT
// template tokens signed by the same key have none), "aud" only when
// configured, and the authorized parties.
func (v *Verifier) checkSession(c *Claims) error {
	if c.SessionID == "" {
		return fmt.Errorf(`%w: no "sid" claim: not a session token (a JWT template token?)`, ErrUnsupportedTokenType)
	}
	if len(c.Audience) > 0 && !v.audienceOK(c.Audience) {
		if len(v.audiences) == 0 {
			return fmt.Errorf(`%w: session token with "aud" %q; accept it with WithAudience`, ErrInvalidAudience, truncate(c.Audience[0], 128))
		}
		return fmt.Errorf("%w: %q", ErrInvalidAudience, truncate(c.Audience[0], 128))
	}
	if len(v.parties) > 0 {
		if c.AuthorizedParty == "" {
			return fmt.Errorf(`%w: "azp" claim missing`, ErrUnauthorizedParty)
		}
		if !slices.Contains(v.parties, c.AuthorizedParty) {
			return fmt.Errorf("%w: %q", ErrUnauthorizedParty, truncate(c.AuthorizedParty, 128))
		}
	}
	return nil
}

// checkMachine applies the machine-token rules: when audiences are
// configured, "aud" must name one of them.
func (v *Verifier) checkMachine(c *Claims) error {
	if len(v.audiences) > 0 && !v.audienceOK(c.Audience) {
		if len(c.Audience) == 0 {
			return fmt.Errorf(`%w: "aud" claim missing`, ErrInvalidAudience)
		}
		return fmt.Errorf("%w: %q", ErrInvalidAudience, truncate(c.Audience[0], 128))
	}
	return nil
}

// audienceOK reports whether aud names one of the configured audiences.
func (v *Verifier) audienceOK(aud []string) bool {
	for _, a := range aud {
		if slices.Contains(v.audiences, a) {
			return true
		}
	}
	return false
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
