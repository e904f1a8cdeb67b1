package jwt

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gjwt "github.com/golang-jwt/jwt/v5"
	"github.com/google/go-cmp/cmp"
)

// fakeJWKS is a fetch function whose document and failures tests control.
type fakeJWKS struct {
	mu    sync.Mutex
	doc   []byte
	err   error
	gate  chan struct{} // when non-nil, fetches block until it is closed
	calls atomic.Int64
}

func (f *fakeJWKS) fetch(ctx context.Context) ([]byte, error) {
	f.calls.Add(1)
	f.mu.Lock()
	gate := f.gate
	f.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.doc, f.err
}

func (f *fakeJWKS) set(doc []byte, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.doc, f.err = doc, err
}

func (f *fakeJWKS) block() chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.gate = make(chan struct{})
	return f.gate
}

// waitIdle spins (without sleeping) until no fetch is in flight.
func waitIdle(t *testing.T, c *JWKSCache) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		c.mu.Lock()
		busy := c.inflight != nil
		c.mu.Unlock()
		if !busy {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("fetch still in flight")
		}
		runtime.Gosched()
	}
}

// waitForWaiters spins (without sleeping) until n callers wait on a fetch.
func waitForWaiters(t *testing.T, c *JWKSCache, n int32) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for c.waiters.Load() < n {
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d callers waiting", c.waiters.Load(), n)
		}
		runtime.Gosched()
	}
}

