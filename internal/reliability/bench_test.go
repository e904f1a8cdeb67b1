package reliability_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/users"
)

// Benchmarks here are paired: each iteration runs the baseline and the
// subject once, alternating which goes first, and reports both times and
// their ratio, so the noise of a shared machine hits both alike. Reproduce
// with:
//
//	go test -run '^$' -bench . -count 10 ./internal/reliability/

// pairedWalk times two walks per iteration and reports them as
// <a>-ns/op, <b>-ns/op and b/a.
func pairedWalk(b *testing.B, aName string, a func() int, bName string, bf func() int, want int) {
	b.Helper()
	timed := func(f func() int) time.Duration {
		start := time.Now()
		n := f()
		d := time.Since(start)
		if n != want {
			b.Fatalf("walked %d items, want %d", n, want)
		}
		return d
	}
	timed(a) // warm connections and pools
	timed(bf)
	var at, bt time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			at += timed(a)
			bt += timed(bf)
		} else {
			bt += timed(bf)
			at += timed(a)
		}
	}
	b.ReportMetric(float64(at.Nanoseconds())/float64(b.N), aName+"-ns/op")
	b.ReportMetric(float64(bt.Nanoseconds())/float64(b.N), bName+"-ns/op")
	b.ReportMetric(float64(bt)/float64(at), "ratio")
}

// BenchmarkUsersAllPaired: walking 1,000 users in pages of 100 with
// Users.All against the hand-written loop a careful user would write with
// net/http and encoding/json (offset paging, same headers, same
// *http.Client, decoding into users.User).
func BenchmarkUsersAllPaired(b *testing.B) {
	const total, limit = 1000, 100
	srv := newListServer(total, 0, nil)
	defer srv.Close()
	c, tr := newClient(b, srv.URL)
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr}
	ctx := context.Background()
	raw := func() int {
		n := 0
		for offset := 0; ; offset += limit {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/v1/users?limit=%d&offset=%d", srv.URL, limit, offset), nil)
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer "+testKey)
			req.Header.Set("Clerk-API-Version", "2026-05-12")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var page []*users.User
			err = json.NewDecoder(resp.Body).Decode(&page)
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				b.Fatal(resp.StatusCode, err)
			}
			n += len(page)
			if len(page) < limit {
				return n
			}
		}
	}
	sdk := func() int {
		n := 0
		for _, err := range c.Users.All(ctx, &users.ListParams{Limit: limit}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		return n
	}
	pairedWalk(b, "raw", raw, "sdk", sdk, total)
}

// BenchmarkPrefetchWalkPaired: the same 20-page walk (10 users a page,
// 5 ms per page on the server) one page at a time and with
// clerk.WithPrefetch(8). ratio = prefetch time / sequential time.
func BenchmarkPrefetchWalkPaired(b *testing.B) {
	const pages, limit = 20, 10
	srv := newListServer(pages*limit-1, 5*time.Millisecond, nil)
	defer srv.Close()
	c, tr := newClient(b, srv.URL)
	defer tr.CloseIdleConnections()
	walk := func(opts ...clerk.RequestOption) func() int {
		return func() int {
			n := 0
			for _, err := range c.Users.All(context.Background(), &users.ListParams{Limit: limit}, opts...) {
				if err != nil {
					b.Fatal(err)
				}
				n++
			}
			return n
		}
	}
	pairedWalk(b, "sequential", walk(),
		"prefetch8", walk(clerk.WithPrefetch(8)), pages*limit-1)
}
