package redislimit_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/redislimit"
	"github.com/redis/go-redis/v9"
)

const testKey = "sk_test_redislimit_0123456789"

func TestNewRefusesBadInput(t *testing.T) {
	t.Parallel()
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	t.Cleanup(func() { _ = rdb.Close() })
	tests := []struct {
		name  string
		rdb   redis.Scripter
		key   string
		limit redislimit.Limit
		opts  []redislimit.Option
	}{
		{"nil client", nil, testKey, redislimit.Development, nil},
		{"nil *redis.Client", (*redis.Client)(nil), testKey, redislimit.Development, nil},
		{"nil *redis.ClusterClient", (*redis.ClusterClient)(nil), testKey, redislimit.Development, nil},
		{"empty key", rdb, "", redislimit.Development, nil},
		{"zero limit", rdb, testKey, redislimit.Limit{}, nil},
		{"negative burst", rdb, testKey, redislimit.Limit{Requests: 10, Per: time.Second, Burst: -1}, nil},
		{"burst over the budget", rdb, testKey, redislimit.Limit{Requests: 10, Per: time.Second, Burst: 11}, nil},
		{"too fast", rdb, testKey, redislimit.Limit{Requests: 1 << 30, Per: time.Millisecond}, nil},
		{"zero timeout", rdb, testKey, redislimit.Development, []redislimit.Option{redislimit.WithTimeout(0)}},
		{"zero probe interval", rdb, testKey, redislimit.Development, []redislimit.Option{redislimit.WithProbeInterval(0)}},
		{"zero replicas", rdb, testKey, redislimit.Development, []redislimit.Option{redislimit.WithReplicas(0)}},
		{"margin of 1", rdb, testKey, redislimit.Development, []redislimit.Option{redislimit.WithMargin(1)}},
		{"negative margin", rdb, testKey, redislimit.Development, []redislimit.Option{redislimit.WithMargin(-0.1)}},
		{"nil logger", rdb, testKey, redislimit.Development, []redislimit.Option{redislimit.WithLogger(nil)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l, err := redislimit.New(tt.rdb, tt.key, tt.limit, tt.opts...)
			if l != nil || !errors.Is(err, core.ErrInvalidInput) {
				t.Fatalf("New = %v, %v; want an invalid input error", l, err)
			}
			if strings.Contains(err.Error(), testKey) {
				t.Errorf("error %q shows the secret key", err)
			}
		})
	}
}

func TestKeyIsAHashOfTheSecret(t *testing.T) {
	t.Parallel()
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	t.Cleanup(func() { _ = rdb.Close() })
	key := func(secret string, opts ...redislimit.Option) string {
		l, err := redislimit.New(rdb, secret, redislimit.Production, opts...)
		if err != nil {
			t.Fatal(err)
		}
		return l.Key()
	}
	a, b := key(testKey), key(testKey+"x")
	if !strings.HasPrefix(a, redislimit.DefaultPrefix) || strings.Contains(a, testKey) || strings.Contains(a, "redislimit_0123") {
		t.Errorf("key %q: want the default prefix and no trace of the secret", a)
	}
	if a == b || a != key(testKey) {
		t.Errorf("keys %q, %q: want one key per secret", a, b)
	}
	if k := key(testKey, redislimit.WithPrefix("app1:")); !strings.HasPrefix(k, "app1:") {
		t.Errorf("key %q: want the prefix app1:", k)
	}
}

// admitTimes runs n Waits over the limiters, round robin, from n
// goroutines, and returns when each was admitted.
func admitTimes(t *testing.T, ls []*redislimit.Limiter, n int) []time.Time {
	t.Helper()
	var mu sync.Mutex
	var at []time.Time
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := ls[i%len(ls)].Wait(context.Background()); err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			at = append(at, time.Now())
			mu.Unlock()
		}()
	}
	wg.Wait()
	return at
}

// warmUp opens n connections of rdb's pool and loads nothing: dialing
// inside the measured calls would skew their admission times.
func warmUp(t *testing.T, rdb *redis.Client, n int) {
	t.Helper()
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := rdb.Ping(context.Background()).Err(); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}

// maxInWindow is the most instants in any half-open window of length w.
func maxInWindow(at []time.Time, w time.Duration) int {
	sorted := append([]time.Time(nil), at...)
	for i := 1; i < len(sorted); i++ {
		for j := i; j > 0 && sorted[j].Before(sorted[j-1]); j-- {
			sorted[j], sorted[j-1] = sorted[j-1], sorted[j]
		}
	}
	best, lo := 0, 0
	for hi := range sorted {
		for sorted[hi].Sub(sorted[lo]) >= w {
			lo++
		}
		best = max(best, hi-lo+1)
	}
	return best
}