func TestJWKSCache(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	k := keyring()
	docRSA := jwksDoc(jwkOf("ins_rsa", &k.rsa.PublicKey))
	docBoth := jwksDoc(jwkOf("ins_rsa", &k.rsa.PublicKey), jwkOf("ins_new", &k.rsaOther.PublicKey))
	docNew := jwksDoc(jwkOf("ins_new", &k.rsaOther.PublicKey))

	newCache := func(f *fakeJWKS, clock *mutableClock) *JWKSCache {
		return NewJWKSCache(f.fetch, WithJWKSClock(clock.Now))
	}

	t.Run("fetches lazily, then answers from memory", func(t *testing.T) {
		t.Parallel()
		f := &fakeJWKS{doc: docRSA}
		clock := newMutableClock(testNow)
		c := newCache(f, clock)
		if f.calls.Load() != 0 {
			t.Fatal("fetched at construction")
		}
		for range 100 {
			key, err := c.Key(ctx, "ins_rsa")
			if err != nil || !sameKey(&k.rsa.PublicKey, key) {
				t.Fatalf("Key = %v, %v", key, err)
			}
		}
		if got := f.calls.Load(); got != 1 {
			t.Errorf("%d fetches, want 1", got)
		}
		if diff := cmp.Diff([]string{"ins_rsa"}, c.KIDs()); diff != "" {
			t.Errorf("KIDs (-want +got):\n%s", diff)
		}
	})

	t.Run("unknown kid refetches at most once per interval", func(t *testing.T) {
		t.Parallel()
		f := &fakeJWKS{doc: docRSA}
		clock := newMutableClock(testNow)
		c := newCache(f, clock)
		if _, err := c.Key(ctx, "ins_rsa"); err != nil {
			t.Fatal(err)
		}
		clock.Advance(DefaultJWKSRefreshInterval)
		// A storm of unknown kids: one refetch, then none.
		for range 1000 {
			_, err := c.Key(ctx, "ins_attacker")
			checkSentinel(t, err, ErrUnknownKey)
		}
		if got := f.calls.Load(); got != 2 {
			t.Fatalf("%d fetches after the storm, want 2", got)
		}
		// Key rotation: the new key shows up; within the interval it is
		// still unknown, after it one refetch finds it.
		f.set(docBoth, nil)
		clock.Advance(DefaultJWKSRefreshInterval - time.Second)
		_, err := c.Key(ctx, "ins_new")
		checkSentinel(t, err, ErrUnknownKey)
		clock.Advance(time.Second)
		if key, err := c.Key(ctx, "ins_new"); err != nil || !sameKey(&k.rsaOther.PublicKey, key) {
			t.Fatalf("after rotation: %v, %v", key, err)
		}
		if got := f.calls.Load(); got != 3 {
			t.Errorf("%d fetches, want 3", got)
		}
	})

	t.Run("TTL expiry refetches", func(t *testing.T) {
		t.Parallel()
		f := &fakeJWKS{doc: docRSA}
		clock := newMutableClock(testNow)
		c := newCache(f, clock)
		if _, err := c.Key(ctx, "ins_rsa"); err != nil {
			t.Fatal(err)
		}
		clock.Advance(DefaultJWKSTTL - time.Second)
		if _, err := c.Key(ctx, "ins_rsa"); err != nil {
			t.Fatal(err)
		}
		if f.calls.Load() != 1 {
			t.Fatal("refetched before the TTL")
		}
		f.set(docNew, nil)
		clock.Advance(time.Second)
		// Stale: the known key is answered at once, the refresh runs behind.
		if _, err := c.Key(ctx, "ins_rsa"); err != nil {
			t.Fatalf("stale key: %v", err)
		}
		waitIdle(t, c)
		if f.calls.Load() != 2 {
			t.Errorf("%d fetches, want 2", f.calls.Load())
		}
		// The old key left the set: its first lookup refetches once.
		_, err := c.Key(ctx, "ins_rsa")
		checkSentinel(t, err, ErrUnknownKey)
		if key, err := c.Key(ctx, "ins_new"); err != nil || !sameKey(&k.rsaOther.PublicKey, key) {
			t.Errorf("new key: %v, %v", key, err)
		}
		if f.calls.Load() != 3 {
			t.Errorf("%d fetches, want 3", f.calls.Load())
		}
	})

	t.Run("failed refresh serves stale keys and waits an interval", func(t *testing.T) {
		t.Parallel()
		f := &fakeJWKS{doc: docRSA}
		clock := newMutableClock(testNow)
		c := newCache(f, clock)
		if _, err := c.Key(ctx, "ins_rsa"); err != nil {
			t.Fatal(err)
		}
		f.set(nil, errors.New("502 bad gateway"))
		clock.Advance(DefaultJWKSTTL)
		for range 10 {
			if _, err := c.Key(ctx, "ins_rsa"); err != nil {
				t.Fatalf("stale key not served: %v", err)
			}
			waitIdle(t, c)
		}
		if got := f.calls.Load(); got != 2 {
			t.Errorf("%d fetches, want 2 (no retry within the interval)", got)
		}
		f.set(docRSA, nil)
		clock.Advance(DefaultJWKSRefreshInterval)
		if _, err := c.Key(ctx, "ins_rsa"); err != nil {
			t.Fatal(err)
		}
		waitIdle(t, c)
		if got := f.calls.Load(); got != 3 {
			t.Errorf("%d fetches, want 3", got)
		}
	})

	t.Run("a slow refresh does not hold up known keys", func(t *testing.T) {
		t.Parallel()
		f := &fakeJWKS{doc: docRSA}
		clock := newMutableClock(testNow)
		c := newCache(f, clock)
		if _, err := c.Key(ctx, "ins_rsa"); err != nil {
			t.Fatal(err)
		}
		gate := f.block()
		clock.Advance(DefaultJWKSTTL)
		for range 5 {
			if _, err := c.Key(ctx, "ins_rsa"); err != nil {
				t.Fatal(err)
			}
		}
		close(gate)
		waitIdle(t, c)
		if got := f.calls.Load(); got != 2 {
			t.Errorf("%d fetches, want 2", got)
		}
	})

	t.Run("a bad document is a failed refresh", func(t *testing.T) {
		t.Parallel()
		f := &fakeJWKS{doc: docRSA}
		clock := newMutableClock(testNow)
		c := newCache(f, clock)
		if _, err := c.Key(ctx, "ins_rsa"); err != nil {
			t.Fatal(err)
		}
		f.set([]byte(`{"keys":[]}`), nil)
		if err := c.Refresh(ctx); err == nil {
			t.Error("Refresh accepted an empty set")
		}
		if _, err := c.Key(ctx, "ins_rsa"); err != nil {
			t.Errorf("previous keys lost: %v", err)
		}
	})

	t.Run("first fetch failing is ErrKeyUnavailable", func(t *testing.T) {
		t.Parallel()
		errDown := errors.New("connection refused")
		f := &fakeJWKS{err: errDown}
		clock := newMutableClock(testNow)
		c := newCache(f, clock)
		for range 3 {
			_, err := c.Key(ctx, "ins_rsa")
			checkSentinel(t, err, ErrKeyUnavailable)
			if !errors.Is(err, errDown) {
				t.Errorf("error %v does not wrap the fetch error", err)
			}
		}
		if got := f.calls.Load(); got != 1 {
			t.Errorf("%d fetches, want 1", got)
		}
		v := newTestVerifier(t, WithKeySource(c))
		_, err := v.Verify(ctx, mintRS256(t, v2Claims()))
		checkSentinel(t, err, ErrKeyUnavailable)
	})

	t.Run("concurrent callers share one fetch", func(t *testing.T) {
		t.Parallel()
		f := &fakeJWKS{doc: docRSA}
		gate := f.block()
		c := NewJWKSCache(f.fetch, WithJWKSRefreshInterval(0))
		const n = 32
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := c.Key(ctx, "ins_rsa"); err != nil {
					errs <- err
				}
			}()
		}
		waitForWaiters(t, c, n)
		close(gate)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if got := f.calls.Load(); got != 1 {
			t.Errorf("%d fetches for %d concurrent callers, want 1", got, n)
		}
	})

	t.Run("a caller whose context ends stops waiting; the fetch goes on", func(t *testing.T) {
		t.Parallel()
		f := &fakeJWKS{doc: docRSA}
		gate := f.block()
		c := NewJWKSCache(f.fetch)
		cctx, cancel := context.WithCancel(ctx)
		done := make(chan error)
		go func() {
			_, err := c.Key(cctx, "ins_rsa")
			done <- err
		}()
		waitForWaiters(t, c, 1)
		cancel()
		err := <-done
		checkSentinel(t, err, ErrKeyUnavailable)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v does not wrap context.Canceled", err)
		}
		other := make(chan error)
		go func() {
			_, err := c.Key(ctx, "ins_rsa")
			other <- err
		}()
		waitForWaiters(t, c, 1)
		close(gate)
		if err := <-other; err != nil {
			t.Errorf("the other caller: %v", err)
		}
		if got := f.calls.Load(); got != 1 {
			t.Errorf("%d fetches, want 1", got)
		}
	})

	t.Run("fetch timeout", func(t *testing.T) {
		t.Parallel()
		f := &fakeJWKS{doc: docRSA}
		f.block() // never released: only the timeout ends the fetch
		c := NewJWKSCache(f.fetch, WithJWKSFetchTimeout(time.Millisecond))
		err := c.Refresh(ctx)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Refresh = %v; want a deadline error", err)
		}
	})

	t.Run("Refresh ignores the interval", func(t *testing.T) {
		t.Parallel()
		f := &fakeJWKS{doc: docRSA}
		c := newCache(f, newMutableClock(testNow))
		for range 3 {
			if err := c.Refresh(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if got := f.calls.Load(); got != 3 {
			t.Errorf("%d fetches, want 3", got)
		}
	})

	t.Run("unchanged keys keep their identity across refreshes", func(t *testing.T) {
		t.Parallel()
		f := &fakeJWKS{doc: docRSA}
		c := newCache(f, newMutableClock(testNow))
		before, err := c.Key(ctx, "ins_rsa")
		if err != nil {
			t.Fatal(err)
		}
		f.set(docBoth, nil)
		if err := c.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		after, err := c.Key(ctx, "ins_rsa")
		if err != nil {
			t.Fatal(err)
		}
		if before != after {
			t.Error("an unchanged key got a new identity")
		}
	})

	// Attack: a key published right after a routine load. The old cache
	// refused its tokens for a whole refresh interval.
	t.Run("a key rotated in right after a load is found by its first token", func(t *testing.T) {
		t.Parallel()
		f := &fakeJWKS{doc: docRSA}
		clock := newMutableClock(testNow)
		c := newCache(f, clock)
		if _, err := c.Key(ctx, "ins_rsa"); err != nil {
			t.Fatal(err)
		}
		f.set(docBoth, nil)
		clock.Advance(time.Second) // well within the refresh interval
		if key, err := c.Key(ctx, "ins_new"); err != nil || !sameKey(&k.rsaOther.PublicKey, key) {
			t.Fatalf("new key right after a load: %v, %v", key, err)
		}
		// The cool-down still limits repeated unknown kids.
		for range 100 {
			_, err := c.Key(ctx, "ins_attacker")
			checkSentinel(t, err, ErrUnknownKey)
		}
		if got := f.calls.Load(); got != 2 {
			t.Errorf("%d fetches, want 2 (load, new key; the unknown kids wait out the interval)", got)
		}
	})

	// Attack: the JWKS endpoint is down for good. The old cache served the
	// last keys forever, so a key revoked by Clerk kept verifying tokens.
	t.Run("keys are not served past the max staleness", func(t *testing.T) {
		t.Parallel()
		f := &fakeJWKS{doc: docRSA}
		clock := newMutableClock(testNow)
		c := NewJWKSCache(f.fetch, WithJWKSClock(clock.Now), WithJWKSMaxStale(time.Hour))
		if _, err := c.Key(ctx, "ins_rsa"); err != nil {
			t.Fatal(err)
		}
		f.set(nil, errors.New("503"))
		clock.Advance(59 * time.Minute)
		if _, err := c.Key(ctx, "ins_rsa"); err != nil {
			t.Fatalf("within the max staleness: %v", err)
		}
		waitIdle(t, c)
		clock.Advance(2 * time.Minute)
		_, err := c.Key(ctx, "ins_rsa")
		checkSentinel(t, err, ErrKeyUnavailable)
		// Once the endpoint answers again, the keys come back.
		f.set(docRSA, nil)
		clock.Advance(DefaultJWKSRefreshInterval)
		if _, err := c.Key(ctx, "ins_rsa"); err != nil {
			t.Errorf("after recovery: %v", err)
		}
		if d := NewJWKSCache(f.fetch).maxStale; d != DefaultJWKSMaxStale {
			t.Errorf("default max staleness %v", d)
		}
	})

	// Attack: a fetch function that ignores its context (a hung
	// connection without deadline) held every caller, and every later
	// fetch, forever.
	t.Run("a fetch ignoring its context cannot block callers past the timeout", func(t *testing.T) {
		t.Parallel()
		release := make(chan struct{})
		defer close(release)
		var calls atomic.Int32
		hung := func(context.Context) ([]byte, error) {
			if calls.Add(1) == 1 {
				<-release // ignores ctx
			}
			return docRSA, nil
		}
		c := NewJWKSCache(hung, WithJWKSFetchTimeout(20*time.Millisecond), WithJWKSRefreshInterval(time.Second))
		start := time.Now()
		_, err := c.Key(ctx, "ins_rsa")
		checkSentinel(t, err, ErrKeyUnavailable)
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("caller blocked %v", d)
		}
		// The hung fetch no longer holds the slot: a refresh goes through.
		if err := c.Refresh(ctx); err != nil {
			t.Fatalf("Refresh after a hung fetch: %v", err)
		}
		if _, err := c.Key(ctx, "ins_rsa"); err != nil {
			t.Error(err)
		}
	})

	t.Run("a refresh interval of 0 is floored", func(t *testing.T) {
		t.Parallel()
		f := &fakeJWKS{doc: docRSA}
		clock := newMutableClock(testNow)
		c := NewJWKSCache(f.fetch, WithJWKSClock(clock.Now), WithJWKSRefreshInterval(0))
		if c.interval != MinJWKSRefreshInterval {
			t.Fatalf("interval %v", c.interval)
		}
		if _, err := c.Key(ctx, "ins_rsa"); err != nil {
			t.Fatal(err)
		}
		for range 100 {
			_, err := c.Key(ctx, "ins_random")
			checkSentinel(t, err, ErrUnknownKey)
		}
		if got := f.calls.Load(); got != 2 {
			t.Errorf("%d fetches for 100 unknown kids at one instant, want 2", got)
		}
	})

	t.Run("options", func(t *testing.T) {
		t.Parallel()
		c := NewJWKSCache((&fakeJWKS{}).fetch, WithJWKSTTL(time.Minute), WithJWKSRefreshInterval(time.Second),
			WithJWKSFetchTimeout(time.Second), WithJWKSTTL(-1), nil)
		if c.ttl != time.Minute || c.interval != time.Second || c.timeout != time.Second {
			t.Errorf("ttl %v interval %v timeout %v", c.ttl, c.interval, c.timeout)
		}
		if _, err := NewJWKSCache(nil).Key(context.Background(), "k"); !errors.Is(err, ErrKeyUnavailable) {
			t.Errorf("nil fetch: err = %v, want ErrKeyUnavailable", err)
		}
	})
}

