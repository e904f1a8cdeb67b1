package jwt

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	gjwt "github.com/golang-jwt/jwt/v5"
)

// Benchmarks compare against two baselines on the very same tokens, in the
// same loop (the machine is noisy, so separate benchmark runs are not
// comparable):
//
//   - the floor: base64url-decoding the three segments, SHA-256 of the
//     signing input and rsa.VerifyPKCS1v15, the least any RS256 verifier
//     must do;
//   - golang-jwt v5 (test-only dependency), the usual peer.
//
// Each iteration times every contender once, rotating their order, and the
// benchmark reports per-contender ns/op and the ratios as custom metrics.
// Reproduce with:
//
//	go test -run '^$' -bench . -benchtime 2s -count 8 ./jwt/

// benchTokenCount distinct tokens defeat the verified-token cache, whose
// size the fresh-path benchmarks set far below it.
const benchTokenCount = 1024

var benchTokens = sync.OnceValue(func() []string {
	toks := make([]string, benchTokenCount)
	k := keyring()
	for i := range toks {
		c := with(v2Claims(), "jti", fmt.Sprintf("jti_%08d_%s", i, strings.Repeat("x", 12)))
		tok := gjwt.NewWithClaims(gjwt.SigningMethodRS256, gjwt.MapClaims(c))
		tok.Header["kid"] = "ins_rsa"
		s, err := tok.SignedString(k.rsa)
		if err != nil {
			panic(err)
		}
		toks[i] = s
	}
	return toks
})

// floorVerify is the floor: decode, hash, RSA-verify, nothing else.
func floorVerify(pub *rsa.PublicKey, token string) error {
	d1 := strings.IndexByte(token, '.')
	d2 := strings.LastIndexByte(token, '.')
	if _, err := base64.RawURLEncoding.DecodeString(token[:d1]); err != nil {
		return err
	}
	if _, err := base64.RawURLEncoding.DecodeString(token[d1+1 : d2]); err != nil {
		return err
	}
	sig, err := base64.RawURLEncoding.DecodeString(token[d2+1:])
	if err != nil {
		return err
	}
	h := sha256.Sum256([]byte(token[:d2]))
	return rsa.VerifyPKCS1v15(pub, crypto.SHA256, h[:], sig)
}

// peerVerifier is golang-jwt configured as close to ours as it allows.
type peerVerifier struct {
	parser *gjwt.Parser
	keyFn  gjwt.Keyfunc
}

func newPeer(pub *rsa.PublicKey) *peerVerifier {
	return &peerVerifier{
		parser: gjwt.NewParser(
			gjwt.WithValidMethods([]string{"RS256"}),
			gjwt.WithExpirationRequired(),
			gjwt.WithIssuedAt(),
			gjwt.WithLeeway(5*time.Second),
			gjwt.WithTimeFunc(fixedClock),
			gjwt.WithIssuer("https://clerk.example.com"),
		),
		keyFn: func(*gjwt.Token) (any, error) { return pub, nil },
	}
}

func (p *peerVerifier) verify(token string) error {
	_, err := p.parser.Parse(token, p.keyFn)
	return err
}

func benchVerifier(b *testing.B, cacheSize int) *Verifier {
	b.Helper()
	v, err := NewVerifier(
		WithPEM(publicPEM(b, &keyring().rsa.PublicKey)),
		WithClock(fixedClock),
		WithIssuer("https://clerk.example.com"),
		WithAuthorizedParties("https://app.example.com"),
		WithTokenCacheSize(cacheSize),
	)
	if err != nil {
		b.Fatal(err)
	}
	return v
}

// timed runs f and returns its duration, failing the benchmark on error.
func timed(b *testing.B, f func() error) time.Duration {
	t0 := time.Now()
	err := f()
	d := time.Since(t0)
	if err != nil {
		b.Fatal(err)
	}
	return d
}

