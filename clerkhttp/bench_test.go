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
