package jwt

import (
	"context"
	"crypto"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults of a [JWKSCache].
const (
	// DefaultJWKSTTL is how long a fetched key set is used before it is
	// fetched again.
	DefaultJWKSTTL = 5 * time.Minute
	// DefaultJWKSRefreshInterval is the least time between two fetches, so
	// that tokens with unknown "kid" values cannot make the cache hammer the
	// API: at most one fetch per interval, however many such tokens arrive.
	DefaultJWKSRefreshInterval = 30 * time.Second
	// DefaultJWKSFetchTimeout bounds one fetch.
	DefaultJWKSFetchTimeout = 10 * time.Second
	// DefaultJWKSMaxStale is how long after the last successful fetch a
	// key set is still served while every refresh fails. Past it, Key
	// fails with [ErrKeyUnavailable]: a key Clerk revoked a day ago must
	// not keep verifying tokens because the API has been unreachable.
	DefaultJWKSMaxStale = 24 * time.Hour
	// MinJWKSRefreshInterval is the floor of the refresh interval; shorter
	// intervals (0 included) are raised to it.
	MinJWKSRefreshInterval = time.Second
)

// JWKSCache is a [KeySource] over a JSON Web Key Set fetched on demand, such
// as the Backend API's GET /jwks. The fetch itself is injected, so this
// package stays free of HTTP; the SDK's client wires it to its transport.
//
// Behavior:
//
//   - The first Key call fetches the set; later calls answer from memory
//     (a lock-free read). Once the set is older than the TTL (default
//     [DefaultJWKSTTL]) a known key is still answered at once while the set
//     is refreshed in the background, so requests never wait on a routine
//     refresh.
//   - An unknown "kid" (a key published after the last load, say) triggers
//     a refetch at once, even right after a routine load, so the first
//     token signed with a new key is verified. Further unknown-kid
//     refetches wait out the refresh interval (default
//     [DefaultJWKSRefreshInterval]); in between, unknown kids fail at once
//     with [ErrUnknownKey]. There is never a fetch per request.
//   - Concurrent callers needing a fetch share a single one. A caller whose
//     context ends stops waiting; the fetch carries on for the others. No
//     caller waits longer than the fetch timeout, even on a fetch function
//     that ignores its context: the fetch is then abandoned as failed.
//   - When a refresh fails, the previous keys keep being served, for at
//     most the max staleness after the last successful fetch (default
//     [DefaultJWKSMaxStale]); after that, and when no set was ever
//     fetched, Key fails with [ErrKeyUnavailable].
//
// It is safe for concurrent use.
type JWKSCache struct {
	fetch    func(ctx context.Context) ([]byte, error)
	ttl      time.Duration
	interval time.Duration
	timeout  time.Duration
	maxStale time.Duration
	now      func() time.Time

	state atomic.Pointer[jwksState] // latest good set; nil before the first

	mu          sync.Mutex
	lastAttempt time.Time // start of the last fetch, good or bad
	lastUnknown time.Time // start of the last fetch an unknown kid caused
	lastErr     error     // error of the last fetch
	inflight    *jwksCall

	waiters atomic.Int32 // callers blocked on a fetch (observed by tests)
}

// jwksState is an immutable snapshot of a fetched set.
type jwksState struct {
	set       *KeySet
	fetchedAt time.Time
}

// jwksCall is one fetch shared by every caller that waits for it.
type jwksCall struct {
	done chan struct{}
	err  error
}

// JWKSOption configures a [JWKSCache].
type JWKSOption func(*JWKSCache)

// WithJWKSTTL sets how long a fetched set is used before it is fetched again
// (default [DefaultJWKSTTL]).
func WithJWKSTTL(d time.Duration) JWKSOption {
	return func(c *JWKSCache) {
		if d > 0 {
			c.ttl = d
		}
	}
}

// WithJWKSRefreshInterval sets the least time between two fetches caused
// by unknown kids, and between retries of failed fetches (default
// [DefaultJWKSRefreshInterval]). Intervals under [MinJWKSRefreshInterval],
// 0 included, are raised to it: without a floor, tokens naming random kids
// would make one fetch each.
func WithJWKSRefreshInterval(d time.Duration) JWKSOption {
	return func(c *JWKSCache) {
		c.interval = max(d, MinJWKSRefreshInterval)
	}
}

// WithJWKSMaxStale sets how long after the last successful fetch the keys
// are still served while refreshes fail (default [DefaultJWKSMaxStale]).
// Values not above the TTL are raised to twice the TTL.
func WithJWKSMaxStale(d time.Duration) JWKSOption {
	return func(c *JWKSCache) {
		if d > 0 {
			c.maxStale = d
		}
	}
}

// WithJWKSFetchTimeout bounds each fetch (default [DefaultJWKSFetchTimeout]).
func WithJWKSFetchTimeout(d time.Duration) JWKSOption {
	return func(c *JWKSCache) {
		if d > 0 {
			c.timeout = d
		}
	}
}

// WithJWKSClock sets the clock used for the TTL and the refresh interval
// (default time.Now).
func WithJWKSClock(now func() time.Time) JWKSOption {
	return func(c *JWKSCache) {
		if now != nil {
			c.now = now
		}
	}
}

// NewJWKSCache returns a JWKSCache that gets the JWKS document from fetch,
// which must return the raw JSON (for instance the body of GET /jwks). It
// does not fetch until a key is first needed; call [JWKSCache.Refresh] to
// warm it up. A nil fetch gives a cache whose every lookup fails with
// ErrKeyUnavailable (a programming error surfaced as an error, not a panic).
func NewJWKSCache(fetch func(ctx context.Context) ([]byte, error), opts ...JWKSOption) *JWKSCache {
	if fetch == nil {
		fetch = func(context.Context) ([]byte, error) {
			return nil, fmt.Errorf("%w: NewJWKSCache was given a nil fetch function", ErrKeyUnavailable)
		}
	}
	c := &JWKSCache{
		fetch:    fetch,
		ttl:      DefaultJWKSTTL,
		interval: DefaultJWKSRefreshInterval,
		timeout:  DefaultJWKSFetchTimeout,
		maxStale: DefaultJWKSMaxStale,
		now:      time.Now,
	}
	for _, opt := range opts {
		if opt != nil {
			opt(c)
		}
	}
	if c.maxStale <= c.ttl {
		c.maxStale = 2 * c.ttl
	}
	return c
}

// Reasons a fetch starts, each with its own throttle.
const (
	fetchRoutine = iota // first load, TTL refresh, retry: one per interval
	fetchUnknown        // unknown kid: first at once, then one per interval
	fetchForced         // Refresh: always
)

// Key returns the key with id kid, fetching the set when it is missing,
// stale, or lacks kid (subject to the refresh interval).
func (c *JWKSCache) Key(ctx context.Context, kid string) (crypto.PublicKey, error) {
	if ctx == nil {
		return nil, errNilContext
	}
	now := c.now()
	st := c.state.Load()
	if st != nil && now.Sub(st.fetchedAt) <= c.maxStale {
		if k, ok := st.set.keys[kid]; ok {
			if now.Sub(st.fetchedAt) >= c.ttl {
				// Stale but known: answer now, refresh in the background.
				c.mu.Lock()
				c.startLocked(ctx, now, fetchRoutine)
				c.mu.Unlock()
			}
			return k, nil
		}
	}
	// No usable set yet, or an unknown kid: fetch (throttled) and wait.
	reason := fetchRoutine
	if st != nil && now.Sub(st.fetchedAt) <= c.maxStale {
		reason = fetchUnknown
	}
	c.mu.Lock()
	call := c.startLocked(ctx, now, reason)
	c.mu.Unlock()
	if call != nil {
		if err := c.wait(ctx, call); err != nil {
			return nil, err
		}
	}
	st = c.state.Load()
	if st == nil {
		c.mu.Lock()
		err := c.lastErr
		c.mu.Unlock()
		return nil, fmt.Errorf("%w: JWKS not fetched: %w", ErrKeyUnavailable, err)
	}
	if age := c.now().Sub(st.fetchedAt); age > c.maxStale {
		c.mu.Lock()
		err := c.lastErr
		c.mu.Unlock()
		return nil, fmt.Errorf("%w: JWKS last fetched %s ago (max staleness %s): %w",
			ErrKeyUnavailable, age.Round(time.Second), c.maxStale, err)
	}
	if k, ok := st.set.keys[kid]; ok {
		return k, nil
	}
	return nil, newUnknownKeyError(kid)
}

// Refresh fetches the set now, whatever the refresh interval, sharing a
// fetch already in flight. It returns the fetch's error; on error the
// previous keys stay in use.
func (c *JWKSCache) Refresh(ctx context.Context) error {
	if ctx == nil {
		return errNilContext
	}
	c.mu.Lock()
	call := c.startLocked(ctx, c.now(), fetchForced)
	c.mu.Unlock()
	if err := c.wait(ctx, call); err != nil {
		return err
	}
	return call.err
}

// KIDs returns the key ids of the current set, sorted; nil before the first
// successful fetch. It never fetches.
func (c *JWKSCache) KIDs() []string {
	if st := c.state.Load(); st != nil {
		return st.set.KIDs()
	}
	return nil
}

// startLocked returns the fetch in flight, or starts one unless the
// throttle of reason forbids it, in which case it returns nil. c.mu must be
// held.
func (c *JWKSCache) startLocked(ctx context.Context, now time.Time, reason int) *jwksCall {
	if c.inflight != nil {
		return c.inflight
	}
	switch reason {
	case fetchRoutine:
		if !c.lastAttempt.IsZero() && now.Sub(c.lastAttempt) < c.interval {
			return nil
		}
	case fetchUnknown:
		if !c.lastUnknown.IsZero() && now.Sub(c.lastUnknown) < c.interval {
			return nil
		}
		c.lastUnknown = now
	}
	c.lastAttempt = now
	call := &jwksCall{done: make(chan struct{})}
	c.inflight = call
	go c.run(context.WithoutCancel(ctx), call, now)
	return call
}

// wait blocks until call is done or ctx ends.
func (c *JWKSCache) wait(ctx context.Context, call *jwksCall) error {
	c.waiters.Add(1)
	defer c.waiters.Add(-1)
	select {
	case <-call.done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("%w: waiting for JWKS: %w", ErrKeyUnavailable, ctx.Err())
	}
}

// run performs one fetch and publishes its result. A fetch still running
// at the timeout (one that ignores its context) is abandoned as failed, so
// that it holds up neither the waiters nor later fetches; its late result
// is discarded.
func (c *JWKSCache) run(ctx context.Context, call *jwksCall, started time.Time) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	type result struct {
		doc []byte
		err error
	}
	ch := make(chan result, 1)
	go func() {
		doc, err := c.fetch(ctx)
		ch <- result{doc, err}
	}()
	var doc []byte
	var err error
	timer := time.NewTimer(c.timeout)
	select {
	case res := <-ch:
		doc, err = res.doc, res.err
	case <-timer.C:
		err = fmt.Errorf("JWKS fetch still running after %s: %w", c.timeout, context.DeadlineExceeded)
	}
	timer.Stop()
	var set *KeySet
	if err == nil {
		set, err = ParseJWKS(doc)
	}
	c.mu.Lock()
	if err == nil {
		// Keep the previous key values where a key did not change, so the
		// verified-token cache recognizes them by identity.
		if old := c.state.Load(); old != nil {
			for kid, k := range set.keys {
				if prev, ok := old.set.keys[kid]; ok && sameKey(prev, k) {
					set.keys[kid] = prev
				}
			}
		}
		c.state.Store(&jwksState{set: set, fetchedAt: started})
	}
	c.lastErr = err
	call.err = err
	c.inflight = nil
	c.mu.Unlock()
	close(call.done)
}