// BenchmarkFreshPaired: floor vs this package (cache on, defeated) vs
// golang-jwt, same token each iteration.
func BenchmarkFreshPaired(b *testing.B) {
	toks := benchTokens()
	pub := &keyring().rsa.PublicKey
	v := benchVerifier(b, 64)
	peer := newPeer(pub)
	ctx := context.Background()
	var sum [3]time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tok := toks[i%len(toks)]
		for j := range 3 {
			switch k := (i + j) % 3; k {
			case 0:
				sum[0] += timed(b, func() error { return floorVerify(pub, tok) })
			case 1:
				sum[1] += timed(b, func() error { _, err := v.Verify(ctx, tok); return err })
			case 2:
				sum[2] += timed(b, func() error { return peer.verify(tok) })
			}
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(sum[0].Nanoseconds())/n, "floor-ns/op")
	b.ReportMetric(float64(sum[1].Nanoseconds())/n, "jwt-ns/op")
	b.ReportMetric(float64(sum[2].Nanoseconds())/n, "golangjwt-ns/op")
	b.ReportMetric(float64(sum[1])/float64(sum[0]), "jwt-x-floor")
	b.ReportMetric(float64(sum[2])/float64(sum[0]), "golangjwt-x-floor")
}

// BenchmarkCachedPaired: fresh path vs cache hit, in the same loop.
func BenchmarkCachedPaired(b *testing.B) {
	toks := benchTokens()
	fresh := benchVerifier(b, 64)
	cached := benchVerifier(b, DefaultTokenCacheSize)
	ctx := context.Background()
	hot := toks[0]
	if _, err := cached.Verify(ctx, hot); err != nil {
		b.Fatal(err)
	}
	var sum [2]time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tok := toks[1+i%(len(toks)-1)]
		if i%2 == 0 {
			sum[0] += timed(b, func() error { _, err := fresh.Verify(ctx, tok); return err })
			sum[1] += timed(b, func() error { _, err := cached.Verify(ctx, hot); return err })
		} else {
			sum[1] += timed(b, func() error { _, err := cached.Verify(ctx, hot); return err })
			sum[0] += timed(b, func() error { _, err := fresh.Verify(ctx, tok); return err })
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(sum[0].Nanoseconds())/n, "fresh-ns/op")
	b.ReportMetric(float64(sum[1].Nanoseconds())/n, "cached-ns/op")
	b.ReportMetric(float64(sum[0])/float64(sum[1]), "fresh-over-cached")
}

// The benchmarks below run one contender alone, for allocations per op.