func TestSharedBudget(t *testing.T) {
	t.Parallel()
	srv := startRedis(t)
	tests := []struct {
		name   string
		limit  redislimit.Limit
		n      int
		window time.Duration
		want   int // most admissions in any window
	}{
		{"even spacing", redislimit.Limit{Requests: 10, Per: time.Second}, 25, time.Second, 10},
		{"burst", redislimit.Limit{Requests: 10, Per: time.Second, Burst: 5}, 25, time.Second, 10},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Three "replicas" of one secret key, on their own clients.
			var ls []*redislimit.Limiter
			for range 3 {
				rdb := srv.Client()
				warmUp(t, rdb, tt.n)
				l, err := redislimit.New(rdb, testKey+tt.name, tt.limit, redislimit.WithMargin(0), redislimit.WithPrefix("t"+string(rune('a'+i))+":"))
				if err != nil {
					t.Fatal(err)
				}
				ls = append(ls, l)
			}
			// Load the script with a Wait on another key: 50 callers on a
			// cold Redis would all pay EVALSHA, NOSCRIPT, EVAL.
			other, err := redislimit.New(srv.Client(), "other", tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if err := other.Wait(context.Background()); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			at := admitTimes(t, ls, tt.n)
			elapsed := time.Since(start)
			// Local admission times carry the scheduling jitter of this
			// process (and of a loaded machine), so allow two extra per
			// window; the fleet test measures at the API's side.
			if got := maxInWindow(at, tt.window); got > tt.want+2 {
				t.Errorf("%d admissions in one window of %v, want at most %d", got, tt.window, tt.want)
			} else {
				t.Logf("%d admissions at most in one window of %v (budget %d)", got, tt.window, tt.want)
			}
			// 25 requests at 10 per second need about 1.5s once the first
			// burst is spent; much less means the budget was not shared.
			if min := time.Duration(tt.n-tt.limit.Requests) * tt.window / time.Duration(tt.limit.Requests); elapsed < min*9/10 {
				t.Errorf("%d admissions took %v, want at least %v", tt.n, elapsed, min)
			}
			var st redislimit.Stats
			for _, l := range ls {
				s := l.Stats()
				st.Shared += s.Shared
				st.RoundTrips += s.RoundTrips
				st.Local += s.Local
			}
			if st.Shared != int64(tt.n) || st.Local != 0 {
				t.Errorf("stats %+v: want %d shared admissions and no local ones", st, tt.n)
			}
			if st.RoundTrips != int64(tt.n) {
				t.Errorf("%d round trips for %d admissions", st.RoundTrips, tt.n)
			}
		})
	}
}

func TestWaitRefusesPastTheDeadline(t *testing.T) {
	t.Parallel()
	srv := startRedis(t)
	l, err := redislimit.New(srv.Client(), testKey, redislimit.Limit{Requests: 1, Per: time.Hour}, redislimit.WithMargin(0))
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = l.Wait(ctx)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 150*time.Millisecond {
		t.Fatalf("Wait = %v after %v; want DeadlineExceeded at once", err, time.Since(start))
	}
	if st := l.Stats(); st.Refused != 1 || st.Shared != 1 {
		t.Errorf("stats %+v: want 1 shared, 1 refused", st)
	}
	// A cancelled context sends nothing.
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	before := l.Stats().RoundTrips
	if err := l.Wait(ctx); !errors.Is(err, context.Canceled) || l.Stats().RoundTrips != before {
		t.Errorf("Wait on a cancelled context = %v, round trips %d -> %d", err, before, l.Stats().RoundTrips)
	}
}

func TestObserveRateLimitPausesEveryReplica(t *testing.T) {
	t.Parallel()
	srv := startRedis(t)
	limit := redislimit.Limit{Requests: 1000, Per: time.Second}
	a, err := redislimit.New(srv.Client(), testKey, limit)
	if err != nil {
		t.Fatal(err)
	}
	b, err := redislimit.New(srv.Client(), testKey, limit)
	if err != nil {
		t.Fatal(err)
	}
	a.ObserveRateLimit(context.Background(), 300*time.Millisecond)
	start := time.Now()
	if err := b.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 250*time.Millisecond || d > 2*time.Second {
		t.Errorf("the other replica waited %v after a 300ms Retry-After", d)
	}
	if st := a.Stats(); st.Pauses != 1 {
		t.Errorf("stats %+v: want 1 pause", st)
	}
	// A pause shorter than the queue already there changes nothing.
	a.ObserveRateLimit(context.Background(), time.Microsecond)
	start = time.Now()
	if err := b.Wait(context.Background()); err != nil || time.Since(start) > 100*time.Millisecond {
		t.Errorf("Wait = %v after %v; want no pause", err, time.Since(start))
	}
}

func TestScriptReloadedAfterFlush(t *testing.T) {
	t.Parallel()
	srv := startRedis(t)
	rdb := srv.Client()
	l, err := redislimit.New(rdb, testKey, redislimit.Production)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := rdb.ScriptFlush(context.Background()).Err(); err != nil {
			t.Fatal(err)
		}
		before := l.Stats().RoundTrips
		if err := l.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := l.Stats().RoundTrips - before; n != 2 {
			t.Errorf("%d round trips after SCRIPT FLUSH, want 2 (EVALSHA, EVAL)", n)
		}
		before = l.Stats().RoundTrips
		if err := l.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := l.Stats().RoundTrips - before; n != 1 {
			t.Errorf("%d round trips with the script loaded, want 1", n)
		}
	}
}

