package jwt

import (
	"crypto"
	"sync"
	"time"
)

// tokenCache remembers verified tokens, bounded in entries. Eviction is
// random (Go's map iteration order), preferring an expired entry among a
// few sampled: O(1), no lock held on reads beyond a read lock, and no
// pattern an attacker can exploit to pin entries.
type tokenCache struct {
	mu      sync.RWMutex
	max     int
	entries map[string]cacheEntry
}

// cacheEntry is one verified token: its claims and the key that verified
// it, to check on every hit that the key is still in the key set.
type cacheEntry struct {
	claims *Claims // shared: handed out as copies only
	kind   TokenKind
	key    crypto.PublicKey
	kid    string
}

// evictionSample is how many entries a full cache looks at for an expired
// one before evicting an arbitrary one.
const evictionSample = 8

func newTokenCache(max int) *tokenCache {
	return &tokenCache{max: max, entries: make(map[string]cacheEntry)}
}

func (c *tokenCache) get(token string) (cacheEntry, bool) {
	c.mu.RLock()
	e, ok := c.entries[token]
	c.mu.RUnlock()
	return e, ok
}

func (c *tokenCache) put(token string, e cacheEntry, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[token]; !ok && len(c.entries) >= c.max {
		victim, n := "", 0
		for tok, old := range c.entries {
			if n == 0 {
				victim = tok
			}
			if old.claims.Expiry.Before(now) {
				victim = tok
				break
			}
			if n++; n == evictionSample {
				break
			}
		}
		delete(c.entries, victim)
	}
	c.entries[token] = e
}

// remove drops token if it still maps to the entry holding claims.
func (c *tokenCache) remove(token string, claims *Claims) {
	c.mu.Lock()
	if e, ok := c.entries[token]; ok && e.claims == claims {
		delete(c.entries, token)
	}
	c.mu.Unlock()
}

// len returns the number of entries (for tests).
func (c *tokenCache) len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.entries)
}
