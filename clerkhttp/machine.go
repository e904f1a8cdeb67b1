package clerkhttp

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/clerkgo/clerk/jwt"
)

// TokenKind names a kind of Clerk token: [SessionToken], [M2MToken],
// [OAuthToken] or [APIKey]. The middleware decides it from the token's shape
// (prefix, or the JWT's header and claims), never from the request.
type TokenKind = jwt.TokenKind

// Token kinds.
const (
	// SessionToken is a Clerk session token (a JWT), from the
	// Authorization header or the session cookie.
	SessionToken = jwt.SessionToken
	// M2MToken is a machine-to-machine token: opaque ("mt_...") or a JWT.
	M2MToken = jwt.M2MToken
	// OAuthToken is an OAuth access token: opaque ("oat_...") or a JWT.
	OAuthToken = jwt.OAuthToken
	// APIKey is an API key ("ak_...").
	APIKey = jwt.APIKey
)

// MachineAuth is what a verified machine token says: who it speaks for and
// what it may do. A fresh copy is handed to each request.
type MachineAuth struct {
	// Kind is M2MToken, OAuthToken or APIKey.
	Kind TokenKind
	// ID is the token's id ("mt_...", "oat_...", "ak_...").
	ID string
	// Subject is who the token speaks for: a machine ("mch_...") for M2M
	// tokens, the user who granted access for OAuth tokens, the owner
	// (user_... or org_...) for API keys.
	Subject string
	// OrgID is the organization the token belongs to, when there is one
	// (an API key owned by an organization).
	OrgID string
	// Scopes are the scopes granted.
	Scopes []string
	// Claims are the custom claims of an API key, when it has some.
	Claims map[string]any
	// ClientID is the OAuth application of an OAuth token.
	ClientID string
	// Expiration is when the token expires; zero when it does not.
	Expiration time.Time
}

// HasScope reports whether the token grants scope.
func (m *MachineAuth) HasScope(scope string) bool {
	return m != nil && scope != "" && slices.Contains(m.Scopes, scope)
}

// clone returns a deep copy of m.
func (m *MachineAuth) clone() *MachineAuth {
	out := *m
	out.Scopes = slices.Clone(m.Scopes)
	if m.Claims != nil {
		out.Claims = cloneJSONMap(m.Claims)
	}
	return &out
}

// cloneJSONMap deep-copies a decoded JSON object.
func cloneJSONMap(m map[string]any) map[string]any {
	out := maps.Clone(m)
	for k, v := range out {
		out[k] = cloneJSONValue(v)
	}
	return out
}

func cloneJSONValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		return cloneJSONMap(x)
	case []any:
		out := slices.Clone(x)
		for i, e := range out {
			out[i] = cloneJSONValue(e)
		}
		return out
	}
	return v
}

// machineFromJWT converts verified machine JWT claims.
func machineFromJWT(m *jwt.MachineClaims) *MachineAuth {
	return &MachineAuth{
		Kind: m.Kind, ID: m.ID, Subject: m.Subject, Scopes: m.Scopes,
		ClientID: m.ClientID, Expiration: m.Expiry,
	}
}

// OpaqueVerifier verifies opaque machine tokens ("mt_...", "oat_...",
// "ak_...") with Clerk: POST /m2m_tokens/verify, POST /api_keys/verify and
// POST /oauth_applications/access_tokens/verify. The SDK's machine services
// implement it; tests pass a fake.
//
// VerifyOpaque returns the token's [MachineAuth], or an error wrapping
// [ErrInvalidMachineToken] when Clerk says the token is not valid (unknown,
// revoked, expired). Any other error means the answer is unknown (network,
// 5xx): the request is answered 503 and nothing is cached.
type OpaqueVerifier interface {
	VerifyOpaque(ctx context.Context, kind TokenKind, token string) (*MachineAuth, error)
}

// ErrInvalidMachineToken is what an [OpaqueVerifier] wraps when Clerk says a
// machine token is not valid.
var ErrInvalidMachineToken = errors.New("clerkhttp: invalid machine token")

// Defaults of opaque-token verification.
const (
	// DefaultOpaqueCacheTTL is how long a verified opaque token is
	// remembered, and so the longest a revoked token keeps working here.
	DefaultOpaqueCacheTTL = 5 * time.Second
	// DefaultOpaqueCacheSize is how many opaque tokens are remembered.
	DefaultOpaqueCacheSize = 1024
	// DefaultOpaqueTimeout bounds one verification call: a slow API
	// cannot hold requests longer.
	DefaultOpaqueTimeout = 5 * time.Second
)

