package clerk_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/users"
)

// getBench is one local API and the two ways of calling it: the SDK, and
// the net/http + encoding/json code a careful user would write by hand.
// Both share one *http.Client (same transport, same connection pool).
type getBench struct {
	srv *httptest.Server
	hc  *http.Client
	c   *clerk.Client
	url string
}

func newGetBench(b *testing.B) *getBench {
	b.Helper()
	body := []byte(userJSON)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	b.Cleanup(srv.Close)
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	b.Cleanup(hc.CloseIdleConnections)
	c, err := clerk.NewClient(testKey, clerk.WithHTTPClient(hc), clerk.WithBaseURL(srv.URL+"/v1"))
	if err != nil {
		b.Fatal(err)
	}
	return &getBench{srv: srv, hc: hc, c: c, url: srv.URL + "/v1/users/user_2abc"}
}

// raw is the hand-written baseline: the same headers, status check and
// decode into the same type.
func (g *getBench) raw(ctx context.Context) (*users.User, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, g.url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+testKey)
	req.Header.Set("Clerk-API-Version", "2026-05-12")
	resp, err := g.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	u := new(users.User)
	if err := json.NewDecoder(resp.Body).Decode(u); err != nil {
		return nil, err
	}
	io.Copy(io.Discard, resp.Body) // let the connection be reused
	return u, nil
}

func (g *getBench) sdk(ctx context.Context) (*users.User, error) {
	return g.c.Users.Get(ctx, "user_2abc")
}

// BenchmarkUsersGet gives each side's ns/op and allocs/op on its own.
func BenchmarkUsersGet(b *testing.B) {
	g := newGetBench(b)
	ctx := context.Background()
	for _, side := range []struct {
		name string
		call func(context.Context) (*users.User, error)
	}{{"raw", g.raw}, {"sdk", g.sdk}} {
		b.Run(side.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				u, err := side.call(ctx)
				if err != nil || u.ID != "user_2abc" {
					b.Fatal(u, err)
				}
			}
		})
	}
}

// BenchmarkUsersGetPaired alternates the two sides inside one loop, so both
// see the same machine state (CPU frequency, GC, neighbours); it reports
// each side's mean time and their ratio.
func BenchmarkUsersGetPaired(b *testing.B) { benchPaired(b, newGetBench(b)) }

func benchPaired(b *testing.B, g *getBench) {
	ctx := context.Background()
	var rawT, sdkT time.Duration
	timed := func(call func(context.Context) (*users.User, error)) time.Duration {
		start := time.Now()
		u, err := call(ctx)
		d := time.Since(start)
		if err != nil || u.ID != "user_2abc" {
			b.Fatal(u, err)
		}
		return d
	}
	// Warm both paths (connection, pools) before measuring.
	timed(g.raw)
	timed(g.sdk)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%2 == 0 { // alternate the order: neither side always runs second
			rawT += timed(g.raw)
			sdkT += timed(g.sdk)
		} else {
			sdkT += timed(g.sdk)
			rawT += timed(g.raw)
		}
	}
	b.ReportMetric(float64(rawT.Nanoseconds())/float64(b.N), "raw-ns/op")
	b.ReportMetric(float64(sdkT.Nanoseconds())/float64(b.N), "sdk-ns/op")
	b.ReportMetric(float64(sdkT)/float64(rawT), "ratio")
}

// stubRT answers every request from memory: with no socket and no server in
// the way, allocs/op and ns/op are the client side's alone, which makes the
// SDK's own overhead visible.
type stubRT struct{ body []byte }

func (s stubRT) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		r.Body.Close()
	}
	return &http.Response{
		StatusCode:    http.StatusOK,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(bytes.NewReader(s.body)),
		ContentLength: int64(len(s.body)),
		Request:       r,
	}, nil
}

func newInMemoryBench(b *testing.B) *getBench {
	b.Helper()
	hc := &http.Client{Transport: stubRT{body: []byte(userJSON)}}
	c, err := clerk.NewClient(testKey, clerk.WithHTTPClient(hc), clerk.WithBaseURL("http://api.test/v1"))
	if err != nil {
		b.Fatal(err)
	}
	return &getBench{hc: hc, c: c, url: "http://api.test/v1/users/user_2abc"}
}

// BenchmarkUsersGetInMemoryPaired is BenchmarkUsersGetPaired without the
// network: the ratio of the client sides alone.
func BenchmarkUsersGetInMemoryPaired(b *testing.B) { benchPaired(b, newInMemoryBench(b)) }

// BenchmarkUsersGetInMemory is BenchmarkUsersGet without the network.
func BenchmarkUsersGetInMemory(b *testing.B) {
	g := newInMemoryBench(b)
	ctx := context.Background()
	for _, side := range []struct {
		name string
		call func(context.Context) (*users.User, error)
	}{{"raw", g.raw}, {"sdk", g.sdk}} {
		b.Run(side.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				u, err := side.call(ctx)
				if err != nil || u.ID != "user_2abc" {
					b.Fatal(u, err)
				}
			}
		})
	}
}