// TestJWKSCacheWithVerifier follows a key rotation through the verifier,
// including its verified-token cache.
func TestJWKSCacheWithVerifier(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	k := keyring()
	f := &fakeJWKS{doc: jwksDoc(jwkOf("ins_old", &k.rsa.PublicKey))}
	clock := newMutableClock(testNow)
	c := NewJWKSCache(f.fetch, WithJWKSClock(clock.Now))
	v := newTestVerifier(t, WithKeySource(c), WithClock(clock.Now), WithLeeway(time.Hour))
	oldTok := mint(t, gjwt.SigningMethodRS256, k.rsa, "ins_old", v2Claims())
	newTok := mint(t, gjwt.SigningMethodRS256, k.rsaOther, "ins_new", v2Claims())

	for range 3 {
		if _, err := v.Verify(ctx, oldTok); err != nil {
			t.Fatal(err)
		}
	}
	// Rotation: the JWKS now holds only the new key.
	f.set(jwksDoc(jwkOf("ins_new", &k.rsaOther.PublicKey)), nil)
	clock.Advance(DefaultJWKSRefreshInterval)
	if _, err := v.Verify(ctx, newTok); err != nil {
		t.Fatalf("new key after rotation: %v", err)
	}
	_, err := v.Verify(ctx, oldTok)
	checkSentinel(t, err, ErrUnknownKey)
	if got := f.calls.Load(); got != 2 {
		t.Errorf("%d fetches, want 2", got)
	}
}

