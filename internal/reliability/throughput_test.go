package reliability_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/users"
	"golang.org/x/time/rate"
)

// listServer generates GET /users pages on the fly from an item count,
// so a walk over 100,000 users costs the server no memory. It pages by
// offset or by starting_after, can wait before each answer, and can
// enforce a rate budget with a token bucket of its own.
type listServer struct {
	*httptest.Server
	total int
	delay time.Duration
	// bucket, when set, refuses requests over the budget with 429.
	bucket *rate.Limiter

	requests, refused atomic.Int64
	mu                sync.Mutex
	first, last       time.Time
	// queries of the list requests, when record is set.
	record  bool
	queries []url.Values
}

func newListServer(total int, delay time.Duration, bucket *rate.Limiter) *listServer {
	s := &listServer{total: total, delay: delay, bucket: bucket}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

func listUserID(i int) string { return fmt.Sprintf("user_%07d", i) }

func (s *listServer) serve(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	s.mu.Lock()
	if s.first.IsZero() {
		s.first = now
	}
	s.last = now
	s.mu.Unlock()
	s.requests.Add(1)
	if s.bucket != nil && !s.bucket.AllowN(now, 1) {
		s.refused.Add(1)
		w.Header().Set("Retry-After", "1")
		writeJSON(w, http.StatusTooManyRequests, errJSON("too_many_requests", "over budget"))
		return
	}
	if s.delay > 0 {
		time.Sleep(s.delay)
	}
	q := r.URL.Query()
	if s.record {
		s.mu.Lock()
		s.queries = append(s.queries, q)
		s.mu.Unlock()
	}
	limit, _ := strconv.Atoi(q.Get("limit"))
	start, _ := strconv.Atoi(q.Get("offset"))
	if after := q.Get("starting_after"); after != "" {
		n, _ := strconv.Atoi(strings.TrimPrefix(after, "user_"))
		start = n + 1
	}
	if r.URL.Path != "/v1/users" {
		// Single reads (the limiter test).
		writeJSON(w, 200, userJSON(&fakeUser{ID: "user_1"}, 1))
		return
	}
	var b strings.Builder
	b.WriteByte('[')
	for i := start; i < min(start+limit, s.total); i++ {
		if i > start {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":%q,"object":"user","public_metadata":{},"email_addresses":[],"banned":false,"created_at":%d,"updated_at":%d}`,
			listUserID(i), 1715000000000+i, 1715000000000+i)
	}
	b.WriteByte(']')
	writeJSON(w, 200, []byte(b.String()))
}

// span is the time between the first and the last request.
func (s *listServer) span() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last.Sub(s.first)
}

// walkHeap walks n users with Users.All and returns the peak HeapInuse
// over the heap in use before the walk, sampled every 1,000 items.
func walkHeap(t *testing.T, n int, opts ...clerk.RequestOption) (peak uint64, perItem float64) {
	t.Helper()
	srv := newListServer(n, 0, nil)
	defer srv.Close()
	c, tr := newClient(t, srv.URL)
	defer tr.CloseIdleConnections()
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base, allocs := ms.HeapInuse, ms.TotalAlloc
	seen := 0
	for u, err := range c.Users.All(context.Background(), &users.ListParams{Limit: 500}, opts...) {
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != listUserID(seen) {
			t.Fatalf("item %d is %s", seen, u.ID)
		}
		if seen++; seen%1000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse-min(ms.HeapInuse, base))
		}
	}
	if seen != n {
		t.Fatalf("walked %d users, want %d", seen, n)
	}
	runtime.ReadMemStats(&ms)
	return peak, float64(ms.TotalAlloc-allocs) / float64(n)
}