// opaqueCache verifies opaque tokens through an OpaqueVerifier: answers are
// cached for a short TTL (invalid tokens as invalid, never as valid;
// unknown outcomes not at all), concurrent verifications of one token
// share one call, and every call is bounded by a timeout.
type opaqueCache struct {
	ov      OpaqueVerifier
	ttl     time.Duration
	max     int
	timeout time.Duration
	now     func() time.Time

	mu      sync.RWMutex
	entries map[opaqueKey]opaqueEntry
	flights map[opaqueKey]*opaqueFlight
}

type opaqueKey struct {
	kind  TokenKind
	token string
}

type opaqueEntry struct {
	auth    *MachineAuth // nil when the token is invalid
	err     error
	expires time.Time
}

type opaqueFlight struct {
	done chan struct{}
	auth *MachineAuth
	err  error
}

func newOpaqueCache(ov OpaqueVerifier, ttl, timeout time.Duration, size int) *opaqueCache {
	return &opaqueCache{
		ov: ov, ttl: ttl, timeout: timeout, max: size, now: time.Now,
		entries: make(map[opaqueKey]opaqueEntry),
		flights: make(map[opaqueKey]*opaqueFlight),
	}
}

// verify returns a caller-owned MachineAuth for token.
func (c *opaqueCache) verify(ctx context.Context, kind TokenKind, token string) (*MachineAuth, error) {
	key := opaqueKey{kind, token}
	now := c.now()
	c.mu.RLock()
	e, hit := c.entries[key]
	c.mu.RUnlock()
	if hit && now.Before(e.expires) {
		if e.auth == nil {
			return nil, e.err
		}
		return e.auth.clone(), nil
	}
	c.mu.Lock()
	if e, ok := c.entries[key]; ok && !now.Before(e.expires) {
		delete(c.entries, key)
	}
	f, ok := c.flights[key]
	if !ok {
		f = &opaqueFlight{done: make(chan struct{})}
		c.flights[key] = f
		go c.run(context.WithoutCancel(ctx), kind, token, key, f)
	}
	c.mu.Unlock()

	select {
	case <-f.done:
	case <-ctx.Done():
		return nil, fmt.Errorf("clerkhttp: waiting for machine token verification: %w", ctx.Err())
	}
	if f.err != nil {
		return nil, f.err
	}
	return f.auth.clone(), nil
}

// run makes one verification call, bounded by the timeout even when the
// verifier ignores its context, and publishes the outcome.
func (c *opaqueCache) run(ctx context.Context, kind TokenKind, token string, key opaqueKey, f *opaqueFlight) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	type result struct {
		auth *MachineAuth
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		a, err := c.ov.VerifyOpaque(ctx, kind, token)
		ch <- result{a, err}
	}()
	timer := time.NewTimer(c.timeout)
	var res result
	select {
	case res = <-ch:
	case <-timer.C:
		res.err = fmt.Errorf("clerkhttp: machine token verification took over %s: %w", c.timeout, context.DeadlineExceeded)
	}
	timer.Stop()
	switch {
	case res.err == nil && res.auth == nil:
		res.err = fmt.Errorf("%w: verifier returned nothing", ErrInvalidMachineToken)
	case res.err == nil && res.auth.Kind != kind:
		res.err = fmt.Errorf("%w: a %s verified as a %s", ErrInvalidMachineToken, kind, res.auth.Kind)
		res.auth = nil
	case res.err != nil:
		res.auth = nil
	default:
		res.auth = res.auth.clone() // the cache's own copy
	}
	now := c.now()
	c.mu.Lock()
	delete(c.flights, key)
	if c.ttl > 0 && (res.err == nil || errors.Is(res.err, ErrInvalidMachineToken)) {
		exp := now.Add(c.ttl)
		if res.auth != nil && !res.auth.Expiration.IsZero() && res.auth.Expiration.Before(exp) {
			exp = res.auth.Expiration
		}
		c.putLocked(key, opaqueEntry{auth: res.auth, err: res.err, expires: exp}, now)
	}
	f.auth, f.err = res.auth, res.err
	c.mu.Unlock()
	close(f.done)
}

// putLocked stores e, evicting an expired entry (or an arbitrary one)
// when full. c.mu must be held.
func (c *opaqueCache) putLocked(key opaqueKey, e opaqueEntry, now time.Time) {
	if _, ok := c.entries[key]; !ok && len(c.entries) >= c.max {
		var victim opaqueKey
		n := 0
		for k, old := range c.entries {
			if n == 0 {
				victim = k
			}
			if !now.Before(old.expires) {
				victim = k
				break
			}
			if n++; n == 8 {
				break
			}
		}
		delete(c.entries, victim)
	}
	c.entries[key] = e
}