func BenchmarkFloor(b *testing.B) {
	toks := benchTokens()
	pub := &keyring().rsa.PublicKey
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := floorVerify(pub, toks[i%len(toks)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyFresh(b *testing.B) {
	toks := benchTokens()
	v := benchVerifier(b, 64)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := v.Verify(ctx, toks[i%len(toks)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyCached(b *testing.B) {
	tok := benchTokens()[0]
	v := benchVerifier(b, DefaultTokenCacheSize)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := v.Verify(ctx, tok); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGolangJWT(b *testing.B) {
	toks := benchTokens()
	peer := newPeer(&keyring().rsa.PublicKey)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := peer.verify(toks[i%len(toks)]); err != nil {
			b.Fatal(err)
		}
	}
}

// TestVerifyAllocations holds the allocation budget: at most 40 per fresh
// verification (cache insertion included) and at most 1 per cache hit.
func TestVerifyAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts differ under the race detector")
	}
	ctx := context.Background()
	a, b := mintRS256(t, v2Claims()), mintRS256(t, with(v2Claims(), "jti", "other"))
	// A one-entry cache: alternating two tokens makes every call fresh.
	fresh := newTestVerifier(t, WithTokenCacheSize(1))
	i := 0
	allocs := testing.AllocsPerRun(50, func() {
		tok := a
		if i++; i%2 == 0 {
			tok = b
		}
		if _, err := fresh.Verify(ctx, tok); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 40 {
		t.Errorf("fresh path: %v allocations; budget 40", allocs)
	}
	cached := newTestVerifier(t)
	hit := testing.AllocsPerRun(50, func() {
		if _, err := cached.Verify(ctx, a); err != nil {
			t.Fatal(err)
		}
	})
	// A hit hands out a deep copy: the claims with their actor, factor
	// ages and slices, in one allocation.
	if hit > 1 {
		t.Errorf("cache hit: %v allocations; budget 1", hit)
	}
	t.Logf("fresh %v allocs/op, hit %v allocs/op", allocs, hit)
}

var benchM2MTokens = sync.OnceValue(func() []string {
	toks := make([]string, benchTokenCount)
	k := keyring()
	for i := range toks {
		c := with(m2mClaims(), "jti", fmt.Sprintf("mt_%08d_%s", i, strings.Repeat("x", 20)))
		tok := gjwt.NewWithClaims(gjwt.SigningMethodRS256, gjwt.MapClaims(c))
		tok.Header["kid"] = "ins_rsa"
		tok.Header["cat"] = catM2M
		s, err := tok.SignedString(k.rsa)
		if err != nil {
			panic(err)
		}
		toks[i] = s
	}
	return toks
})

// BenchmarkMachineFreshPaired: the RS256 floor vs VerifyMachine of a
// JWT-format M2M token (cache on, defeated), alternating. Reproduce with:
//
//	go test -run '^$' -bench MachineFreshPaired -benchtime 2s -count 6 ./jwt/
func BenchmarkMachineFreshPaired(b *testing.B) {
	toks := benchM2MTokens()
	pub := &keyring().rsa.PublicKey
	v := benchVerifier(b, 64)
	ctx := context.Background()
	var sum [2]time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tok := toks[i%len(toks)]
		if i%2 == 0 {
			sum[0] += timed(b, func() error { return floorVerify(pub, tok) })
			sum[1] += timed(b, func() error { _, err := v.VerifyMachine(ctx, tok); return err })
		} else {
			sum[1] += timed(b, func() error { _, err := v.VerifyMachine(ctx, tok); return err })
			sum[0] += timed(b, func() error { return floorVerify(pub, tok) })
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(sum[0].Nanoseconds())/n, "floor-ns/op")
	b.ReportMetric(float64(sum[1].Nanoseconds())/n, "m2m-ns/op")
	b.ReportMetric(float64(sum[1])/float64(sum[0]), "m2m-x-floor")
}

// BenchmarkCachedHitPaired prices the copy a cache hit hands out: each
// iteration times a hit handing out a shallow copy (the old behavior,
// sharing slices with the cache) and a hit through Verify (a deep copy),
// in alternating order. Reproduce with:
//
//	go test -run '^$' -bench CachedHitPaired -benchtime 1s -count 6 ./jwt/
func BenchmarkCachedHitPaired(b *testing.B) {
	v := benchVerifier(b, DefaultTokenCacheSize)
	ctx := context.Background()
	tok := benchTokens()[0]
	if _, err := v.Verify(ctx, tok); err != nil {
		b.Fatal(err)
	}
	var sink *Claims
	shallow := func() error {
		c, _, err := v.verifyShared(ctx, tok)
		if err == nil {
			cp := *c
			sink = &cp
		}
		return err
	}
	deep := func() error {
		c, err := v.Verify(ctx, tok)
		sink = c
		return err
	}
	var sum [2]time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			sum[0] += timed(b, shallow)
			sum[1] += timed(b, deep)
		} else {
			sum[1] += timed(b, deep)
			sum[0] += timed(b, shallow)
		}
	}
	_ = sink
	n := float64(b.N)
	b.ReportMetric(float64(sum[0].Nanoseconds())/n, "shallow-ns/op")
	b.ReportMetric(float64(sum[1].Nanoseconds())/n, "deep-ns/op")
	b.ReportMetric(float64((sum[1]-sum[0]).Nanoseconds())/n, "copy-ns/op")
}
