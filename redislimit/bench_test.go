package redislimit_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/clerkgo/clerk/redislimit"
	"github.com/redis/go-redis/v9"
)

// BenchmarkRoundTripsUnderContention: 4 replicas with 8 callers each
// contend for a budget of 2000 requests per second, so that nearly every
// Wait sleeps for its slot. It reports the Redis round trips per admitted
// request.
func BenchmarkRoundTripsUnderContention(b *testing.B) {
	srv := startRedis(b)
	const replicas, callers = 4, 8
	var ls []*redislimit.Limiter
	for range replicas {
		l, err := redislimit.New(srv.Client(), testKey+b.Name(), redislimit.Limit{Requests: 2000, Per: time.Second})
		if err != nil {
			b.Fatal(err)
		}
		if err := l.Wait(context.Background()); err != nil { // load the script, dial
			b.Fatal(err)
		}
		ls = append(ls, l)
	}
	base := make([]redislimit.Stats, replicas)
	for i, l := range ls {
		base[i] = l.Stats()
	}
	b.ResetTimer()
	var wg sync.WaitGroup
	next := make(chan struct{})
	go func() {
		for range b.N {
			next <- struct{}{}
		}
		close(next)
	}()
	for i := range replicas * callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range next {
				if err := ls[i%replicas].Wait(context.Background()); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	var rt, admitted int64
	for i, l := range ls {
		s := l.Stats()
		rt += s.RoundTrips - base[i].RoundTrips
		admitted += s.Shared + s.Local - base[i].Shared - base[i].Local
	}
	b.ReportMetric(float64(rt)/float64(admitted), "roundtrips/admit")
}

// BenchmarkWaitVsPing pairs, inside one loop, a bare PING with a Wait
// that never has to sleep (a budget far above the rate), both against a
// local Redis: the difference is what the Limiter adds to a round trip.
// With a client that ends calls at their context's deadline
// (ContextTimeoutEnabled) the Limiter calls it directly; with any other it
// calls from a goroutine it can stop waiting for.
func BenchmarkWaitVsPing(b *testing.B) {
	srv := startRedis(b)
	for _, bc := range []struct {
		name       string
		ctxTimeout bool
	}{{"deadline-aware-client", true}, {"plain-client", false}} {
		b.Run(bc.name, func(b *testing.B) {
			rdb := redis.NewClient(&redis.Options{Addr: srv.Addr(), ContextTimeoutEnabled: bc.ctxTimeout})
			defer rdb.Close()
			l, err := redislimit.New(rdb, testKey+bc.name, redislimit.Limit{Requests: 1 << 20, Per: time.Second})
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			if err := l.Wait(ctx); err != nil {
				b.Fatal(err)
			}
			var ping, wait time.Duration
			b.ResetTimer()
			for range b.N {
				t0 := time.Now()
				if err := rdb.Ping(ctx).Err(); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				if err := l.Wait(ctx); err != nil {
					b.Fatal(err)
				}
				t2 := time.Now()
				ping += t1.Sub(t0)
				wait += t2.Sub(t1)
			}
			b.StopTimer()
			n := float64(b.N)
			b.ReportMetric(float64(ping.Nanoseconds())/n, "ping-ns/op")
			b.ReportMetric(float64(wait.Nanoseconds())/n, "wait-ns/op")
			b.ReportMetric(float64((wait-ping).Nanoseconds())/n, "added-ns/op")
			if s := l.Stats(); s.Local != 0 || s.Refused != 0 {
				b.Fatalf("stats %+v: every Wait should be admitted by Redis", s)
			}
		})
	}
}