// Attack: the JWKS endpoint stays down while a key Clerk revoked keeps
// verifying tokens, from the verified-token cache too.
func TestStaleJWKSStopsVerification(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	k := keyring()
	f := &fakeJWKS{doc: jwksDoc(jwkOf("ins_rsa", &k.rsa.PublicKey))}
	clock := newMutableClock(testNow)
	c := NewJWKSCache(f.fetch, WithJWKSClock(clock.Now), WithJWKSMaxStale(2*time.Hour))
	v := newTestVerifier(t, WithKeySource(c), WithClock(clock.Now), WithLeeway(48*time.Hour))
	tok := mint(t, gjwt.SigningMethodRS256, k.rsa, "ins_rsa", v2Claims())
	if _, err := v.Verify(ctx, tok); err != nil {
		t.Fatal(err)
	}
	f.set(nil, errors.New("connection refused"))
	clock.Advance(time.Hour)
	if _, err := v.Verify(ctx, tok); err != nil {
		t.Fatalf("within the max staleness: %v", err)
	}
	waitIdle(t, c)
	clock.Advance(2 * time.Hour)
	_, err := v.Verify(ctx, tok)
	checkSentinel(t, err, ErrKeyUnavailable)
}

// Rotation through the verifier: a key published right after a load
// verifies its first token.
func TestRotationRightAfterLoadWithVerifier(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	k := keyring()
	f := &fakeJWKS{doc: jwksDoc(jwkOf("ins_old", &k.rsa.PublicKey))}
	clock := newMutableClock(testNow)
	c := NewJWKSCache(f.fetch, WithJWKSClock(clock.Now))
	v := newTestVerifier(t, WithKeySource(c), WithClock(clock.Now))
	if _, err := v.Verify(ctx, mint(t, gjwt.SigningMethodRS256, k.rsa, "ins_old", v2Claims())); err != nil {
		t.Fatal(err)
	}
	f.set(jwksDoc(jwkOf("ins_old", &k.rsa.PublicKey), jwkOf("ins_new", &k.rsaOther.PublicKey)), nil)
	clock.Advance(time.Second)
	if _, err := v.Verify(ctx, mint(t, gjwt.SigningMethodRS256, k.rsaOther, "ins_new", v2Claims())); err != nil {
		t.Errorf("first token of a key published after the load: %v", err)
	}
}