// syncBuffer is a log sink safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// hangingServer accepts connections and never answers: a Redis that hangs.
func hangingServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		_ = ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			_ = c.Close()
		}
	})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	return ln.Addr().String()
}

func TestFallsBackWhenRedisFails(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		rdb  func(t *testing.T) *redis.Client
	}{
		{"nothing listening", func(t *testing.T) *redis.Client {
			return redis.NewClient(&redis.Options{Addr: "127.0.0.1:" + itoa(freePort(t))})
		}},
		{"hanging, client without timeouts", func(t *testing.T) *redis.Client {
			// go-redis's defaults: 3s read timeout, context deadlines
			// ignored. The limiter's own timeout still holds.
			return redis.NewClient(&redis.Options{Addr: hangingServer(t)})
		}},
		{"hanging, client ending calls at their deadline", func(t *testing.T) *redis.Client {
			return redis.NewClient(&redis.Options{Addr: hangingServer(t), ContextTimeoutEnabled: true})
		}},
		{"refusing (NOAUTH)", func(t *testing.T) *redis.Client {
			srv := startRedis(t, "--requirepass", "s3cret")
			return srv.Client()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rdb := tt.rdb(t)
			t.Cleanup(func() { _ = rdb.Close() })
			var logs syncBuffer
			l, err := redislimit.New(rdb, testKey, redislimit.Limit{Requests: 100, Per: time.Second},
				redislimit.WithReplicas(2), redislimit.WithTimeout(50*time.Millisecond),
				redislimit.WithProbeInterval(100*time.Millisecond),
				redislimit.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			var worst time.Duration
			for range 20 {
				ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
				t0 := time.Now()
				err := l.Wait(ctx)
				cancel()
				worst = max(worst, time.Since(t0))
				if err != nil {
					t.Fatalf("Wait = %v; want the local fallback to admit", err)
				}
			}
			// 20 at 47.5/s with a burst of 1 take ~400ms, plus a few
			// probes of at most 50ms each.
			if el := time.Since(start); el > 2*time.Second || worst > 250*time.Millisecond {
				t.Errorf("20 Waits took %v, the worst %v", el, worst)
			}
			st := l.Stats()
			if !st.Degraded || st.Local != 20 || st.Failures < 1 || st.Failures > 10 {
				t.Errorf("stats %+v: want degraded, 20 local admissions, a few probes", st)
			}
			if n := strings.Count(logs.String(), "falling back"); n != 1 {
				t.Errorf("logged the switch %d times, want once:\n%s", n, logs.String())
			}
			if strings.Contains(logs.String(), testKey) {
				t.Error("the log shows the secret key")
			}
		})
	}
}

func TestReturnsToRedisAfterARestart(t *testing.T) {
	t.Parallel()
	srv := startRedis(t)
	var logs syncBuffer
	l, err := redislimit.New(srv.Client(), testKey, redislimit.Limit{Requests: 1000, Per: time.Second},
		redislimit.WithProbeInterval(100*time.Millisecond), redislimit.WithTimeout(50*time.Millisecond),
		redislimit.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	if err != nil {
		t.Fatal(err)
	}
	wait := func() {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if err := l.Wait(ctx); err != nil {
			t.Fatal(err)
		}
	}
	wait()
	srv.Kill()
	wait()
	if !l.Stats().Degraded {
		t.Fatalf("stats %+v: want degraded with Redis down", l.Stats())
	}
	srv.Start()
	deadline := time.Now().Add(3 * time.Second)
	for l.Stats().Degraded && time.Now().Before(deadline) {
		wait()
		time.Sleep(10 * time.Millisecond)
	}
	wait()
	st := l.Stats()
	if st.Degraded || st.Shared < 2 || st.Local < 1 {
		t.Errorf("stats %+v: want back on the shared budget", st)
	}
	if !strings.Contains(logs.String(), "back to the shared budget") {
		t.Errorf("log does not show the switch back:\n%s", logs.String())
	}
}

// A caller whose deadline cuts the call to Redis short falls back alone: a
// timeout it caused says nothing about Redis.
func TestShortDeadlineDoesNotDegrade(t *testing.T) {
	t.Parallel()
	rdb := redis.NewClient(&redis.Options{Addr: hangingServer(t), ContextTimeoutEnabled: true})
	t.Cleanup(func() { _ = rdb.Close() })
	l, err := redislimit.New(rdb, testKey, redislimit.Production, redislimit.WithTimeout(200*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := l.Wait(ctx); err != nil {
		t.Fatalf("Wait = %v; want the local share to admit", err)
	}
	if d := time.Since(start); d > 55*time.Millisecond {
		t.Errorf("Wait took %v with 60ms left", d)
	}
	if st := l.Stats(); st.Degraded || st.Failures != 0 || st.Local != 1 {
		t.Errorf("stats %+v: want one local admission and no switch", st)
	}
}