// TestWalkMemoryIsFlat: walking 100,000 users holds no more memory than
// walking 10,000: the iterator keeps one page at a time, whatever the
// length of the list (cursor paging and, with WithPrefetch, offset
// paging with up to n pages held).
func TestWalkMemoryIsFlat(t *testing.T) {
	// Not parallel: the heap figures need the process to themselves.
	if testing.Short() {
		t.Skip("walks 220,000 users")
	}
	for _, mode := range []struct {
		name string
		opts []clerk.RequestOption
	}{
		{"cursor", nil},
		{"prefetch 4", []clerk.RequestOption{clerk.WithPrefetch(4)}},
	} {
		small, perSmall := walkHeap(t, 10_000, mode.opts...)
		large, perLarge := walkHeap(t, 100_000, mode.opts...)
		t.Logf("%s: peak heap above the start: %.2f MiB for 10,000 users, %.2f MiB for 100,000 (%.0f and %.0f bytes allocated per user)",
			mode.name, float64(small)/(1<<20), float64(large)/(1<<20), perSmall, perLarge)
		// Ten times the items may not need much more memory; the GC's
		// 4 MiB minimum heap target absorbs the noise.
		if large > 2*small+4<<20 {
			t.Errorf("%s: peak heap grows with the list: %d bytes for 10k users, %d for 100k", mode.name, small, large)
		}
	}
}

// jitterTokens widen the burst of a server's token bucket over the
// client's: at 100 requests/s they allow 100 ms of scheduling jitter
// between a request leaving the client's limiter and reaching the handler
// (two requests released 10 ms apart can arrive together on a loaded
// machine). The rate, which is what the budget is about, is the same.
const jitterTokens = 10

// TestPrefetchReachesTheRateLimit: with 50 ms per page and a 100
// requests/s limit, a sequential walk reaches 20 pages/s; with 8 fetches
// in flight the walk runs at 80% or more of the limit, keeps the items in
// order, and stays within the budget the server enforces.
func TestPrefetchReachesTheRateLimit(t *testing.T) {
	const limit, perPage, delay = 100, 10, 50 * time.Millisecond
	pages := 200 // two seconds at the limit
	if testing.Short() {
		pages = 50
	}
	walk := func(opts []clerk.RequestOption, pages int) (float64, *listServer) {
		srv := newListServer(pages*perPage-perPage/2, delay, rate.NewLimiter(limit, 1+jitterTokens))
		defer srv.Close()
		c, tr := newClient(t, srv.URL, clerk.WithRateLimit(limit, 1))
		defer tr.CloseIdleConnections()
		start := time.Now()
		n := 0
		for u, err := range c.Users.All(context.Background(), &users.ListParams{Limit: perPage}, opts...) {
			if err != nil {
				t.Fatal(err)
			}
			if u.ID != listUserID(n) {
				t.Fatalf("item %d is %s: out of order", n, u.ID)
			}
			n++
		}
		if n != pages*perPage-perPage/2 {
			t.Fatalf("walked %d users", n)
		}
		return float64(pages) / time.Since(start).Seconds(), srv
	}
	seqRate, _ := walk(nil, 20)
	rate8, srv := walk([]clerk.RequestOption{clerk.WithPrefetch(8)}, pages)
	reqs := srv.requests.Load()
	t.Logf("sequential: %.1f pages/s; prefetch 8: %.1f pages/s over %d pages (%.0f%% of the %d/s limit, %.1fx sequential); %d requests (%d past the end), %d refused by the server's bucket",
		seqRate, rate8, pages, 100*rate8/limit, limit, rate8/seqRate, reqs, reqs-int64(pages), srv.refused.Load())
	if rate8 < 0.8*limit {
		t.Errorf("prefetching walk reached %.1f pages/s, want >= %.0f", rate8, 0.8*limit)
	}
	if srv.refused.Load() != 0 {
		t.Errorf("%d requests over the budget", srv.refused.Load())
	}
	if span := srv.span().Seconds(); float64(reqs) > limit*span+2 {
		t.Errorf("%d requests in %.2fs: over the %d/s limit", reqs, span, limit)
	}
	if reqs > int64(pages)+7 {
		t.Errorf("%d requests for %d pages: more than n-1 past the end", reqs, pages)
	}
}

