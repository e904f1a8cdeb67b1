package clerkhttp

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// discardWriter is a ResponseWriter that keeps nothing.
type discardWriter struct{ h http.Header }

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardWriter) WriteHeader(int)             {}

// BenchmarkMiddlewarePaired measures the middleware's overhead over the
// verifier it wraps: each iteration times a (cached) Verify call and a
// request through Middleware + RequireAuth + a handler reading the claims,
// in alternating order, and reports both and their difference. Reproduce
// with:
//
//	go test -run '^$' -bench MiddlewarePaired -benchtime 2s -count 8 ./clerkhttp/
func BenchmarkMiddlewarePaired(b *testing.B) {
	v := newVerifier(b)
	tok := mint(b, baseClaims())
	ctx := context.Background()
	if _, err := v.Verify(ctx, tok); err != nil {
		b.Fatal(err)
	}
	h := Middleware(v)(RequireAuth(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := ClaimsFromContext(r.Context()); !ok {
			b.Fatal("signed out")
		}
	})))
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("Authorization", "Bearer "+tok)
	w := &discardWriter{h: http.Header{}}

	verify := func() time.Duration {
		t0 := time.Now()
		if _, err := v.Verify(ctx, tok); err != nil {
			b.Fatal(err)
		}
		return time.Since(t0)
	}
	serve := func() time.Duration {
		t0 := time.Now()
		h.ServeHTTP(w, r)
		return time.Since(t0)
	}
	var tv, ts time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			tv += verify()
			ts += serve()
		} else {
			ts += serve()
			tv += verify()
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(tv.Nanoseconds())/n, "verify-ns/op")
	b.ReportMetric(float64(ts.Nanoseconds())/n, "middleware-ns/op")
	b.ReportMetric(float64((ts-tv).Nanoseconds())/n, "overhead-ns/op")
}

// benchOpaque answers every token as a valid API key.
type benchOpaque struct{}

func (benchOpaque) VerifyOpaque(_ context.Context, kind TokenKind, token string) (*MachineAuth, error) {
	return &MachineAuth{Kind: kind, ID: "ak_1", Subject: "org_1", OrgID: "org_1", Scopes: []string{"read:reports", "write:reports"}}, nil
}

// BenchmarkMiddlewareKindsPaired is BenchmarkMiddlewarePaired with every
// kind of token accepted and an opaque verifier configured: the cost of
// kind detection on the session path. Reproduce with:
//
//	go test -run '^$' -bench MiddlewareKindsPaired -benchtime 2s -count 6 ./clerkhttp/
func BenchmarkMiddlewareKindsPaired(b *testing.B) {
	v := newVerifier(b)
	tok := mint(b, baseClaims())
	ctx := context.Background()
	if _, err := v.Verify(ctx, tok); err != nil {
		b.Fatal(err)
	}
	h := Middleware(v, WithAuthorizedParties("https://app.example.com"),
		WithAcceptedTokens(SessionToken, M2MToken, OAuthToken, APIKey), WithOpaqueVerifier(benchOpaque{}))(
		RequireAuth(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if _, ok := ClaimsFromContext(r.Context()); !ok {
				b.Fatal("signed out")
			}
		})))
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("Authorization", "Bearer "+tok)
	w := &discardWriter{h: http.Header{}}
	var tv, ts time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		verify := func() {
			t0 := time.Now()
			if _, err := v.Verify(ctx, tok); err != nil {
				b.Fatal(err)
			}
			tv += time.Since(t0)
		}
		serve := func() {
			t0 := time.Now()
			h.ServeHTTP(w, r)
			ts += time.Since(t0)
		}
		if i%2 == 0 {
			verify()
			serve()
		} else {
			serve()
			verify()
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(tv.Nanoseconds())/n, "verify-ns/op")
	b.ReportMetric(float64(ts.Nanoseconds())/n, "middleware-ns/op")
	b.ReportMetric(float64((ts-tv).Nanoseconds())/n, "overhead-ns/op")
}

// BenchmarkOpaqueCached measures a cache hit of opaque-token verification
// (a map lookup under a lock and a copy of the answer). Reproduce with:
//
//	go test -run '^$' -bench OpaqueCached -benchtime 2s -count 6 ./clerkhttp/
func BenchmarkOpaqueCached(b *testing.B) {
	c := newOpaqueCache(benchOpaque{}, time.Hour, time.Second, DefaultOpaqueCacheSize)
	ctx := context.Background()
	const tok = "ak_live_0123456789abcdefghijklmnopqrstuvwxyz"
	if _, err := c.verify(ctx, APIKey, tok); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.verify(ctx, APIKey, tok); err != nil {
			b.Fatal(err)
		}
	}
}