// A nil context is refused with ErrKeyUnavailable: no panic (the cache
// used to panic while holding its lock, so every later call hung), no
// fetch, and the cache keeps working for the next caller.
func TestNilContextRefused(t *testing.T) {
	t.Parallel()
	k := keyring()
	f := &fakeJWKS{doc: jwksDoc(jwkOf("ins_old", &k.rsa.PublicKey))}
	clock := newMutableClock(testNow)
	c := NewJWKSCache(f.fetch, WithJWKSClock(clock.Now))
	v := newTestVerifier(t, WithKeySource(c), WithClock(clock.Now), WithLeeway(time.Hour))
	tok := mint(t, gjwt.SigningMethodRS256, k.rsa, "ins_old", v2Claims())
	var nilCtx context.Context // the input under test
	calls := map[string]func() error{
		"Key":           func() error { _, err := c.Key(nilCtx, "ins_old"); return err },
		"Refresh":       func() error { return c.Refresh(nilCtx) },
		"Verify":        func() error { _, err := v.Verify(nilCtx, tok); return err },
		"VerifyMachine": func() error { _, err := v.VerifyMachine(nilCtx, tok); return err },
		"VerifyToken":   func() error { _, err := v.VerifyToken(nilCtx, tok); return err },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, ErrKeyUnavailable) {
			t.Errorf("%s: err = %v, want ErrKeyUnavailable", name, err)
		}
	}
	if n := f.calls.Load(); n != 0 {
		t.Errorf("%d fetches under a nil context, want 0", n)
	}
	if _, err := v.Verify(context.Background(), tok); err != nil {
		t.Errorf("Verify after the nil-context calls: %v", err)
	}
}