// TestLimiterUsesTheBudget: 50 goroutines share a client limited to 100
// requests/s (burst 10) against a server that enforces the same budget
// with its own token bucket: no request is refused, and the goroutines
// together use at least 90% of the budget.
func TestLimiterUsesTheBudget(t *testing.T) {
	const limit, burst, workers = 100, 10, 50
	run := 2 * time.Second
	if testing.Short() {
		run = 500 * time.Millisecond
	}
	srv := newListServer(0, 0, rate.NewLimiter(limit, burst+jitterTokens))
	defer srv.Close()
	c, tr := newClient(t, srv.URL, clerk.WithRateLimit(limit, burst), clerk.WithMaxRetries(0))
	defer tr.CloseIdleConnections()
	// Cancel rather than a deadline: a limiter refuses at once a wait that
	// would pass a deadline, which would turn the goroutines into spinners.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(run, cancel)
	start := time.Now()
	var ok, failed atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				if _, err := c.Users.Get(ctx, "user_1"); err == nil {
					ok.Add(1)
				} else if ctx.Err() == nil {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := srv.span()
	budget := limit*elapsed.Seconds() + burst
	used := float64(srv.requests.Load()) / budget
	t.Logf("%d goroutines, %v: %d requests served, %d refused, budget %.0f (100/s x %v + burst %d): %.1f%% used",
		workers, time.Since(start).Round(time.Millisecond), ok.Load(), srv.refused.Load(), budget, elapsed.Round(time.Millisecond), burst, 100*used)
	if srv.refused.Load() != 0 || failed.Load() != 0 {
		t.Errorf("%d requests refused by the server, %d calls failed", srv.refused.Load(), failed.Load())
	}
	if used < 0.9 {
		t.Errorf("used %.1f%% of the budget, want >= 90%%", 100*used)
	}
}

// TestUsersAllPagingMode: Users.All pages by cursor by default and by
// offset when prefetching (a cursor is only known once the previous page
// has arrived), unless the caller set StartingAfter; items come in order
// either way.
func TestUsersAllPagingMode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		prefetch int
		params   users.ListParams
		// wantCursor: pages after the first carry starting_after, else offset.
		wantCursor bool
		from       int
	}{
		{name: "default: cursor", wantCursor: true},
		{name: "prefetch 4: offset", prefetch: 4},
		{name: "prefetch 1 is sequential: cursor", prefetch: 1, wantCursor: true},
		{name: "prefetch with StartingAfter keeps the cursor", prefetch: 4, params: users.ListParams{StartingAfter: listUserID(4)}, wantCursor: true, from: 5},
		{name: "prefetch with another ordering: offset", prefetch: 4, params: users.ListParams{OrderBy: "-email_address"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			const total, limit = 53, 10
			srv := newListServer(total, 0, nil)
			srv.record = true
			defer srv.Close()
			c, tr := newClient(t, srv.URL)
			defer tr.CloseIdleConnections()
			var opts []clerk.RequestOption
			if tt.prefetch > 0 {
				opts = append(opts, clerk.WithPrefetch(tt.prefetch))
			}
			p := tt.params
			p.Limit = limit
			n := tt.from
			for u, err := range c.Users.All(context.Background(), &p, opts...) {
				if err != nil {
					t.Fatal(err)
				}
				if u.ID != listUserID(n) {
					t.Fatalf("item %d is %s", n, u.ID)
				}
				n++
			}
			if n != total {
				t.Errorf("walk ended at %d, want %d", n, total)
			}
			srv.mu.Lock()
			defer srv.mu.Unlock()
			for i, q := range srv.queries {
				if i == 0 && tt.params.StartingAfter == "" {
					continue // the first page has neither
				}
				if got := q.Has("starting_after"); got != tt.wantCursor {
					t.Errorf("request %d (%v): starting_after present %v, want %v", i, q, got, tt.wantCursor)
				}
				if got := q.Get("offset") != ""; got == tt.wantCursor {
					t.Errorf("request %d (%v): offset present %v", i, q, got)
				}
			}
		})
	}
}
